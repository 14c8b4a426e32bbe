import { collection, type Doc } from '../db'

/** A named sequence (member numbers of a year, tracking numbers of a day): see _lib/sequence.ts. */
export interface CounterRecord extends Doc {
  /** Numbers taken before `takers` began (counters written by the earlier compare-and-set); 0 for new ones. */
  value: number
  /** One token per number taken, in the order the database applied the takes: number = value + place + 1. */
  takers?: string[]
  createdAt: Date
}

export const counters = collection<CounterRecord>('counters')
