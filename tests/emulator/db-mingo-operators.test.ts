/**
 * The local database builds its mingo queries and updates with only the operators they can name
 * (a smaller context is several times cheaper per call). These cases hold it to what mingo with
 * every operator answers: query, expression and projection operators, and every update operator.
 */
import { Query, update } from 'mingo'
import type { Doc } from '../../emulator/db/ejson'
import { applyUpdate } from '../../emulator/db/engine'
import { compileMatcher, project } from '../../emulator/db/query'

const DOCS: Doc[] = [
  { _id: 'a', n: 3, tags: ['x', 'y'], items: [{ k: 1, v: 'p' }, { k: 5, v: 'q' }], at: new Date('2026-01-01T00:00:00Z'), s: 'Hello', nested: { m: 2 } },
  { _id: 'b', n: 8, tags: ['y'], items: [{ k: 9, v: 'r' }], at: new Date('2026-06-01T00:00:00Z'), s: 'world', nested: { m: 7 } },
  { _id: 'c', n: null, tags: [], items: [], s: 'HELLO again' },
]

const QUERIES: Doc[] = [
  { n: { $gt: 2, $lt: 9 } },
  { $or: [{ n: 3 }, { tags: 'y' }] },
  { tags: { $all: ['x', 'y'] } },
  { tags: { $size: 1 } },
  { items: { $elemMatch: { k: { $gte: 5 }, v: 'q' } } },
  { 'items.k': { $in: [9] } },
  { n: { $exists: true, $ne: null } },
  { s: { $regex: '^hello', $options: 'i' } },
  { at: { $lt: new Date('2026-03-01T00:00:00Z') } },
  { $expr: { $gt: ['$nested.m', '$n'] } },
  { $nor: [{ n: 3 }, { n: 8 }] },
  { n: { $type: 'number' } },
  { n: { $mod: [4, 0] } },
]

const PROJECTIONS: Doc[] = [{ n: 1 }, { tags: 0, items: 0 }, { items: { $slice: 1 }, n: 1 }, { items: { $elemMatch: { k: { $gt: 3 } } } }, { 'nested.m': 1 }]

const UPDATES: Doc[] = [
  { $set: { 'nested.m': 9, fresh: 'yes' }, $inc: { n: 2 } },
  { $unset: { s: '' }, $mul: { n: 3 } },
  { $push: { tags: { $each: ['z', 'a'], $sort: 1, $slice: 3 } } },
  { $pull: { items: { k: { $gt: 4 } } } },
  { $addToSet: { tags: { $each: ['y', 'w'] } } },
  { $pop: { tags: 1 }, $min: { n: 1 } },
  { $max: { n: 100 }, $rename: { s: 'title' } },
  { $currentDate: { touched: true } },
]

describe('mingo with only the operators a call can name answers as mingo with all of them', () => {
  test.each(QUERIES.map((query) => [JSON.stringify(query), query] as const))('query %s', (_name, query) => {
    const full = new Query(query, { scriptEnabled: false })
    const matches = compileMatcher(query)
    expect(DOCS.map((doc) => matches(doc))).toEqual(DOCS.map((doc) => full.test(doc)))
  })

  test.each(PROJECTIONS.map((projection) => [JSON.stringify(projection), projection] as const))('projection %s', (_name, projection) => {
    expect(project(DOCS, projection)).toEqual(new Query({}, { scriptEnabled: false }).find(DOCS, projection).all())
  })

  test.each(UPDATES.map((modifier) => [JSON.stringify(modifier), modifier] as const))('update %s', (_name, modifier) => {
    for (const doc of DOCS) {
      if (doc.n === null && ('$mul' in modifier || '$inc' in modifier)) continue
      const expected = structuredClone(doc)
      update(expected, modifier as Parameters<typeof update>[1], [], undefined, { cloneMode: 'deep', queryOptions: { scriptEnabled: false } })
      const actual = applyUpdate(doc, modifier, false)
      if ('$currentDate' in modifier) {
        expect((actual as { touched: unknown }).touched).toBeInstanceOf(Date)
        continue
      }
      expect(actual).toEqual(expected)
    }
  })
})
