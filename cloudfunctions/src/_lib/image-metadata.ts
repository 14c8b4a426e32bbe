/**
 * Removes what a photo says beyond its pixels: EXIF (camera, time, GPS), XMP, IPTC (names,
 * captions), comments and text chunks, thumbnails and appended images, by walking the file's own
 * structure (JPEG segments, PNG chunks, WEBP RIFF chunks); the image data is copied byte for byte,
 * never decoded. A JPEG keeps only its orientation, rewritten as a minimal EXIF, so a phone photo
 * does not turn on its side. Written here because the small libraries for this strip EXIF alone
 * (not IPTC or comments) and search for markers instead of walking segments.
 */

export type MetadataOutcome = { ok: true; data: Uint8Array } | { ok: false; reason: 'heic' | 'malformed' | 'unknown' }

export function stripMetadata(data: Uint8Array): MetadataOutcome {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return orFailure(stripJpeg(data))
  if (data.length >= 8 && ascii(data, 0, 8) === '\x89PNG\r\n\x1a\n') return orFailure(stripPng(data))
  if (data.length >= 12 && ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 12) === 'WEBP') return orFailure(stripWebp(data))
  if (data.length >= 12 && ascii(data, 4, 8) === 'ftyp') return { ok: false, reason: 'heic' }
  return { ok: false, reason: 'unknown' }
}

const orFailure = (data: Uint8Array | null): MetadataOutcome => (data ? { ok: true, data } : { ok: false, reason: 'malformed' })

function ascii(data: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...data.subarray(from, Math.min(to, data.length)))
}

const u16be = (data: Uint8Array, at: number) => (data[at]! << 8) | data[at + 1]!
const u32be = (data: Uint8Array, at: number) => ((data[at]! << 24) >>> 0) + (data[at + 1]! << 16) + (data[at + 2]! << 8) + data[at + 3]!
const u32le = (data: Uint8Array, at: number) => data[at]! + (data[at + 1]! << 8) + (data[at + 2]! << 16) + ((data[at + 3]! << 24) >>> 0)

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

// JPEG markers.
const SOS = 0xda
const EOI = 0xd9
const APP0 = 0xe0
const APP1 = 0xe1
const APP2 = 0xe2
const APP14 = 0xee
const COM = 0xfe

/** Which segments stay: everything that is not metadata, plus the colour profile and Adobe's colour transform. */
function keepsJpegSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === APP0) return ascii(payload, 0, 5) === 'JFIF\0'
  if (marker === APP2) return ascii(payload, 0, 12) === 'ICC_PROFILE\0'
  if (marker === APP14) return ascii(payload, 0, 5) === 'Adobe'
  return !(marker >= APP0 && marker <= 0xef) && marker !== COM
}

function stripJpeg(data: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = [data.subarray(0, 2)]
  let orientation = 1
  let at = 2
  while (at < data.length) {
    if (data[at] !== 0xff) return null
    while (data[at + 1] === 0xff) at += 1 // fill bytes
    const marker = data[at + 1]
    if (marker === undefined) return null
    if (marker === EOI) {
      // Whatever follows the end of the image (a second picture, a vendor trailer) is dropped.
      parts.push(data.subarray(at, at + 2))
      return insertOrientation(concat(parts), orientation)
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(data.subarray(at, at + 2))
      at += 2
      continue
    }
    if (at + 4 > data.length) return null
    const length = u16be(data, at + 2)
    const end = at + 2 + length
    if (length < 2 || end > data.length) return null
    const payload = data.subarray(at + 4, end)
    if (marker === APP1 && ascii(payload, 0, 6) === 'Exif\0\0') orientation = exifOrientation(payload.subarray(6)) ?? orientation
    if (keepsJpegSegment(marker, payload)) parts.push(data.subarray(at, end))
    at = end
    if (marker === SOS) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      let scan = at
      while (scan + 1 < data.length && !(data[scan] === 0xff && data[scan + 1] !== 0x00 && data[scan + 1] !== 0xff && !(data[scan + 1]! >= 0xd0 && data[scan + 1]! <= 0xd7))) scan += 1
      if (scan + 1 >= data.length) return null
      parts.push(data.subarray(at, scan))
      at = scan
    }
  }
  return null
}

/** The Orientation tag (0x0112) of a TIFF structure's first IFD, if it holds a valid value. */
function exifOrientation(tiff: Uint8Array): number | null {
  if (tiff.length < 8) return null
  const little = ascii(tiff, 0, 2) === 'II'
  if (!little && ascii(tiff, 0, 2) !== 'MM') return null
  const u16 = (at: number) => (little ? tiff[at]! | (tiff[at + 1]! << 8) : u16be(tiff, at))
  const ifd = little ? u32le(tiff, 4) : u32be(tiff, 4)
  if (ifd + 2 > tiff.length) return null
  const entries = u16(ifd)
  for (let index = 0; index < entries; index += 1) {
    const entry = ifd + 2 + index * 12
    if (entry + 12 > tiff.length) return null
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8)
      return value >= 1 && value <= 8 ? value : null
    }
  }
  return null
}

/** Puts back a minimal EXIF holding only the orientation, right after the JFIF header (or the start). */
function insertOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  if (orientation === 1) return jpeg
  const exif = new Uint8Array([
    0xff, APP1, 0x00, 0x22, // marker, length 34
    0x45, 0x78, 0x69, 0x66, 0x00, 0x00, // "Exif\0\0"
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF, first IFD at 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation, SHORT, 1 value
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ])
  const afterJfif = jpeg[3] === APP0 ? 4 + u16be(jpeg, 4) : 2
  return concat([jpeg.subarray(0, afterJfif), exif, jpeg.subarray(afterJfif)])
}

/** PNG chunks that carry text, time stamps, EXIF or signatures over them. */
const PNG_METADATA = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', 'dSIG'])

function stripPng(data: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = [data.subarray(0, 8)]
  let at = 8
  while (at + 12 <= data.length) {
    const end = at + 12 + u32be(data, at)
    if (end > data.length) return null
    const type = ascii(data, at + 4, at + 8)
    if (!PNG_METADATA.has(type)) parts.push(data.subarray(at, end))
    if (type === 'IEND') return concat(parts)
    at = end
  }
  return null
}

/** WEBP's extended header flags that announce EXIF and XMP chunks. */
const VP8X_EXIF = 0x08
const VP8X_XMP = 0x04

function stripWebp(data: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = []
  let at = 12
  const riffEnd = Math.min(data.length, 8 + u32le(data, 4))
  while (at + 8 <= riffEnd) {
    const size = u32le(data, at + 4)
    const end = at + 8 + size + (size % 2)
    if (at + 8 + size > riffEnd) return null
    const type = ascii(data, at, at + 4)
    if (type === 'VP8X') {
      const chunk = data.slice(at, Math.min(end, riffEnd))
      chunk[8] = chunk[8]! & ~(VP8X_EXIF | VP8X_XMP)
      parts.push(chunk)
    } else if (type !== 'EXIF' && type !== 'XMP ') {
      parts.push(data.subarray(at, Math.min(end, riffEnd)))
    }
    at = end
  }
  const body = concat(parts)
  const header = new Uint8Array(12)
  header.set(data.subarray(0, 12))
  const size = body.length + 4
  header.set([size & 0xff, (size >>> 8) & 0xff, (size >>> 16) & 0xff, (size >>> 24) & 0xff], 4)
  return concat([header, body])
}
