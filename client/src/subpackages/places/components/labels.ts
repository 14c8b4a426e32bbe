import { PLACE_REPORT_KINDS, PLACE_REPORT_LABELS, type FeedbackKind } from '@shared/rules/places'
import { PLACE_FACILITIES, PLACE_FACILITY_LABELS, PLACE_TYPE_LABELS, PLACE_TYPES } from '@shared/vocabulary'

export const TYPE_CHOICES = PLACE_TYPES.map((value) => ({ value, label: PLACE_TYPE_LABELS[value] }))
export const FACILITY_CHOICES = PLACE_FACILITIES.map((value) => ({ value, label: PLACE_FACILITY_LABELS[value] }))
export const REPORT_CHOICES = PLACE_REPORT_KINDS.map((value) => ({ value, label: PLACE_REPORT_LABELS[value] }))

/** What a report or suggestion was about, as its sender reads it in 我的反馈. */
export function feedbackKindLabel(kind: FeedbackKind): string {
  return kind === 'new_place' ? '推荐新服务点' : PLACE_REPORT_LABELS[kind]
}
