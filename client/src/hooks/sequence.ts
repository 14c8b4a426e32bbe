/**
 * The pure parts of useRemote and usePagedList, kept apart from React and Taro so that they can be
 * tested on their own (tests/unit/client-hooks.test.ts).
 */

/** One page of a list as every `pageOf` output in the contract returns it. */
export interface Page<T> {
  items: T[]
  page: number
  pageSize: number
  total: number
}

/** Loads where only the last one started counts: an earlier one's answer resolves to `undefined`. */
export function lastCallWins() {
  let newest = 0
  return {
    async run<R>(call: Promise<R>): Promise<R | undefined> {
      const number = ++newest
      const result = await call
      return number === newest ? result : undefined
    },
    /** Makes every load under way count for nothing (what they would show is already known). */
    supersede(): void {
      newest += 1
    },
  }
}

/** Whether the server holds items after the pages loaded so far. */
export function hasMorePages(shown: Page<unknown>): boolean {
  return shown.page * shown.pageSize < shown.total
}

/** The list after the next page arrived: its items appended, its page number and total taken. */
export function appendPage<T, P extends Page<T>>(shown: P, next: P): P {
  return { ...next, items: [...shown.items, ...next.items] }
}
