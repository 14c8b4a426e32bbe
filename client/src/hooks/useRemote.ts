import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { AppError, Result } from '@shared/result'
import { lastCallWins } from './sequence'

/** What a page knows about data it loads from the cloud. */
export type RemoteState<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: AppError }

export interface Remote<T> {
  state: RemoteState<T>
  /** Loads again behind the skeleton (重试, or a different question). */
  reload: () => Promise<void>
  /** Loads again while what is shown stays (after an action that changed it). */
  refresh: () => Promise<void>
  /** Shows data an action already returned (a case after a transition), dropping loads under way. */
  setData: (data: T) => void
  /** Runs `call` as the newest load: it resolves to undefined if another load starts before it ends. */
  latest: <R>(call: Promise<R>) => Promise<R | undefined>
}

export interface RemoteOptions {
  /** What is asked (a filter, a tab): when it changes, the data loads again behind the skeleton. */
  key?: string
  /**
   * Load again each time the page is shown (the default: what others changed shows up), or only
   * the first time (a form being edited, which a reload must not replace).
   */
  everyShow?: boolean
}

/**
 * Loads with `load` when the page is shown, and again behind the skeleton when `key` changes. When
 * loads overlap, the last one started wins: the answer to an earlier filter never replaces the
 * current one, however late it arrives.
 */
export function useRemote<T>(load: () => Promise<Result<T>>, { key = '', everyShow = true }: RemoteOptions = {}): Remote<T> {
  const [state, setState] = useState<RemoteState<T>>({ status: 'loading' })
  const [sequence] = useState(lastCallWins)
  // Always the newest closure, so a reload after a filter change asks the new question.
  const loader = useRef(load)
  loader.current = load

  const latest = useCallback(<R>(call: Promise<R>) => sequence.run(call), [sequence])

  const refresh = useCallback(async () => {
    const result = await sequence.run(loader.current())
    if (result) setState(result.ok ? { status: 'ready', data: result.data } : { status: 'failed', error: result.error })
  }, [sequence])

  const reload = useCallback(async () => {
    setState({ status: 'loading' })
    await refresh()
  }, [refresh])

  const setData = useCallback(
    (data: T) => {
      sequence.supersede()
      setState({ status: 'ready', data })
    },
    [sequence],
  )

  const shownBefore = useRef(false)
  useDidShow(() => {
    if (shownBefore.current && !everyShow) return
    shownBefore.current = true
    void refresh()
  })

  // The first show loads; a later change of key loads again behind the skeleton.
  const shownKey = useRef(key)
  useEffect(() => {
    if (shownKey.current === key) return
    shownKey.current = key
    void reload()
  }, [key, reload])

  return { state, reload, refresh, setData, latest }
}
