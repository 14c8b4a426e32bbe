import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { fieldMessages, newRequestId, showError } from '../../../../services/cloud'
import { claimComplaint } from '../../../../services/complaints'
import { Field } from '../../../../components/Field'
import { withTextSize } from '../../../../components/TextSize'
import { HotlineBar } from '../../components/HotlineBar'
import './index.css'

/**
 * A caller of the 12351 hotline claims the case staff registered for them: with the tracking
 * number staff read out, the last four digits of the phone they called from and their name. The
 * case then shows in 我的求助 like one they filed themselves.
 */
function ClaimComplaintPage() {
  const [form, setForm] = useState({ trackingNumber: '', phoneLast4: '', name: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [submitting, setSubmitting] = useState(false)
  const [requestId, setRequestId] = useState(newRequestId)

  const update = (patch: Partial<typeof form>) => {
    setForm((current) => ({ ...current, ...patch }))
    setErrors({})
  }

  const submit = async () => {
    if (submitting) return
    setSubmitting(true)
    const result = await claimComplaint(form, requestId)
    setSubmitting(false)
    if (result.ok) {
      void Taro.redirectTo({ url: `/subpackages/complaint/pages/case/index?id=${result.data.complaintId}` })
      return
    }
    // A refused try is spent: the next one is a new request.
    setRequestId(newRequestId())
    const fields = fieldMessages(result.error)
    setErrors(Object.keys(fields).length > 0 ? fields : { form: result.error.message })
    showError(result.error)
  }

  return (
    <View className="page complaint-claim e2e-complaint-claim">
      <HotlineBar />
      <Text className="complaint-claim__intro">
        拨打 12351 热线时，工会工作人员会告诉您查询编号（如 WQ20261127-0042）。填写下面三项，案件就会出现在“我的求助”里，之后的进度和回复都能在这里看到。
      </Text>
      <Field
        label="查询编号"
        e2e="e2e-claim-trackingNumber"
        value={form.trackingNumber}
        onChange={(trackingNumber) => update({ trackingNumber })}
        placeholder="WQ 开头的编号"
        maxLength={20}
        error={errors.trackingNumber}
      />
      <Field
        label="来电手机号的后四位"
        e2e="e2e-claim-phoneLast4"
        type="number"
        value={form.phoneLast4}
        onChange={(phoneLast4) => update({ phoneLast4 })}
        placeholder="如 4321"
        maxLength={4}
        error={errors.phoneLast4}
      />
      <Field label="您的姓名" e2e="e2e-claim-name" value={form.name} onChange={(name) => update({ name })} placeholder="与来电时告诉工作人员的一致" maxLength={30} error={errors.name ?? errors.form} />
      <Button type="primary" block className="complaint-claim__submit e2e-claim-submit" loading={submitting} onClick={() => void submit()}>
        认领案件
      </Button>
    </View>
  )
}

export default withTextSize(ClaimComplaintPage)
