import { EVIDENCE_DIR, MAX_EVIDENCE_BYTES } from '@shared/rules/complaint-evidence'
import { keepImages, type KeptImages } from '../_lib/images'
import { temporaryUrls } from '../_lib/storage'

/**
 * Evidence images in cloud storage: the filer's own uploads, checked and copied without their
 * metadata before a case refers to them, and turned into short-lived URLs only for people allowed
 * to see the case.
 */

/** Temporary URLs live this long: enough to look at a case, too short to pass around. */
const URL_MAX_AGE_SECONDS = 600

/** Refuses (INVALID_INPUT, naming `attachments.<i>`) a file that is not the filer's own upload, missing, too large or not an image. */
export function keepEvidence(fileIDs: string[], filerOpenid: string): Promise<KeptImages> {
  return keepImages(fileIDs, { dir: EVIDENCE_DIR, maxBytes: MAX_EVIDENCE_BYTES, field: 'attachments', list: true }, filerOpenid)
}

/** Short-lived URLs for the case's images, in order; a file that has gone missing is left out. */
export async function evidenceUrls(fileIDs: string[]): Promise<Array<{ url: string }>> {
  const urls = await temporaryUrls(fileIDs, URL_MAX_AGE_SECONDS)
  return fileIDs.flatMap((fileID) => {
    const url = urls.get(fileID)
    return url ? [{ url }] : []
  })
}
