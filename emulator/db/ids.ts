import { randomBytes } from 'node:crypto'

const processTag = randomBytes(3).toString('hex')
let counter = randomBytes(3).readUIntBE(0, 3)

/**
 * A new `_id`: 32 hex characters like the cloud's, starting with the time in seconds and a
 * per-process counter so that ids created later sort later (orderBy('_id') ≈ insertion order).
 */
export function newDocumentId(now: number = Date.now()): string {
  counter = (counter + 1) % 0x1000000
  const seconds = Math.floor(now / 1000) % 0x100000000
  return (
    seconds.toString(16).padStart(8, '0') +
    processTag +
    counter.toString(16).padStart(6, '0') +
    randomBytes(6).toString('hex')
  )
}

export const newTransactionId = (): string => `tx-${Date.now().toString(16)}-${randomBytes(8).toString('hex')}`

let requestCounter = 0
export const newRequestId = (): string => `${Date.now()}_${(requestCounter = (requestCounter + 1) % 1e9)}_local`
