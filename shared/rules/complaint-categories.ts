/**
 * What a worker can ask the union for help with (DESIGN §4), each with a hint of what to include
 * so the union can act without calling back. Deadlines depend on the tier staff set, not on the
 * category (shared/rules/complaint-tiers.ts).
 */

export const COMPLAINT_CATEGORIES = [
  'wage_arrears',
  'labour_contract',
  'social_insurance',
  'safety_health',
  'hours_leave',
  'women_workers',
  'platform_rules',
  'other',
] as const

export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number]

export interface CategoryRule {
  label: string
  /** Shown under the description field once the category is picked. */
  hint: string
  /** Whether the amount owed is asked for (and required). */
  asksAmount: boolean
}

export const CATEGORY_RULES: Record<ComplaintCategory, CategoryRule> = {
  wage_arrears: {
    label: '欠薪',
    hint: '请写明拖欠的是哪几个月的工资、每月应发多少、实际发了多少，以及用人单位或包工头的名称。可上传工资条、考勤记录、聊天记录截图作为证据。',
    asksAmount: true,
  },
  labour_contract: {
    label: '劳动合同',
    hint: '请写明入职时间、是否签订书面劳动合同、争议内容（如未签合同、违法解除、调岗降薪）。可上传合同、解除通知、工牌等照片。',
    asksAmount: false,
  },
  social_insurance: {
    label: '社会保险',
    hint: '请写明用人单位未缴或少缴哪些险种、从何时开始。可上传社保缴费记录截图、工资条。',
    asksAmount: false,
  },
  safety_health: {
    label: '劳动安全卫生',
    hint: '请写明工作场所、存在的安全隐患或职业危害、是否已有人受伤。如已受伤，请写明受伤时间和就医情况，并上传现场或病历照片。',
    asksAmount: false,
  },
  hours_leave: {
    label: '工时休假',
    hint: '请写明每天、每周的实际工作时间，加班是否有加班费，年休假、婚假、病假等是否被拒绝。可上传排班表、打卡记录截图。',
    asksAmount: false,
  },
  women_workers: {
    label: '女职工权益',
    hint: '请写明遇到的情况（如孕期、产期、哺乳期被辞退或降薪，产假不足，性骚扰），发生时间和涉及的人员。',
    asksAmount: false,
  },
  platform_rules: {
    label: '平台规则与算法',
    hint: '请写明所用平台、账号所在站点，以及不合理的规则（如罚款、派单、限时、封号、抽成），发生时间和影响。可上传平台通知、罚单截图。',
    asksAmount: false,
  },
  other: {
    label: '其他',
    hint: '请写明发生了什么、涉及哪家单位或平台、您希望工会帮您做什么。',
    asksAmount: false,
  },
}

export function categoryLabel(category: ComplaintCategory): string {
  return CATEGORY_RULES[category].label
}
