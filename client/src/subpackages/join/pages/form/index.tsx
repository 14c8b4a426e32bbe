import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type * as z from 'zod/mini'
import { joinIdNumber, membershipContract, mobile, personName } from '@shared/contract/membership'
import { checkIdNumber } from '@shared/rules/id-number'
import { EMPLOYMENT_TYPE_LABELS, EMPLOYMENT_TYPES, type EmploymentType } from '@shared/rules/join'
import { JOIN_RESULT_TEMPLATE } from '@shared/subscribe-templates'
import { fail } from '@shared/result'
import { fieldMessages, newRequestId, showError } from '../../../../services/cloud'
import { applyForMembership, fetchMyMembership } from '../../../../services/membership'
import { requestSubscribeMessage } from '../../../../services/native'
import { fetchUnion } from '../../../../services/unions'
import { Chips } from '../../../../components/Chips'
import { Field, FormItem } from '../../../../components/Field'
import { Remote } from '../../../../components/Remote'
import { Toggle } from '../../../../components/Toggle'
import { useRemote } from '../../../../hooks/useRemote'
import { JOIN_PAGES, queryValue } from '../../components/routes'
import { UnionCard } from '../../components/UnionCard'
import { a11y } from '../../../../components/a11y'
import { withTextSize } from '../../../../components/TextSize'
import '../../components/join.css'

interface Form {
  name: string
  idNumber: string
  phone: string
  employmentType: EmploymentType
  employer: string
  platform: string
  occupation: string
  district: string
}

type Key = keyof Form | 'consent' | 'unionId'

const TYPE_CHOICES = EMPLOYMENT_TYPES.map((value) => ({ value, label: EMPLOYMENT_TYPE_LABELS[value] }))

/** The same checks the server runs, per field, for messages while the person types. */
const FIELD_CHECKS: Partial<Record<Key, z.ZodMiniType>> = { name: personName, idNumber: joinIdNumber, phone: mobile }

function firstMessages(issues: readonly { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const messages: Record<string, string> = {}
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '')
    messages[key] ??= issue.message
  }
  return messages
}

/** The join form, with the union already chosen (by QR code, routing or search). */
function JoinFormPage() {
  const { params } = useRouter()
  const unionId = queryValue(params, 'unionId') ?? ''
  const resubmit = queryValue(params, 'resubmit') === '1'
  const typeParam = queryValue(params, 'employmentType') as EmploymentType | undefined

  const [problem, setProblem] = useState<string>()
  const [form, setForm] = useState<Form>({
    name: '',
    idNumber: '',
    phone: '',
    employmentType: typeParam && EMPLOYMENT_TYPES.includes(typeParam) ? typeParam : 'platform',
    employer: '',
    platform: queryValue(params, 'platform') ?? '',
    occupation: '',
    district: queryValue(params, 'district') ?? '',
  })
  const [consent, setConsent] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [rejectReason, setRejectReason] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  // One id per intent: a retry of the same submission reuses it, an edit starts a new one.
  const requestId = useRef<string | null>(null)

  // The chosen union, once: it presets the employment type and district the person may still change.
  const union = useRemote(
    async () => {
      if (!unionId) return fail('INVALID_INPUT', '没有选择要加入的工会，请返回重新选择')
      const result = await fetchUnion(unionId)
      if (result.ok) {
        const { kind, district } = result.data.union
        if (!typeParam && kind === 'enterprise') setForm((f) => ({ ...f, employmentType: 'employee' }))
        if (district) setForm((f) => (f.district ? f : { ...f, district }))
      }
      return result
    },
    { everyShow: false },
  )

  useEffect(() => {
    if (!resubmit) return
    void fetchMyMembership().then((result) => {
      const previous = result.ok ? result.data.application : null
      if (!previous || previous.status !== 'rejected') return
      setRejectReason(previous.rejectReason)
      setForm((f) => ({
        ...f,
        name: previous.name,
        employmentType: previous.employmentType,
        employer: previous.employer ?? '',
        platform: previous.platform ?? '',
        occupation: previous.occupation,
        district: previous.district,
      }))
    })
  }, [resubmit])

  function set<K extends keyof Form>(key: K, value: Form[K]) {
    requestId.current = null
    setForm((f) => ({ ...f, [key]: value }))
    if (errors[key]) setErrors((e) => ({ ...e, [key]: '' }))
  }

  function check(key: keyof Form) {
    const schema = FIELD_CHECKS[key]
    if (!schema || form[key] === '') return
    const result = schema.safeParse(form[key])
    setErrors((e) => ({ ...e, [key]: result.success ? '' : (result.error.issues[0]?.message ?? '') }))
  }

  async function submit() {
    const input = { unionId, ...form, consent: consent as true }
    const parsed = membershipContract.apply.input.safeParse(input)
    if (!parsed.success) {
      setErrors(firstMessages(parsed.error.issues))
      return void Taro.showToast({ title: '请按红字提示修改', icon: 'none' })
    }
    setSubmitting(true)
    // Asked at the tap, as WeChat requires; the answer does not block the application.
    await requestSubscribeMessage([JOIN_RESULT_TEMPLATE])
    requestId.current ??= newRequestId()
    const result = await applyForMembership(input, requestId.current)
    setSubmitting(false)
    if (result.ok) return void Taro.redirectTo({ url: JOIN_PAGES.status })
    if (result.error.fields?.length) setErrors(fieldMessages(result.error))
    if (result.error.code === 'CONFLICT') setProblem(result.error.message)
    showError(result.error)
  }

  const facts = checkIdNumber(form.idNumber)
  const error = (key: Key) => errors[key] || undefined

  return (
    <View className="page e2e-join-form">
      <Remote state={union.state} onRetry={() => void union.reload()} rows={2}>
        {(data) => <UnionCard union={data.union} e2e="e2e-join-union" />}
      </Remote>
      {problem && (
        <View className="notice e2e-join-problem" {...a11y('link')} onClick={() => Taro.navigateTo({ url: JOIN_PAGES.status })}>
          {problem}
        </View>
      )}
      {rejectReason && <View className="notice e2e-join-previous-reason">上次未通过的原因：{rejectReason}。请修改后重新提交；为保护个人信息，身份证号和手机号需要重新填写。</View>}

      <View className="panel">
        <Field label="姓名" e2e="e2e-join-name" value={form.name} onChange={(v) => set('name', v)} onBlur={() => check('name')} error={error('name')} placeholder="与身份证一致" maxLength={30} />
        <Field
          label="身份证号"
          e2e="e2e-join-idNumber"
          type="idcard"
          value={form.idNumber}
          onChange={(v) => set('idNumber', v)}
          onBlur={() => check('idNumber')}
          error={error('idNumber')}
          hint={facts.ok ? `出生日期 ${facts.value.birthDate} · ${facts.value.sex === 'male' ? '男' : '女'}（由身份证号自动识别）` : undefined}
          placeholder="18 位居民身份证号"
          maxLength={18}
        />
        <Field label="手机号" e2e="e2e-join-phone" type="number" value={form.phone} onChange={(v) => set('phone', v)} onBlur={() => check('phone')} error={error('phone')} maxLength={11} />

        <FormItem label="就业方式" e2e="e2e-join-employmentType" error={error('employmentType')}>
          <Chips choices={TYPE_CHOICES} value={form.employmentType} onChange={(v) => set('employmentType', v)} e2e="e2e-join-employmentType" />
        </FormItem>
        {form.employmentType === 'platform' && (
          <Field label="接单平台" e2e="e2e-join-platform" value={form.platform} onChange={(v) => set('platform', v)} error={error('platform')} placeholder="如 美团、饿了么、顺丰、滴滴、货拉拉" maxLength={20} />
        )}
        <Field
          label={form.employmentType === 'employee' ? '工作单位' : '所属站点或合作商（选填）'}
          e2e="e2e-join-employer"
          value={form.employer}
          onChange={(v) => set('employer', v)}
          error={error('employer')}
          placeholder={form.employmentType === 'employee' ? '单位全称' : '如 滨江配送站'}
          maxLength={50}
        />
        <Field label="职业" e2e="e2e-join-occupation" value={form.occupation} onChange={(v) => set('occupation', v)} error={error('occupation')} placeholder="如 外卖骑手、快递员、网约车司机" maxLength={30} />
        <Field label="工作所在区县" e2e="e2e-join-district" value={form.district} onChange={(v) => set('district', v)} error={error('district')} placeholder="如 滨江区" maxLength={20} />
      </View>

      <View className="panel">
        <Toggle checked={consent} onChange={setConsent} e2e="e2e-join-consent" error={error('consent')}>
          <Text>我已阅读并同意《中国工会章程》和《个人信息保护说明》，自愿加入工会</Text>
        </Toggle>
        <Text className="hint">
          个人信息保护说明：身份证号和手机号只用于核实身份、办理入会和联系你，加密保存；工会工作人员只能看到部分号码，查看完整号码会留有记录。出生日期和性别由身份证号自动识别，不单独填写。
        </Text>
      </View>

      <Button type="primary" block id="join-submit" className="e2e-join-submit" loading={submitting} disabled={submitting || union.state.status !== 'ready'} onClick={() => void submit()}>
        提交入会申请
      </Button>
    </View>
  )
}

export default withTextSize(JoinFormPage)
