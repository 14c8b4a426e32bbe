import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { formatFullDateTime } from '@shared/rules/china-time'
import { sceneFromQuery } from '@shared/rules/scene'
import { checkInviteCode } from '@shared/rules/staff'
import { fail } from '@shared/result'
import { STAFF_ROLE_LABELS } from '@shared/vocabulary'
import { newRequestId, showError } from '../../../../services/cloud'
import { acceptInvitation, fetchInvitation, type InvitationPreview } from '../../../../services/staff'
import { Field } from '../../../../components/Field'
import { Remote } from '../../../../components/Remote'
import { useRemote } from '../../../../hooks/useRemote'
import { STAFF_PAGES } from '../../../../components/staff-routes'
import { withTextSize } from '../../../../components/TextSize'
import '../../../../components/admin.css'

/**
 * Where an invitation's mini program code lands (its scene `i.<code>` in the query, as join codes
 * land on the join page), or where a person types the code they were sent: what the invitation
 * offers, then 接受邀请.
 */
function StaffInvitationPage() {
  const { params } = useRouter()
  const fromScan = sceneFromQuery(params) ?? params.code ?? null
  const [code, setCode] = useState<string | null>(fromScan)
  const [typed, setTyped] = useState('')
  const [typedError, setTypedError] = useState<string>()
  const [accepted, setAccepted] = useState<{ unionName: string; role: InvitationPreview['role'] } | null>(null)
  const [busy, setBusy] = useState(false)
  const requestId = useRef<string | null>(null)

  const preview = useRemote(async () => (code ? fetchInvitation(code) : fail('INVALID_INPUT', '请填写邀请码')), { key: code ?? '', everyShow: false })

  function openTyped() {
    const checked = checkInviteCode(typed)
    if (!checked.ok) return setTypedError(checked.message)
    setTypedError(undefined)
    setCode(checked.value)
  }

  async function accept() {
    if (!code) return
    setBusy(true)
    requestId.current ??= newRequestId()
    const result = await acceptInvitation(code, requestId.current)
    setBusy(false)
    if (!result.ok) {
      showError(result.error)
      return void preview.refresh()
    }
    setAccepted({ unionName: result.data.unionName, role: result.data.role })
  }

  if (accepted) {
    return (
      <View className="page e2e-staff-invitation">
        <View className="verdict verdict--success e2e-invitation-accepted">
          <Text className="verdict__title">欢迎加入</Text>
          <Text>
            你已成为「{accepted.unionName}」的{STAFF_ROLE_LABELS[accepted.role]}。
          </Text>
        </View>
        <Button type="primary" block className="tappable e2e-invitation-home" onClick={() => void Taro.redirectTo({ url: STAFF_PAGES.home })}>
          进入工会工作台
        </Button>
      </View>
    )
  }

  if (!code) {
    return (
      <View className="page e2e-staff-invitation">
        <View className="panel">
          <Text className="panel__title">接受工作人员邀请</Text>
          <Text className="hint">请用微信扫描管理员给你的邀请小程序码；扫码不便时，填写 20 位邀请码。</Text>
          <Field label="邀请码" e2e="e2e-invitation-code" value={typed} onChange={setTyped} error={typedError} maxLength={40} />
          <Button type="primary" block className="tappable e2e-invitation-open" onClick={openTyped}>
            查看邀请
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className="page e2e-staff-invitation">
      <Remote state={preview.state} onRetry={() => void preview.reload()} rows={3}>
        {(invitation) => (
          <View>
            <View className="panel">
              <Text className="panel__title e2e-invitation-offer">
                {invitation.inviterName}邀请你成为「{invitation.unionName}」的{STAFF_ROLE_LABELS[invitation.role]}
              </Text>
              <Text className="hint">邀请对象：{invitation.name}。如果你不是{invitation.name}，请不要接受，把二维码交还给邀请人。</Text>
              <Text className="hint">有效期至 {formatFullDateTime(invitation.expiresAt)}，只能使用一次。接受后你原来在其他工会的身份不变。</Text>
            </View>
            {invitation.state === 'open' ? (
              <Button type="primary" block id="invitation-accept" className="tappable e2e-invitation-accept" loading={busy} disabled={busy} onClick={() => void accept()}>
                接受邀请
              </Button>
            ) : (
              <View className="notice e2e-invitation-closed">
                {invitation.state === 'expired' ? '这个邀请已过期，请邀请人重新邀请。' : '这个邀请已被使用，每个邀请只能使用一次。'}
              </View>
            )}
          </View>
        )}
      </Remote>
    </View>
  )
}

export default withTextSize(StaffInvitationPage)
