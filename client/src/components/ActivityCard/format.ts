import { ALLOCATION_LABELS, ACTIVITY_CATEGORY_LABELS } from '@shared/rules/activity-categories'
import { DISPLAY_STATUS_LABELS } from '@shared/rules/activity-signup'
import { formatDayAndTime } from '@shared/rules/china-time'
import type { ActivitySummary, MySignup } from '../../services/activities'

/** How full an activity is, in one short phrase for its card. */
export function seatBadge(activity: ActivitySummary): { text: string; tone: 'open' | 'full' | 'lottery' | 'closed' } {
  if (activity.status === 'cancelled') return { text: '已取消', tone: 'closed' }
  if (activity.status === 'draft') return { text: '草稿', tone: 'closed' }
  if (activity.allocation === 'lottery') {
    if (activity.drawStatus !== 'open') return { text: '已开奖', tone: 'closed' }
    if (activity.signupWindow === 'not_open') return { text: '报名未开始', tone: 'closed' }
    if (activity.signupWindow === 'closed') return { text: '待开奖', tone: 'lottery' }
    return { text: `抽签 · ${activity.capacity} 个名额`, tone: 'lottery' }
  }
  if (activity.signupWindow === 'not_open') return { text: '报名未开始', tone: 'closed' }
  if (activity.signupWindow === 'closed') return { text: '报名已截止', tone: 'closed' }
  if (activity.seatsLeft > 0) return { text: `余 ${activity.seatsLeft} 席`, tone: 'open' }
  return { text: '已满 · 可候补', tone: 'full' }
}

/** The sign-up window in words: `报名 7月1日 周三 09:00 起` / `报名截止 7月5日 …`. */
export function windowText(activity: ActivitySummary): string {
  if (activity.signupWindow === 'not_open') return `报名 ${formatDayAndTime(activity.signupOpensAt)} 开始`
  if (activity.signupWindow === 'open') return `报名截止 ${formatDayAndTime(activity.signupClosesAt)}`
  return `报名已于 ${formatDayAndTime(activity.signupClosesAt)} 截止`
}

/** A person's sign-up in words, with their place in line when waiting. */
export function signupText(signup: MySignup): string {
  const label = DISPLAY_STATUS_LABELS[signup.status]
  return signup.waitlistPosition ? `${label} · 第 ${signup.waitlistPosition} 位` : label
}

export const categoryLabel = (category: ActivitySummary['category']) => ACTIVITY_CATEGORY_LABELS[category]
export const allocationLabel = (allocation: ActivitySummary['allocation']) => ALLOCATION_LABELS[allocation]
