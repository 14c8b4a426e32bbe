import { stripMetadata } from '../../cloudfunctions/src/_lib/image-metadata'
import { CLEAN_JPEG, CLEAN_PNG, comment, exifSegment, iccSegment, iptcSegment, jpegWith, mpfSegment, PERSONAL, segment, xmpSegment } from '../functions/photo-fixtures'

/**
 * Metadata removal (issue 13 item 7) on real files: a JPEG made by an encoder (jpeg-js, 8×8) and a
 * PNG, with metadata put in the way cameras and editors put it. Stripping must give back exactly the
 * clean file: the image data is copied, never touched.
 */
function stripped(data: Buffer): Buffer {
  const outcome = stripMetadata(data)
  if (!outcome.ok) throw new Error(`not stripped: ${outcome.reason}`)
  return Buffer.from(outcome.data)
}

const containsPersonal = (data: Buffer) => PERSONAL.filter((value) => data.includes(Buffer.from(value)) || data.toString('latin1').includes(value))

describe('stripMetadata', () => {
  it('gives back the clean JPEG from one with EXIF, XMP, IPTC, a comment, a second picture and a trailer', () => {
    const dirty = jpegWith([exifSegment(1), xmpSegment(), iptcSegment(), comment(), mpfSegment()], { beforeEnd: [comment()], trailer: Buffer.from(`\xff\xd8 thumbnail of ${PERSONAL[3]}`) })
    expect(containsPersonal(dirty)).toHaveLength(PERSONAL.length)
    const clean = stripped(dirty)
    expect(containsPersonal(clean)).toEqual([])
    expect(clean.equals(CLEAN_JPEG)).toBe(true)
  })

  it('keeps the orientation, and nothing else of the EXIF, so a phone photo stays upright', () => {
    const clean = stripped(jpegWith([exifSegment(6), iccSegment()]))
    expect(containsPersonal(clean)).toEqual([])
    const afterJfif = 4 + CLEAN_JPEG.readUInt16BE(4)
    const exif = clean.subarray(afterJfif, afterJfif + 36)
    expect(exif.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xe1]))
    expect(exif.subarray(4, 10).toString('latin1')).toBe('Exif\0\0')
    // One IFD entry: Orientation (0x0112) = 6.
    expect(exif.readUInt16BE(18)).toBe(1)
    expect(exif.readUInt16BE(20)).toBe(0x0112)
    expect(exif.readUInt16BE(28)).toBe(6)
    // The colour profile stays; the rest is the clean file.
    expect(Buffer.concat([clean.subarray(0, afterJfif), clean.subarray(afterJfif + 36)]).equals(Buffer.concat([jpegWith([iccSegment()])]))).toBe(true)
  })

  it('reads a little-endian EXIF orientation too', () => {
    const ifd = Buffer.from('II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x08\0\0\0\0\0\0\0', 'latin1')
    const clean = stripped(jpegWith([segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), ifd]))]))
    expect(clean.readUInt16BE(4 + CLEAN_JPEG.readUInt16BE(4) + 28)).toBe(8)
  })

  it('gives back the clean PNG from one with text, international text, EXIF and time chunks', () => {
    const chunk = (type: string, data: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, data.length]), Buffer.from(type, 'latin1'), data, Buffer.alloc(4)])
    const ihdrEnd = 8 + 12 + 13
    const dirty = Buffer.concat([
      CLEAN_PNG.subarray(0, ihdrEnd),
      chunk('tEXt', Buffer.from(`Author\0${PERSONAL[0]}`)),
      chunk('iTXt', Buffer.from(`Comment\0\0\0\0\0${PERSONAL[1]}`)),
      chunk('eXIf', Buffer.from(`MM\0*${PERSONAL[2]}`)),
      chunk('tIME', Buffer.alloc(7)),
      CLEAN_PNG.subarray(ihdrEnd),
      Buffer.from(PERSONAL[3]!),
    ])
    const clean = stripped(dirty)
    expect(containsPersonal(clean)).toEqual([])
    expect(clean.equals(CLEAN_PNG)).toBe(true)
  })

  it('drops EXIF and XMP chunks from an extended WEBP, clears their flags and fixes the RIFF size', () => {
    const chunk = (type: string, data: Buffer) => {
      const size = Buffer.alloc(4)
      size.writeUInt32LE(data.length)
      return Buffer.concat([Buffer.from(type, 'latin1'), size, data, Buffer.alloc(data.length % 2)])
    }
    const vp8x = Buffer.alloc(10)
    vp8x[0] = 0x08 | 0x04 | 0x10 // EXIF, XMP and alpha
    const image = chunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0]))
    const body = Buffer.concat([chunk('VP8X', vp8x), image, chunk('EXIF', Buffer.from(`MM\0*${PERSONAL[2]}`)), chunk('XMP ', Buffer.from(PERSONAL[0]!))])
    const size = Buffer.alloc(4)
    size.writeUInt32LE(body.length + 4)
    const clean = stripped(Buffer.concat([Buffer.from('RIFF'), size, Buffer.from('WEBP'), body]))
    expect(containsPersonal(clean)).toEqual([])
    expect(clean.readUInt32LE(4)).toBe(clean.length - 8)
    expect(clean.subarray(12, 16).toString('latin1')).toBe('VP8X')
    expect(clean[20]).toBe(0x10)
    expect(clean.subarray(30).equals(image)).toBe(true)
  })

  it('refuses what it cannot clean: HEIC, a truncated JPEG, anything else', () => {
    expect(stripMetadata(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(16)]))).toEqual({ ok: false, reason: 'heic' })
    expect(stripMetadata(jpegWith([exifSegment(1)]).subarray(0, 200))).toEqual({ ok: false, reason: 'malformed' })
    expect(stripMetadata(Buffer.from('GIF89a'))).toEqual({ ok: false, reason: 'unknown' })
  })
})
