/** Kinds of union activity (the seeded documents use these keys), in the order the filter shows them. */
export const ACTIVITY_CATEGORIES = ['care', 'training', 'talk', 'sports', 'health', 'tickets'] as const

export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number]

export const ACTIVITY_CATEGORY_LABELS: Record<ActivityCategory, string> = {
  care: '送温暖',
  training: '技能培训',
  talk: '劳模工匠讲堂',
  sports: '文体活动',
  health: '健康体检',
  tickets: '免费票务',
}

export const ALLOCATIONS = ['first_come', 'lottery'] as const

export type Allocation = (typeof ALLOCATIONS)[number]

export const ALLOCATION_LABELS: Record<Allocation, string> = {
  first_come: '先到先得',
  lottery: '报名后抽签',
}
