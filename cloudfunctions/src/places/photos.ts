import { FEEDBACK_PHOTO_DIR, PLACE_PHOTO_DIR } from '@shared/rules/places'
import { keepImages, type KeptImages } from '../_lib/images'

/** The same ceiling the local cloud's upload applies, checked again on the stored file. */
const MAX_PHOTO_BYTES = 10 * 1024 * 1024

/**
 * A place's photos as staff send them from the edit page: those the place already has stay, the
 * new ones must be the caller's own uploads and are kept as clean copies (`fileIDs`, in the order
 * sent); photos taken off the place are deleted once it is saved.
 */
export function keepPlacePhotos(fileIds: string[], already: string[], ownerOpenid: string): Promise<KeptImages> {
  return keepImages(fileIds, { dir: PLACE_PHOTO_DIR, maxBytes: MAX_PHOTO_BYTES, field: 'photos', list: true }, ownerOpenid, already)
}

/** The one photo a worker may add to a report or suggestion: their own upload, kept as a clean copy. */
export function keepFeedbackPhoto(fileId: string | undefined, ownerOpenid: string): Promise<KeptImages> {
  return keepImages(fileId ? [fileId] : [], { dir: FEEDBACK_PHOTO_DIR, maxBytes: MAX_PHOTO_BYTES, field: 'photo', list: false }, ownerOpenid)
}
