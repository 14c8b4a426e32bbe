/**
 * Subscribe-message templates: the one place they are declared. The client asks people to allow them
 * (`requestSubscribeMessage`) and the cloud functions send them, both with the ids below. An
 * account's own template ids (公众平台 → 订阅消息 → 我的模板) are set in deploy.config.json
 * `subscribeTemplates`, never here: the weapp build inlines each as `process.env.UNIONHUB_TEMPLATE_<NAME>`
 * (config/index.ts) and the deployment sets the same variable in every function's environment, so
 * both sides always agree. Without one (the local cloud, tests) the placeholder id after `||` applies.
 * `fields` are the keys each template declares there, with what they hold: the functions fill
 * exactly these (checked by `TemplateData`).
 */
export const SUBSCRIBE_TEMPLATES = {
  /** 入会审核结果 */
  joinResult: {
    id: process.env.UNIONHUB_TEMPLATE_JOIN_RESULT || 'unionhub-join-result',
    fields: { thing1: '工会', phrase2: '结果', thing3: '说明', time4: '时间' },
  },
  /** 求助进度通知 */
  complaintProgress: {
    id: process.env.UNIONHUB_TEMPLATE_COMPLAINT_PROGRESS || 'unionhub-complaint-progress',
    fields: { character_string1: '查询编号', phrase2: '状态', thing3: '说明', time4: '时间' },
  },
  /** 活动报名结果 */
  activityResult: {
    id: process.env.UNIONHUB_TEMPLATE_ACTIVITY_RESULT || 'unionhub-activity-result',
    fields: { thing1: '活动', phrase2: '结果', time3: '活动时间', thing4: '说明' },
  },
  /** 活动取消通知 */
  activityCancelled: {
    id: process.env.UNIONHUB_TEMPLATE_ACTIVITY_CANCELLED || 'unionhub-activity-cancelled',
    fields: { thing1: '活动', time2: '活动时间', thing3: '取消原因' },
  },
  /** 反馈处理结果: a report on a place, or a suggested place, was handled */
  placeFeedback: {
    id: process.env.UNIONHUB_TEMPLATE_PLACE_FEEDBACK || 'unionhub-place-feedback',
    fields: { thing1: '服务点', phrase2: '处理结果', thing3: '回复', time4: '处理时间' },
  },
} as const

export type TemplateKey = keyof typeof SUBSCRIBE_TEMPLATES

/** The values of one message: every field its template declares, and no other. */
export type TemplateData<K extends TemplateKey> = { [F in keyof (typeof SUBSCRIBE_TEMPLATES)[K]['fields']]: string | number }

/** What the join form asks for: the review result. */
export const JOIN_RESULT_TEMPLATE = SUBSCRIBE_TEMPLATES.joinResult.id
/** What the complaint form asks for: progress of the case. */
export const COMPLAINT_PROGRESS_TEMPLATE = SUBSCRIBE_TEMPLATES.complaintProgress.id
export const ACTIVITY_RESULT_TEMPLATE = SUBSCRIBE_TEMPLATES.activityResult.id
export const ACTIVITY_CANCELLED_TEMPLATE = SUBSCRIBE_TEMPLATES.activityCancelled.id
/** What the activity sign-up button asks for: the result (seat, waitlist, draw) and a cancellation. */
export const ACTIVITY_TEMPLATES = [ACTIVITY_RESULT_TEMPLATE, ACTIVITY_CANCELLED_TEMPLATE] as const
/** What the report and suggest forms ask for: the union's answer. */
export const PLACE_FEEDBACK_TEMPLATE = SUBSCRIBE_TEMPLATES.placeFeedback.id
