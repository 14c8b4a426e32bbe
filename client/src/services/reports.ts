import type { ActionInput, ActionOutput } from '@shared/contract'
import { callCloud } from './cloud'

export type ReportRange = ActionInput<'reports', 'overview'>
export type ReportOverview = ActionOutput<'reports', 'overview'>

/** 数据看板 of a union the caller serves over China days `from`–`to`. */
export function fetchOverview(input: ReportRange) {
  return callCloud('reports', 'overview', input)
}
