import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { staffContract } from '@shared/contract/staff'
import { fieldMessages, newRequestId, showError } from '../../../../services/cloud'
import { bootstrapFirstAdmin } from '../../../../services/staff'
import { Field } from '../../../../components/Field'
import { STAFF_PAGES } from '../../../../components/staff-routes'
import { withTextSize } from '../../../../components/TextSize'
import '../../../../components/admin.css'

interface Form {
  secret: string
  unionName: string
  city: string
  name: string
}

/**
 * The first admin of a fresh deployment (docs/administration.md): whoever holds the setup secret
 * names the root union and becomes its admin. Reached by the link the deployment guide and
 * `npm start` print; once anyone is admin the server refuses it for ever.
 */
function StaffSetupPage() {
  const [form, setForm] = useState<Form>({ secret: '', unionName: '', city: '', name: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<{ unionName: string } | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const requestId = useRef<string | null>(null)

  const set = (key: keyof Form, value: string) => {
    requestId.current = null
    setForm((current) => ({ ...current, [key]: value }))
    setErrors((current) => ({ ...current, [key]: '' }))
  }

  async function submit() {
    const parsed = staffContract.bootstrap.input.safeParse(form)
    if (!parsed.success) {
      const messages: Record<string, string> = {}
      for (const issue of parsed.error.issues) messages[String(issue.path[0])] ??= issue.message
      return setErrors(messages)
    }
    setBusy(true)
    requestId.current ??= newRequestId()
    const result = await bootstrapFirstAdmin(form, requestId.current)
    setBusy(false)
    if (result.ok) return setDone({ unionName: result.data.unionName })
    setErrors(fieldMessages(result.error))
    if (result.error.code === 'CONFLICT' || !result.error.fields) setProblem(result.error.message)
    showError(result.error)
  }

  if (done) {
    return (
      <View className="page e2e-staff-setup">
        <View className="verdict verdict--success e2e-setup-done">
          <Text className="verdict__title">初始化完成</Text>
          <Text>你已成为「{done.unionName}」的管理员。</Text>
          <Text>下一步：在“组织架构”里建立行业、街道和基层工会，再邀请各工会的工作人员。</Text>
        </View>
        <View className="actions">
          <Button type="primary" block className="tappable e2e-setup-tree" onClick={() => void Taro.redirectTo({ url: STAFF_PAGES.unions })}>
            去建立组织架构
          </Button>
          <Button block className="tappable e2e-setup-home" onClick={() => void Taro.redirectTo({ url: STAFF_PAGES.home })}>
            进入工会工作台
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className="page e2e-staff-setup">
      <View className="panel">
        <Text className="panel__title">首位管理员</Text>
        <Text className="hint">
          工会通刚部署时还没有任何工会和工作人员。持有初始化口令（部署时设置的 UNIONHUB_SETUP_SECRET）的人在这里填写根工会（通常是“××市总工会”），成为它的管理员。只要已有一位管理员，这里就不能再使用。
        </Text>
      </View>
      {problem && <View className="notice e2e-setup-problem">{problem}</View>}
      <View className="panel">
        <Field label="初始化口令" e2e="e2e-setup-secret" type="password" value={form.secret} onChange={(value) => set('secret', value)} error={errors.secret} placeholder="向部署人员索取" maxLength={200} />
        <Field label="根工会名称" e2e="e2e-setup-unionName" value={form.unionName} onChange={(value) => set('unionName', value)} error={errors.unionName} placeholder="如 示范市总工会" maxLength={40} />
        <Field label="所在城市" e2e="e2e-setup-city" value={form.city} onChange={(value) => set('city', value)} error={errors.city} placeholder="如 示范市" maxLength={20} />
        <Field label="你的姓名" e2e="e2e-setup-name" value={form.name} onChange={(value) => set('name', value)} error={errors.name} placeholder="与身份证一致" maxLength={30} />
      </View>
      <Button type="primary" block id="setup-submit" className="tappable e2e-setup-submit" loading={busy} disabled={busy} onClick={() => void submit()}>
        成为首位管理员
      </Button>
    </View>
  )
}

export default withTextSize(StaffSetupPage)
