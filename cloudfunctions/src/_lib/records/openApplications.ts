import { collection, type Doc } from '../db'

/**
 * Which join application is open for an ID number: one document per ID (its `_id` comes from the
 * ID's keyed hash), written in the same transaction as the application and removed when that
 * application is decided, so the database itself keeps a second open application out.
 */
export interface OpenApplicationRecord extends Doc {
  applicationId: string
  createdAt: Date
}

export const openApplications = collection<OpenApplicationRecord>('openApplications')

/** The document that holds an ID number's one open application. */
export const openApplicationIdFor = (idHash: string) => `oa-${idHash.slice(0, 32)}`
