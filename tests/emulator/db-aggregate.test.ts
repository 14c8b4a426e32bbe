/**
 * Aggregation: the local database evaluates `$match`, `$unwind` and `$group` with `$sum` itself
 * and hands every other stage, and every value it does not decide, to mingo. These tests hold the
 * direct evaluation to mingo's answers (order included) over mixed data, and check through the
 * real wx-server-sdk that the wire protocol and the results are what a function sees.
 */
import { Aggregator } from 'mingo'
import { runPipeline } from '../../emulator/db/aggregate'
import type { Doc } from '../../emulator/db/ejson'
import type { Database } from '../../emulator/db/testing'
import { cloudForEachTest, failure, sdk } from './helpers/db-cloud'

const noLookups = (name: string): Doc[] => {
  throw new Error(`no collection ${name} in these tests`)
}
const both = (pipeline: Doc[], docs: Doc[]) => ({
  direct: runPipeline(pipeline, structuredClone(docs), noLookups),
  mingo: runPipeline(pipeline, structuredClone(docs), noLookups, { mingoOnly: true }),
})

/** Documents with every kind of value where a report's path may look: numbers, strings, null, missing, arrays, objects, dates, booleans. */
function mixedDocuments(): Doc[] {
  const values: unknown[] = [1, 2.5, -0, 0, 'a', 'b', '1', null, undefined, true, false, [], [1, 2], { x: 1 }, new Date(0), Number.NaN]
  const docs: Doc[] = []
  for (let i = 0; i < 120; i++) {
    const doc: Doc = { _id: `d${i}`, unionId: `u${i % 3}` }
    const v = values[(i * 7) % values.length]
    if (v !== undefined) doc.k = v
    const n = values[(i * 5 + 3) % values.length]
    if (n !== undefined) doc.n = n
    doc.counts = i % 9 === 0 ? [] : i % 11 === 0 ? null : i % 13 === 0 ? { k: 'single', n: 4 } : [
      { k: `key${i % 4}`, n: i },
      { k: i % 2 === 0 ? `key${i % 5}` : i, n: i % 3 === 0 ? 'x' : 1.5 },
    ]
    docs.push(doc)
  }
  return docs
}

describe('direct evaluation against mingo', () => {
  const pipelines: Array<[string, Doc[]]> = [
    ['group by a top-level field, $sum of 1 and of a field', [{ $group: { _id: '$unionId', n: { $sum: 1 }, total: { $sum: '$n' } } }]],
    ['group by a field holding every kind of value (mingo takes over at the first it cannot key)', [{ $group: { _id: '$k', n: { $sum: 1 } } }]],
    ['unwind then group by an element field', [{ $unwind: '$counts' }, { $group: { _id: '$counts.k', n: { $sum: '$counts.n' } } }]],
    ['match, unwind, group, then stages mingo runs', [
      { $match: { unionId: { $in: ['u0', 'u2'] } } },
      { $unwind: { path: '$counts' } },
      { $group: { _id: '$counts.k', n: { $sum: '$counts.n' }, rows: { $sum: 1 } } },
      { $sort: { n: -1 } },
      { $limit: 3 },
    ]],
    ['group with a null and with a constant _id', [{ $group: { _id: null, n: { $sum: '$n' } } }]],
    ['a constant string _id', [{ $group: { _id: 'all', rows: { $sum: 2 } } }]],
    ['group by a path through an array (mingo maps over it)', [{ $group: { _id: '$counts.k', n: { $sum: 1 } } }]],
    ['an accumulator other than $sum goes to mingo', [{ $group: { _id: '$unionId', top: { $max: '$n' } } }]],
    ['$unwind with includeArrayIndex goes to mingo', [{ $unwind: { path: '$counts', includeArrayIndex: 'i' } }, { $limit: 50 }]],
  ]

  it.each(pipelines)('%s', (_name, pipeline) => {
    const { direct, mingo } = both(pipeline, mixedDocuments())
    expect(direct).toEqual(mingo)
  })

  it('gives mingo the rest of the pipeline from the stage it could not decide', () => {
    const docs: Doc[] = [{ k: 'a', n: 1 }, { k: new Date(5), n: 2 }, { k: 'a', n: 3 }]
    const { direct, mingo } = both([{ $group: { _id: '$k', n: { $sum: '$n' } } }, { $sort: { n: 1 } }], docs)
    expect(direct).toEqual(mingo)
    expect(direct).toEqual([{ _id: new Date(5), n: 2 }, { _id: 'a', n: 4 }])
  })

  it('evaluates the plain form without mingo, and hands it only the stages after', () => {
    const run = jest.spyOn(Aggregator.prototype, 'run')
    try {
      const docs: Doc[] = [{ u: 'a', counts: [{ k: 'x', n: 1 }, { k: 'y', n: 2 }] }, { u: 'b', counts: [{ k: 'x', n: 3 }] }]
      const plain = [{ $match: { u: { $in: ['a', 'b'] } } }, { $unwind: '$counts' }, { $group: { _id: '$counts.k', n: { $sum: '$counts.n' } } }]
      expect(runPipeline(plain, docs, noLookups)).toEqual([{ _id: 'x', n: 4 }, { _id: 'y', n: 2 }])
      expect(run).not.toHaveBeenCalled()
      expect(runPipeline([...plain, { $sort: { n: 1 } }], docs, noLookups)).toEqual([{ _id: 'y', n: 2 }, { _id: 'x', n: 4 }])
      expect(run).toHaveBeenCalledTimes(1)
      // mingo got the groups, not the documents: it ran only the $sort.
      expect(run.mock.calls[0]?.[0]).toEqual([{ _id: 'x', n: 4 }, { _id: 'y', n: 2 }])
    } finally {
      run.mockRestore()
    }
  })

  it('over nothing: no groups', () => {
    expect(runPipeline([{ $group: { _id: null, n: { $sum: 1 } } }], [], noLookups)).toEqual([])
  })
})

describe('aggregate through the SDK', () => {
  const h = cloudForEachTest()
  let db: Database
  beforeAll(() => {
    db = h.db
  })

  it('unwinds and groups the counts of indexed documents', async () => {
    h.server.db.insertDocuments('complaints', [
      { unionId: 'u1', status: 'open', tags: [{ k: 'wage', n: 2 }, { k: 'hours', n: 1 }] },
      { unionId: 'u1', status: 'closed', tags: [{ k: 'wage', n: 5 }] },
      { unionId: 'u2', status: 'open', tags: [{ k: 'wage', n: 100 }] },
      { unionId: 'u1', status: 'open', tags: [] },
    ])
    const $ = db.command.aggregate
    const r = await sdk(
      db.collection('complaints').aggregate()
        .match({ unionId: 'u1' })
        .unwind('$tags')
        .group({ _id: '$tags.k', n: $.sum('$tags.n'), rows: $.sum(1) })
        .sort({ _id: 1 })
        .limit(10)
        .end(),
    )
    expect(r.list).toEqual([
      { _id: 'hours', n: 1, rows: 1 },
      { _id: 'wage', n: 7, rows: 2 },
    ])
  })

  it('an operator the database does not run is refused with the cloud’s error', async () => {
    h.server.db.insertDocuments('complaints', [{ unionId: 'u1' }])
    const err = await failure(db.collection('complaints').aggregate().match({ $where: 'true' }).limit(1).end())
    expect(err.errMsg).toMatch(/not supported/)
  })
})
