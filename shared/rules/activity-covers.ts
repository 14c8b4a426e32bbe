/** The cloud storage folder activity covers are uploaded to; `save` accepts covers from here only. */
export const ACTIVITY_COVER_DIR = 'activity-covers'

export function isActivityCover(fileId: string): boolean {
  return /^cloud:\/\/[^/]+\/activity-covers\//.test(fileId)
}
