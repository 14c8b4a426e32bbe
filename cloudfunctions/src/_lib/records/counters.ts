import { collection, type Doc } from '../db'

/** A named sequence (member numbers of a year, tracking numbers of a day): the last number taken. */
export interface CounterRecord extends Doc {
  value: number
  createdAt: Date
}

export const counters = collection<CounterRecord>('counters')
