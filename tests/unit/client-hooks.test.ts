// The parts of useRemote and usePagedList that decide what a page shows: which answer wins when
// loads overlap, whether there is another page, and how the next one is added.
import { appendPage, hasMorePages, lastCallWins } from '../../client/src/hooks/sequence'

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}

describe('lastCallWins', () => {
  it('drops the answer to an earlier load that arrives after a later one', async () => {
    const sequence = lastCallWins()
    const first = deferred<string>()
    const second = deferred<string>()
    const firstLanded = sequence.run(first.promise)
    const secondLanded = sequence.run(second.promise)
    second.resolve('courier')
    first.resolve('all')
    await expect(secondLanded).resolves.toBe('courier')
    await expect(firstLanded).resolves.toBeUndefined()
  })

  it('keeps an answer when no other load started meanwhile, and drops loads superseded by shown data', async () => {
    const sequence = lastCallWins()
    await expect(sequence.run(Promise.resolve(1))).resolves.toBe(1)
    const late = sequence.run(Promise.resolve(2))
    sequence.supersede()
    await expect(late).resolves.toBeUndefined()
  })
})

describe('paging', () => {
  const page = (n: number, items: string[], total: number) => ({ items, page: n, pageSize: 2, total })

  it('says whether the server holds more, from the page, page size and total it returned', () => {
    expect(hasMorePages(page(1, ['a', 'b'], 3))).toBe(true)
    expect(hasMorePages(page(2, ['c'], 3))).toBe(false)
    expect(hasMorePages(page(1, [], 0))).toBe(false)
  })

  it('appends the next page and takes its number and total', () => {
    expect(appendPage(page(1, ['a', 'b'], 3), page(2, ['c'], 4))).toEqual(page(2, ['a', 'b', 'c'], 4))
  })
})
