import { collection, type Doc } from '../db'

/**
 * The claim of the one-time setup (`staff.bootstrap`): a document with a fixed `_id`, so the
 * database lets exactly one caller insert it, however many race. It also says what that setup made,
 * so the same caller can finish a setup that stopped half-way.
 */
export interface SetupRecord extends Doc {
  rootUnionId: string
  staffId: string
  openid: string
  at: Date
}

export const setup = collection<SetupRecord>('setup')

export const SETUP_CLAIM_ID = 'bootstrap'
