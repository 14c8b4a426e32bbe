/**
 * Error codes the local database answers with. They are the codes the cloud sends; the SDK maps
 * the known ones to errCode (DATABASE_COLLECTION_NOT_EXIST → -502005, DATABASE_REQUEST_FAILED →
 * -502001, DATABASE_INVALID_OPERRATOR → -502002, INVALID_PARAM → -501007, others → -501001), and
 * `runTransaction` re-runs its callback when a commit fails with DATABASE_TRANSACTION_CONFLICT.
 */
export type DatabaseErrorCode =
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'INVALID_PARAM'

export class DatabaseError extends Error {
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'DatabaseError'
  }
}

export const collectionNotFound = (name: string): DatabaseError =>
  new DatabaseError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound.TableNotExist] Db or Table not exist: ${name}. Declare it in cloudfunctions/collections.json.`,
  )

export const invalidParam = (message: string): DatabaseError => new DatabaseError('INVALID_PARAM', message)

export const duplicateKey = (collection: string, index: string, key: string): DatabaseError =>
  new DatabaseError(
    'DATABASE_REQUEST_FAILED',
    `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`,
  )
