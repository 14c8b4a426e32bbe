import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { chinaDay } from '@shared/rules/china-time'
import { CATEGORY_RULES, COMPLAINT_CATEGORIES, type ComplaintCategory } from '@shared/rules/complaint-categories'
import { COMPLAINT_TIERS, TIER_LABELS, type ComplaintTier } from '@shared/rules/complaint-tiers'
import { fieldMessages, newRequestId, showError } from '../../../../../services/cloud'
import { takeHotlineCase, type IntakeInput } from '../../../../../services/complaints'
import { Chips } from '../../../../../components/Chips'
import { Field, FormItem } from '../../../../../components/Field'
import { withTextSize } from '../../../../../components/TextSize'
import './index.css'

const CATEGORY_CHOICES = COMPLAINT_CATEGORIES.map((value) => ({ value, label: CATEGORY_RULES[value].label }))
const TIER_CHOICES = COMPLAINT_TIERS.map((value) => ({ value, label: TIER_LABELS[value] }))

interface Form {
  category: ComplaintCategory | undefined
  description: string
  employer: string
  amountOwed: string
  occurredOn: string
  callerName: string
  callerPhone: string
  tier: ComplaintTier | undefined
}

const emptyForm = (): Form => ({ category: undefined, description: '', employer: '', amountOwed: '', occurredOn: chinaDay(new Date()), callerName: '', callerPhone: '', tier: undefined })

/**
 * Staff write down a 12351 caller's case while on the phone. The case goes to the staff member's
 * union; the tracking number is read out to the caller, who can claim the case in the app later.
 */
function StaffIntakePage() {
  const [form, setForm] = useState<Form>(emptyForm)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [submitting, setSubmitting] = useState(false)
  const [requestId, setRequestId] = useState(newRequestId)
  const [taken, setTaken] = useState<{ complaintId: string; trackingNumber: string } | null>(null)

  const update = (patch: Partial<Form>) => {
    setForm((current) => ({ ...current, ...patch }))
    setErrors((current) => {
      const next = { ...current }
      for (const key of Object.keys(patch)) delete next[key]
      return next
    })
  }

  const submit = async () => {
    if (submitting) return
    const asksAmount = form.category ? CATEGORY_RULES[form.category].asksAmount : false
    const input = {
      category: form.category as ComplaintCategory,
      description: form.description,
      employer: form.employer,
      occurredOn: form.occurredOn,
      callerName: form.callerName,
      callerPhone: form.callerPhone,
      ...(asksAmount || form.amountOwed.trim() ? { amountOwed: form.amountOwed } : {}),
      ...(form.tier ? { tier: form.tier } : {}),
    } satisfies IntakeInput
    setSubmitting(true)
    const result = await takeHotlineCase(input, requestId)
    setSubmitting(false)
    if (result.ok) {
      setTaken({ complaintId: result.data.complaintId, trackingNumber: result.data.trackingNumber })
      setForm(emptyForm())
      setRequestId(newRequestId())
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
      return
    }
    setErrors(fieldMessages(result.error))
    showError(result.error)
  }

  const asksAmount = form.category ? CATEGORY_RULES[form.category].asksAmount : false
  return (
    <View className="page staff-intake e2e-staff-intake">
      {taken && (
        <View className="staff-intake__done e2e-intake-done">
          <Text>已登记，请把查询编号告诉来电人：</Text>
          <Text className="staff-intake__tracking e2e-intake-tracking">{taken.trackingNumber}</Text>
          <Text>来电人可在小程序“维权求助 → 认领电话登记的案件”用编号、手机号后四位和姓名认领。</Text>
          <Button size="small" className="e2e-intake-open" onClick={() => void Taro.navigateTo({ url: `/subpackages/casework/pages/complaints/case/index?id=${taken.complaintId}` })}>
            打开案件
          </Button>
        </View>
      )}

      <Text className="section-title">来电人</Text>
      <Field label="姓名" e2e="e2e-intake-callerName" value={form.callerName} onChange={(callerName) => update({ callerName })} maxLength={30} error={errors.callerName} />
      <Field
        label="来电号码"
        e2e="e2e-intake-callerPhone"
        type="tel"
        value={form.callerPhone}
        onChange={(callerPhone) => update({ callerPhone })}
        placeholder="11 位手机号，加密保存"
        maxLength={13}
        error={errors.callerPhone}
      />

      <Text className="section-title">反映的问题</Text>
      <FormItem e2e="e2e-intake-category" error={errors.category}>
        <Chips choices={CATEGORY_CHOICES} value={form.category} onChange={(category) => update({ category })} e2e="e2e-intake-category" />
      </FormItem>
      <Field
        e2e="e2e-intake-description"
        multiline
        rows={5}
        showCount
        maxLength={2000}
        value={form.description}
        onChange={(description) => update({ description })}
        placeholder={form.category ? CATEGORY_RULES[form.category].hint : '来电人反映的情况'}
        error={errors.description}
      />
      <Field label="用人单位或平台" e2e="e2e-intake-employer" value={form.employer} onChange={(employer) => update({ employer })} error={errors.employer} />
      {asksAmount && (
        <Field label="拖欠金额（元）" e2e="e2e-intake-amountOwed" type="digit" value={form.amountOwed} onChange={(amountOwed) => update({ amountOwed })} maxLength={14} error={errors.amountOwed} />
      )}
      <FormItem label="发生日期" e2e="e2e-intake-occurredOn" error={errors.occurredOn} boxed>
        <Picker mode="date" value={form.occurredOn} end={chinaDay(new Date())} onChange={(event) => update({ occurredOn: String(event.detail.value) })}>
          <View className="staff-intake__picker">{form.occurredOn}</View>
        </Picker>
      </FormItem>
      <FormItem label="案件分级（选填，受理时可再调整）" e2e="e2e-intake-tier" error={errors.tier}>
        <Chips choices={TIER_CHOICES} value={form.tier} onChange={(tier) => update({ tier })} e2e="e2e-intake-tier" />
      </FormItem>

      <Button type="primary" block className="staff-intake__submit e2e-intake-submit" loading={submitting} onClick={() => void submit()}>
        登记案件
      </Button>
    </View>
  )
}

export default withTextSize(StaffIntakePage)
