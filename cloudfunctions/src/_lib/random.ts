import { randomBytes } from 'node:crypto'

export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'
export const ALNUM = `ABCDEFGHIJKLMNOPQRSTUVWXYZ${LOWER_ALNUM}`

/** `length` characters of `alphabet` from the system's secure random source, each equally likely. */
export function randomCode(length: number, alphabet = LOWER_ALNUM): string {
  let out = ''
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // Bytes at or above the largest multiple of the alphabet's size would favour its first characters.
      if (byte < 256 - (256 % alphabet.length) && out.length < length) out += alphabet[byte % alphabet.length]
    }
  }
  return out
}
