import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { Page, PagedList } from '../../hooks/usePagedList'
import type { RemoteState } from '../../hooks/useRemote'
import './index.css'

export interface RemoteProps<T> {
  state: RemoteState<T>
  /** What 重试 does after a failure (a hook's `reload`). */
  onRetry: () => void
  /** Shown instead of the content when `isEmpty` says there is nothing. */
  empty?: ReactNode
  isEmpty?: (data: T) => boolean
  /** Skeleton lines while loading. */
  rows?: number
  children: (data: T) => ReactNode
}

/**
 * Data from the cloud, in its three states: a skeleton while it loads (`e2e-loading`), the reason
 * and 重试 when it failed (`e2e-error`, `e2e-retry`), the empty note (`e2e-empty`), or the content.
 */
export function Remote<T>({ state, onRetry, empty, isEmpty, rows = 3, children }: RemoteProps<T>) {
  if (state.status === 'loading') {
    // Grey lines drawn by CSS alone: NutUI's Skeleton would add 3 KB (and a timer) to the main package.
    return (
      <View className="remote__skeleton e2e-loading">
        {Array.from({ length: rows }, (_, index) => (
          <View key={index} className="remote__line" />
        ))}
      </View>
    )
  }
  if (state.status === 'failed') {
    return (
      <View className="remote__error e2e-error">
        <Text className="remote__message">{state.error.message}</Text>
        <Button size="small" className="e2e-retry" onClick={onRetry}>
          重试
        </Button>
      </View>
    )
  }
  if (empty !== undefined && isEmpty?.(state.data)) return <View className="remote__empty e2e-empty">{empty}</View>
  return <>{children(state.data)}</>
}

export interface RemoteListProps<T, P extends Page<T> = Page<T>> {
  /** The list; its pages may carry more than the items (a tree level's parent, say). */
  list: PagedList<T, P>
  /** What an empty list says. */
  empty: ReactNode
  /** One item, with its key. */
  children: (item: T, index: number) => ReactNode
}

/** A paginated list from usePagedList: Remote's states, the items, and 加载更多 (`e2e-load-more`). */
export function RemoteList<T, P extends Page<T> = Page<T>>({ list, empty, children }: RemoteListProps<T, P>) {
  return (
    <Remote state={list.state} onRetry={() => void list.reload()} empty={empty} isEmpty={(data) => data.items.length === 0}>
      {(data) => (
        <>
          {data.items.map(children)}
          {list.hasMore && (
            <Button block className="remote__more e2e-load-more" loading={list.loadingMore} onClick={() => void list.loadMore()}>
              加载更多
            </Button>
          )}
        </>
      )}
    </Remote>
  )
}
