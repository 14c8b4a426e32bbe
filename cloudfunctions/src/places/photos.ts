import { FEEDBACK_PHOTO_DIR, PLACE_PHOTO_DIR } from '@shared/rules/places'
import { checkImages } from '../_lib/images'

/** The same ceiling the local cloud's upload applies, checked again on the stored file. */
const MAX_PHOTO_BYTES = 10 * 1024 * 1024

/** A place's photos, uploaded by staff from the edit page. */
export function checkPlacePhotos(fileIds: string[]): Promise<void> {
  return checkImages(fileIds, { dir: PLACE_PHOTO_DIR, maxBytes: MAX_PHOTO_BYTES, field: 'photos', list: true })
}

/** The one photo a worker may add to a report or suggestion. */
export function checkFeedbackPhoto(fileId: string | undefined): Promise<void> {
  return checkImages(fileId ? [fileId] : [], { dir: FEEDBACK_PHOTO_DIR, maxBytes: MAX_PHOTO_BYTES, field: 'photo', list: false })
}
