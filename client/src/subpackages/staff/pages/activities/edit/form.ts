import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS, ALLOCATIONS, ALLOCATION_LABELS, type ActivityCategory, type Allocation } from '@shared/rules/activity-categories'
import { parseChinaDateTime, chinaDateTime } from '@shared/rules/china-time'
import type { ActivityDetail, SaveActivityInput } from '../../../../../services/activities'

/** The edit form as typed: times as `2026-07-01 09:00` text, capacity as text. */
export interface ActivityForm {
  unionId: string
  title: string
  category: ActivityCategory
  description: string
  place: string
  startAt: string
  endAt: string
  signupOpensAt: string
  signupClosesAt: string
  cancelCutoffAt: string
  capacity: string
  membersOnly: boolean
  allocation: Allocation
  coverFileId: string | null
}

export const TIME_FIELDS = ['startAt', 'endAt', 'signupOpensAt', 'signupClosesAt', 'cancelCutoffAt'] as const
export const TIME_LABELS: Record<(typeof TIME_FIELDS)[number], string> = {
  startAt: '活动开始',
  endAt: '活动结束',
  signupOpensAt: '报名开始',
  signupClosesAt: '报名截止',
  cancelCutoffAt: '取消截止',
}

export const CATEGORY_CHOICES = ACTIVITY_CATEGORIES.map((value) => ({ value, label: ACTIVITY_CATEGORY_LABELS[value] }))
export const ALLOCATION_CHOICES = ALLOCATIONS.map((value) => ({ value, label: ALLOCATION_LABELS[value] }))

/** A new activity: a week from now, 09:00–17:00; sign-up open from now until the day before. */
export function blankForm(unionId: string, now = new Date()): ActivityForm {
  const day = 24 * 3600_000
  const startDay = chinaDateTime(new Date(now.getTime() + 7 * day)).slice(0, 10)
  const dayBefore = chinaDateTime(new Date(now.getTime() + 6 * day)).slice(0, 10)
  return {
    unionId,
    title: '',
    category: 'care',
    description: '',
    place: '',
    startAt: `${startDay} 09:00`,
    endAt: `${startDay} 17:00`,
    signupOpensAt: chinaDateTime(now),
    signupClosesAt: `${dayBefore} 18:00`,
    cancelCutoffAt: `${dayBefore} 12:00`,
    capacity: '30',
    membersOnly: false,
    allocation: 'first_come',
    coverFileId: null,
  }
}

export function formOf(activity: ActivityDetail): ActivityForm {
  return {
    unionId: activity.unionId,
    title: activity.title,
    category: activity.category,
    description: activity.description,
    place: activity.place,
    startAt: chinaDateTime(activity.startAt),
    endAt: chinaDateTime(activity.endAt),
    signupOpensAt: chinaDateTime(activity.signupOpensAt),
    signupClosesAt: chinaDateTime(activity.signupClosesAt),
    cancelCutoffAt: chinaDateTime(activity.cancelCutoffAt),
    capacity: String(activity.capacity),
    membersOnly: activity.membersOnly,
    allocation: activity.allocation,
    coverFileId: activity.coverFileId,
  }
}

/**
 * The form as the contract takes it, or the fields whose text is not a date and time yet (the
 * server checks everything else and names the field itself).
 */
export function toInput(form: ActivityForm, activityId?: string): { ok: true; input: SaveActivityInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const times: Partial<Record<(typeof TIME_FIELDS)[number], string>> = {}
  for (const field of TIME_FIELDS) {
    const at = parseChinaDateTime(form[field])
    if (at) times[field] = at.toISOString()
    else errors[field] = `${TIME_LABELS[field]}时间请按“2026-07-01 09:00”的格式填写`
  }
  const capacity = Number(form.capacity.trim())
  if (form.capacity.trim() === '' || !Number.isFinite(capacity)) errors.capacity = '请填写名额（数字）'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    input: {
      ...(activityId ? { activityId } : {}),
      unionId: form.unionId,
      title: form.title,
      category: form.category,
      description: form.description,
      place: form.place,
      startAt: times.startAt!,
      endAt: times.endAt!,
      signupOpensAt: times.signupOpensAt!,
      signupClosesAt: times.signupClosesAt!,
      cancelCutoffAt: times.cancelCutoffAt!,
      capacity,
      membersOnly: form.membersOnly,
      allocation: form.allocation,
      coverFileId: form.coverFileId,
    },
  }
}
