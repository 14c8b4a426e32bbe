import type { Collection, Doc } from '../_lib/db'
import type { LookupKind } from '../_lib/personal-data'
import { applications } from '../_lib/records/applications'
import { complaints } from '../_lib/records/complaints'
import { idempotency } from '../_lib/records/idempotency'
import { members } from '../_lib/records/members'

/** A ciphertext field, and the look-up hash stored beside it (if any), re-sealed together. */
export interface SealedField {
  cipher: string
  hash?: { field: string; kind: LookupKind }
}

const person: SealedField[] = [
  { cipher: 'idCipher', hash: { field: 'idHash', kind: 'idNumber' } },
  { cipher: 'phoneCipher', hash: { field: 'phoneHash', kind: 'phone' } },
]

/**
 * Every field that holds personal data sealed by `_lib/personal-data`, by collection, in the order a
 * key rotation walks them. A new encrypted field must be listed here, or a rotation would leave it
 * under a key that is later removed (tests/unit/sealed-fields.test.ts checks the sources for this).
 */
export const SEALED_FIELDS: ReadonlyArray<{ records: Pick<Collection<Doc>, 'name' | 'find' | 'updateWhere'>; fields: SealedField[] }> = [
  { records: applications, fields: person },
  { records: members, fields: person },
  { records: complaints, fields: [{ cipher: 'contactPhoneCipher' }, { cipher: 'callerNameCipher' }] },
  // A request's answer kept for a day for its retries (an invitation's code, for one).
  { records: idempotency, fields: [{ cipher: 'answerCipher' }] },
]
