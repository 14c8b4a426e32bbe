/**
 * Photos with the metadata cameras and editors leave in them (issue 13 item 7): a real JPEG made by
 * an encoder (jpeg-js, 8×8) and a 1×1 PNG, and segments that carry a name, a phone number and GPS.
 */
export const CLEAN_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wCEABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2MBERISGBUYLxoaL2NCOEJjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY//AABEIAAgACAMBEQACEQEDEQH/xAGiAAABBQEBAQEBAQAAAAAAAAAAAQIDBAUGBwgJCgsQAAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+gEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoLEQACAQIEBAMEBwUEBAABAncAAQIDEQQFITEGEkFRB2FxEyIygQgUQpGhscEJIzNS8BVictEKFiQ04SXxFxgZGiYnKCkqNTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqCg4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2dri4+Tl5ufo6ery8/T19vf4+fr/2gAMAwEAAhEDEQA/ABr73oVIVPIfI//Z',
  'base64',
)
export const CLEAN_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')

/** What a camera and a messenger leave in a photo: a name, a phone number, GPS. */
export const PERSONAL = ['陈小妹', '13812345678', 'GPSLatitude 30.2084', 'Xiaomi 13']

export const segment = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker]), u16(payload.length + 2), payload])
function u16(value: number) {
  const out = Buffer.alloc(2)
  out.writeUInt16BE(value)
  return out
}

/** An EXIF APP1: a big-endian TIFF whose first IFD holds Orientation, an Artist string pointing past the IFD, and GPS text. */
export function exifSegment(orientation: number): Buffer {
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

export const xmpSegment = () => segment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>${PERSONAL[0]}</dc:creator></x:xmpmeta>`))
export const iptcSegment = () => segment(0xed, Buffer.concat([Buffer.from('Photoshop 3.0\x008BIM\x04\x04\0\0\0\0\0\x10\x1c\x02\x50\0\x09', 'latin1'), Buffer.from(PERSONAL[0]!)]))
export const comment = () => segment(0xfe, Buffer.from(`联系人 ${PERSONAL[1]}`))
export const mpfSegment = () => segment(0xe2, Buffer.from('MPF\0II*\0 a second picture follows'))
export const iccSegment = () => segment(0xe2, Buffer.from('ICC_PROFILE\0\x01\x01 profile bytes'))

/** `CLEAN_JPEG` with `inserted` after its JFIF header, `beforeEnd` just before EOI and `trailer` after it. */
export function jpegWith(inserted: Buffer[], { beforeEnd = [] as Buffer[], trailer = Buffer.alloc(0) } = {}): Buffer {
  const afterJfif = 4 + CLEAN_JPEG.readUInt16BE(4)
  const end = CLEAN_JPEG.length - 2
  return Buffer.concat([CLEAN_JPEG.subarray(0, afterJfif), ...inserted, CLEAN_JPEG.subarray(afterJfif, end), ...beforeEnd, CLEAN_JPEG.subarray(end), trailer])
}


/** What a phone uploads: EXIF with the owner's name and GPS, XMP, IPTC and a comment, and a trailer. */
export const DIRTY_JPEG = jpegWith([exifSegment(1), xmpSegment(), iptcSegment(), comment()], { trailer: Buffer.from(`thumbnail of ${PERSONAL[3]}`) })
