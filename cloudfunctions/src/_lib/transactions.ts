import { database, isDuplicateId, isTransactionConflict, unwrapOne, type Doc } from './db'
import { MAX_TRIES, pauseAfterLoss } from './contention'

/**
 * Inserts documents with chosen `_id`s, in any collections, all together or not at all (one
 * transaction); resolves false, writing nothing, when one of those ids, or of `alsoAbsent`, is
 * already taken. The uniqueness is the database's: two callers racing for the same id cannot both
 * insert it.
 */
export async function addAllIfAbsent(documents: Array<{ collection: string; doc: Doc }>, alsoAbsent: Array<{ collection: string; id: string }> = []): Promise<boolean> {
  const mustBeAbsent = [...documents.map(({ collection, doc }) => ({ collection, id: doc._id })), ...alsoAbsent]
  for (let round = 0; ; round += 1) {
    try {
      return await database().runTransaction(async (transaction) => {
        for (const { collection, id } of mustBeAbsent) {
          if (unwrapOne((await transaction.collection(collection).doc(id).get({ throwOnNotFound: false })).data)) return false
        }
        for (const { collection, doc } of documents) await transaction.collection(collection).add({ data: doc })
        return true
      })
    } catch (error) {
      // Another transaction wrote one of these ids first, which fails this one at once, or committed it
      // between this one's read and its insert (a duplicate key): nothing was written, and looking
      // again tells whether the id is taken now.
      if (!(isTransactionConflict(error) || isDuplicateId(error)) || round + 1 >= MAX_TRIES) throw error
      await pauseAfterLoss(round)
    }
  }
}
