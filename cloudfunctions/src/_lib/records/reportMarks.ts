import { collection, type Doc } from '../db'

/**
 * What one counted document (a member, an application, a complaint, an activity, a sign-up) adds
 * to the rollups as last folded: `b` is `<unionId>|<China day>` or `<unionId>|now`. The fold
 * subtracts this and adds what the document counts for now; a document that counts nothing has no mark.
 */
export interface MarkRecord extends Doc {
  collection: string
  sourceId: string
  entries: Array<{ b: string; k: string; n: number }>
  foldedAt: Date
}

export const reportMarks = collection<MarkRecord>('reportMarks')

export const markIdFor = (collectionName: string, sourceId: string) => `${collectionName}:${sourceId}`
