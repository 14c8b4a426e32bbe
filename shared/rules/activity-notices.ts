/**
 * Subscribe-message templates the activities function sends; the sign-up button asks for them and the
 * function sends them, both from these constants. Replace with the template ids from 公众平台 →
 * 订阅消息 → 我的模板 before release.
 * - result (活动报名结果): thing1 活动, phrase2 结果, time3 活动时间, thing4 说明
 * - cancelled (活动取消通知): thing1 活动, time2 活动时间, thing3 取消原因
 */
export const ACTIVITY_RESULT_TEMPLATE = 'unionhub-activity-result'
export const ACTIVITY_CANCELLED_TEMPLATE = 'unionhub-activity-cancelled'

export const ACTIVITY_TEMPLATES = [ACTIVITY_RESULT_TEMPLATE, ACTIVITY_CANCELLED_TEMPLATE] as const
