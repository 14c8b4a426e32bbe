import type { LookupKind } from '../_lib/personal-data'

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
export const SEALED_FIELDS: ReadonlyArray<{ collection: string; fields: SealedField[] }> = [
  { collection: 'applications', fields: person },
  { collection: 'members', fields: person },
  { collection: 'complaints', fields: [{ cipher: 'contactPhoneCipher' }] },
]
