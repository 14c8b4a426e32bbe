import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { LETTER_LABELS, LETTER_TYPES, TRANSITION_VERBS, transitionNeedsNote, type ComplaintStatus, type LetterType } from '@shared/rules/complaint-status'
import { COMPLAINT_TIERS, TIER_LABELS, type ComplaintTier } from '@shared/rules/complaint-tiers'
import { a11y } from '../../../../../../../components/a11y'
import { Chips } from '../../../../../../../components/Chips'
import { Field, FormItem } from '../../../../../../../components/Field'
import './index.css'

export interface ActionPanelProps {
  to: ComplaintStatus
  submitting: boolean
  errors: Record<string, string>
  onConfirm: (note: string, letterType: LetterType | null, tier: ComplaintTier | null) => void
  onCancel: () => void
  /** When accepting: each tier's resolve days in this root union, and the tier judged at intake. */
  tierDays?: Record<ComplaintTier, number>
  initialTier?: ComplaintTier | null
}

const NOTE_PROMPTS: Partial<Record<ComplaintStatus, string>> = {
  accepted: '受理说明（选填），如：已受理，将在 3 个工作日内联系用人单位',
  in_progress: '处理说明（选填），如：已约谈站点负责人',
  resolved: '办结情况（必填）：结果如何、工人拿回了什么',
  rejected: '不予受理的理由（必填），并告诉工人可以去哪里求助',
  escalated: '督办情况（必填）：向谁发函、要求何时整改',
}

const TIER_CHOICES = COMPLAINT_TIERS.map((value) => ({ value, label: TIER_LABELS[value] }))

/**
 * Confirms one move of a case: what the worker will read, for acceptance the tier (一般 / 难点 /
 * 特别复杂, whose days `tierDays` shows), and for 一函两书 which letter.
 */
export function ActionPanel({ to, submitting, errors, onConfirm, onCancel, tierDays, initialTier }: ActionPanelProps) {
  const [note, setNote] = useState('')
  const [letterType, setLetterType] = useState<LetterType | null>(null)
  const [tier, setTier] = useState<ComplaintTier | null>(initialTier ?? null)
  return (
    <View className="action-panel e2e-staff-action-panel">
      <Text className="action-panel__title">{TRANSITION_VERBS[to]}</Text>
      {to === 'accepted' && (
        <FormItem label="案件分级" e2e="e2e-transition-tier" error={errors.tier} hint={tier && tierDays ? `${TIER_LABELS[tier]}案件须在受理后 ${tierDays[tier]} 个工作日内办结` : '按处理难度选择，决定办结期限'}>
          <Chips choices={TIER_CHOICES} value={tier ?? undefined} onChange={setTier} e2e="e2e-transition-tier" />
        </FormItem>
      )}
      {to === 'escalated' && (
        <FormItem e2e="e2e-transition-letterType" error={errors.letterType}>
          <View className="action-panel__letters">
            {LETTER_TYPES.map((type) => (
              <Text
                key={type}
                className={`action-panel__letter e2e-transition-letterType-${type}${letterType === type ? ' action-panel__letter--active e2e-transition-letterType-on' : ''}`}
                {...a11y('radio', undefined, { checked: letterType === type })}
                onClick={() => setLetterType(type)}
              >
                {LETTER_LABELS[type]}
              </Text>
            ))}
          </View>
        </FormItem>
      )}
      <Field
        e2e="e2e-transition-note"
        multiline
        rows={4}
        maxLength={1000}
        value={note}
        onChange={setNote}
        placeholder={NOTE_PROMPTS[to]}
        error={errors.note}
        hint={transitionNeedsNote(to) ? '这段话会显示在工人的求助进度中。' : '填写后会显示在工人的求助进度中。'}
      />
      <View className="action-panel__buttons">
        <Button className="e2e-staff-cancel" onClick={onCancel}>
          取消
        </Button>
        <Button type="primary" loading={submitting} className="e2e-staff-confirm" onClick={() => onConfirm(note.trim(), letterType, tier)}>
          确认{TRANSITION_VERBS[to]}
        </Button>
      </View>
    </View>
  )
}
