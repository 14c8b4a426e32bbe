import { useCallback, useState } from 'react'
import type { Result } from '@shared/result'
import { showError } from '../services/cloud'
import { appendPage, hasMorePages, type Page } from './sequence'
import { useRemote, type Remote, type RemoteOptions } from './useRemote'

export type { Page } from './sequence'

export interface PagedList<T, P extends Page<T> = Page<T>> extends Remote<P> {
  /** The server holds more items than are shown. */
  hasMore: boolean
  loadingMore: boolean
  /** Appends the page after the last one loaded. */
  loadMore: () => Promise<void>
}

/**
 * A paginated list: page 1 on show and when `key` changes (see useRemote), the next page on
 * `loadMore`. Which page comes next, and whether there is one, come from the `page`, `pageSize` and
 * `total` the server returned: the page size is decided by the contract (or the service) alone.
 */
export function usePagedList<T, P extends Page<T> = Page<T>>(fetchPage: (page: number) => Promise<Result<P>>, options: RemoteOptions = {}): PagedList<T, P> {
  const remote = useRemote(() => fetchPage(1), options)
  const [loadingMore, setLoadingMore] = useState(false)
  const { state, setData, latest } = remote
  const shown = state.status === 'ready' ? state.data : null

  const loadMore = useCallback(async () => {
    if (!shown || loadingMore) return
    setLoadingMore(true)
    const result = await latest(fetchPage(shown.page + 1))
    setLoadingMore(false)
    if (!result) return // a newer load (another filter) took over
    if (!result.ok) return showError(result.error)
    setData(appendPage(shown, result.data))
  }, [shown, loadingMore, fetchPage, setData, latest])

  return { ...remote, hasMore: shown !== null && hasMorePages(shown), loadingMore, loadMore }
}
