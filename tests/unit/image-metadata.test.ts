import { stripMetadata } from '../../cloudfunctions/src/_lib/image-metadata'

/**
 * Metadata removal (issue 13 item 7) on real files: a JPEG made by an encoder (jpeg-js, 8×8) and a
 * PNG, with metadata put in the way cameras and editors put it. Stripping must give back exactly the
 * clean file: the image data is copied, never touched.
 */
const CLEAN_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wCEABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2MBERISGBUYLxoaL2NCOEJjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY//AABEIAAgACAMBEQACEQEDEQH/xAGiAAABBQEBAQEBAQAAAAAAAAAAAQIDBAUGBwgJCgsQAAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+gEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoLEQACAQIEBAMEBwUEBAABAncAAQIDEQQFITEGEkFRB2FxEyIygQgUQpGhscEJIzNS8BVictEKFiQ04SXxFxgZGiYnKCkqNTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqCg4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2dri4+Tl5ufo6ery8/T19vf4+fr/2gAMAwEAAhEDEQA/ABr73oVIVPIfI//Z',
  'base64',
)
const CLEAN_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')

/** What a camera and a messenger leave in a photo: a name, a phone number, GPS. */
const PERSONAL = ['陈小妹', '13812345678', 'GPSLatitude 30.2084', 'Xiaomi 13']

const segment = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker]), u16(payload.length + 2), payload])
function u16(value: number) {
  const out = Buffer.alloc(2)
  out.writeUInt16BE(value)
  return out
}

/** An EXIF APP1: a big-endian TIFF whose first IFD holds Orientation, an Artist string pointing past the IFD, and GPS text. */
function exifSegment(orientation: number): Buffer {
  const artist = Buffer.from(`${PERSONAL[0]} ${PERSONAL[1]}\0`, 'utf8')
  const ifd = Buffer.alloc(2 + 2 * 12 + 4)
  ifd.writeUInt16BE(2, 0)
  ifd.writeUInt16BE(0x0112, 2) // Orientation, SHORT, 1
  ifd.writeUInt16BE(3, 4)
  ifd.writeUInt32BE(1, 6)
  ifd.writeUInt16BE(orientation, 10)
  ifd.writeUInt16BE(0x013b, 14) // Artist, ASCII, at the offset after the IFD
  ifd.writeUInt16BE(2, 16)
  ifd.writeUInt32BE(artist.length, 18)
  ifd.writeUInt32BE(8 + ifd.length, 22)
  const tiff = Buffer.concat([Buffer.from('MM\0*\0\0\0\x08', 'latin1'), ifd, artist, Buffer.from(`${PERSONAL[2]} ${PERSONAL[3]}`)])
  return segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]))
}

const xmpSegment = () => segment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>${PERSONAL[0]}</dc:creator></x:xmpmeta>`))
const iptcSegment = () => segment(0xed, Buffer.concat([Buffer.from('Photoshop 3.0\x008BIM\x04\x04\0\0\0\0\0\x10\x1c\x02\x50\0\x09', 'latin1'), Buffer.from(PERSONAL[0]!)]))
const comment = () => segment(0xfe, Buffer.from(`联系人 ${PERSONAL[1]}`))
const mpfSegment = () => segment(0xe2, Buffer.from('MPF\0II*\0 a second picture follows'))
const iccSegment = () => segment(0xe2, Buffer.from('ICC_PROFILE\0\x01\x01 profile bytes'))

/** `CLEAN_JPEG` with `inserted` after its JFIF header, `beforeEnd` just before EOI and `trailer` after it. */
function jpegWith(inserted: Buffer[], { beforeEnd = [] as Buffer[], trailer = Buffer.alloc(0) } = {}): Buffer {
  const afterJfif = 4 + CLEAN_JPEG.readUInt16BE(4)
  const end = CLEAN_JPEG.length - 2
  return Buffer.concat([CLEAN_JPEG.subarray(0, afterJfif), ...inserted, CLEAN_JPEG.subarray(afterJfif, end), ...beforeEnd, CLEAN_JPEG.subarray(end), trailer])
}

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
