import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { ActionInput } from '@shared/contract'
import { DEPARTMENT_LABELS, EXTENSION_REASONS, REFERRAL_DEPARTMENTS, SATISFACTION_LABELS, SATISFACTION_LEVELS, type ReferralDepartment, type Satisfaction } from '@shared/rules/complaint-handling'
import { Chips } from '../../../../../../../components/Chips'
import { Field, FormItem } from '../../../../../../../components/Field'
import '../ActionPanel/index.css'

/** The steps of a case besides the status buttons, each with its own form. */
export type Step = 'extend' | 'refer' | 'referralFeedback' | 'callback' | 'qualityCheck'

type Without<T> = Omit<T, 'complaintId'>

/** What a confirmed step sends, by step. */
export type StepInput =
  | { step: 'extend'; input: Without<ActionInput<'complaints', 'extend'>> }
  | { step: 'refer'; input: Without<ActionInput<'complaints', 'refer'>> }
  | { step: 'referralFeedback'; input: Without<ActionInput<'complaints', 'referralFeedback'>> }
  | { step: 'callback'; input: Without<ActionInput<'complaints', 'callback'>> }
  | { step: 'qualityCheck'; input: Without<ActionInput<'complaints', 'qualityCheck'>> }

export const STEP_TITLES: Record<Step, string> = {
  extend: '延期',
  refer: '转办',
  referralFeedback: '录入转办反馈',
  callback: '回访',
  qualityCheck: '质检',
}

export interface StepPanelProps {
  step: Step
  submitting: boolean
  errors: Record<string, string>
  onConfirm: (step: StepInput) => void
  onCancel: () => void
}

const DAY_CHOICES = (['1', '3', '5', '10', '15'] as const).map((value) => ({ value, label: `${value} 个工作日` }))
const REASON_CHOICES = EXTENSION_REASONS.map((value) => ({ value, label: value }))
const DEPARTMENT_CHOICES = REFERRAL_DEPARTMENTS.map((value) => ({ value, label: DEPARTMENT_LABELS[value] }))
const REACHED_CHOICES = [
  { value: 'yes' as const, label: '已联系上' },
  { value: 'no' as const, label: '未接通' },
]
const SATISFACTION_CHOICES = SATISFACTION_LEVELS.map((value) => ({ value, label: SATISFACTION_LABELS[value] }))
const VERDICT_CHOICES = [
  { value: 'pass' as const, label: '通过，结案' },
  { value: 'reopen' as const, label: '退回重办' },
]

const NOTE_PROMPTS: Record<Step, string> = {
  extend: '延期理由：选一个，或自己填写',
  refer: '转办说明：为什么转、希望对方做什么',
  referralFeedback: '对方部门反馈了什么',
  callback: '回访记录（选填）：求助人怎么说',
  qualityCheck: '质检意见（退回时必填）：哪里需要重新办理',
}

/**
 * One step of a case after acceptance: extending its deadline (once per stage), referring it to
 * another department and recording the answer, the callback after 办结, and an admin's quality check.
 */
export function StepPanel({ step, submitting, errors, onConfirm, onCancel }: StepPanelProps) {
  const [note, setNote] = useState('')
  const [days, setDays] = useState<(typeof DAY_CHOICES)[number]['value']>('3')
  const [department, setDepartment] = useState<ReferralDepartment | undefined>(undefined)
  const [departmentName, setDepartmentName] = useState('')
  const [reached, setReached] = useState<'yes' | 'no' | undefined>(undefined)
  const [satisfaction, setSatisfaction] = useState<Satisfaction | undefined>(undefined)
  const [verdict, setVerdict] = useState<'pass' | 'reopen' | undefined>(undefined)

  const confirm = () => {
    const text = note.trim()
    if (step === 'extend') return onConfirm({ step, input: { days: Number(days), reason: text } })
    if (step === 'refer') return onConfirm({ step, input: { department: department as ReferralDepartment, note: text, ...(department === 'other' ? { departmentName: departmentName.trim() } : {}) } })
    if (step === 'referralFeedback') return onConfirm({ step, input: { note: text } })
    if (step === 'callback') return onConfirm({ step, input: { reached: reached === 'yes', ...(satisfaction && reached === 'yes' ? { satisfaction } : {}), ...(text ? { note: text } : {}) } })
    return onConfirm({ step, input: { passed: verdict === 'pass', ...(text ? { note: text } : {}) } })
  }
  const ready = step === 'callback' ? reached !== undefined : step === 'qualityCheck' ? verdict !== undefined : true

  return (
    <View className={`action-panel e2e-staff-step-panel e2e-staff-step-${step}`}>
      <Text className="action-panel__title">{STEP_TITLES[step]}</Text>
      {step === 'extend' && (
        <>
          <FormItem label="延长" e2e="e2e-step-days" error={errors.days} hint="从原期限起算；每个阶段只能延期一次">
            <Chips choices={DAY_CHOICES} value={days} onChange={setDays} e2e="e2e-step-days" />
          </FormItem>
          <FormItem label="常用理由" e2e="e2e-step-reasons">
            <Chips choices={REASON_CHOICES} value={REASON_CHOICES.find((choice) => choice.value === note.trim())?.value} onChange={setNote} e2e="e2e-step-reason" keyBy="position" />
          </FormItem>
        </>
      )}
      {step === 'refer' && (
        <>
          <FormItem label="转交部门" e2e="e2e-step-department" error={errors.department}>
            <Chips choices={DEPARTMENT_CHOICES} value={department} onChange={setDepartment} e2e="e2e-step-department" />
          </FormItem>
          {department === 'other' && (
            <Field label="部门名称" e2e="e2e-step-departmentName" value={departmentName} onChange={setDepartmentName} maxLength={30} error={errors.departmentName} />
          )}
        </>
      )}
      {step === 'callback' && (
        <>
          <FormItem label="是否联系上求助人" e2e="e2e-step-reached" error={errors.reached}>
            <Chips choices={REACHED_CHOICES} value={reached} onChange={setReached} e2e="e2e-step-reached" />
          </FormItem>
          {reached === 'yes' && (
            <FormItem label="满意度" e2e="e2e-step-satisfaction" error={errors.satisfaction}>
              <Chips choices={SATISFACTION_CHOICES} value={satisfaction} onChange={setSatisfaction} e2e="e2e-step-satisfaction" />
            </FormItem>
          )}
        </>
      )}
      {step === 'qualityCheck' && (
        <FormItem label="质检结论" e2e="e2e-step-verdict" error={errors.passed}>
          <Chips choices={VERDICT_CHOICES} value={verdict} onChange={setVerdict} e2e="e2e-step-verdict" />
        </FormItem>
      )}
      <Field
        e2e="e2e-step-note"
        multiline
        rows={3}
        maxLength={step === 'referralFeedback' ? 1000 : 500}
        value={note}
        onChange={setNote}
        placeholder={NOTE_PROMPTS[step]}
        error={errors.reason ?? errors.note}
        hint="会显示在求助人的处理记录中。"
      />
      <View className="action-panel__buttons">
        <Button className="e2e-staff-step-cancel" onClick={onCancel}>
          取消
        </Button>
        <Button type="primary" disabled={!ready} loading={submitting} className="e2e-staff-step-confirm" onClick={confirm}>
          确认{STEP_TITLES[step]}
        </Button>
      </View>
    </View>
  )
}
