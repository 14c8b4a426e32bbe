import { useRef, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { personName } from '@shared/contract/membership'
import { formatFullDateTime } from '@shared/rules/china-time'
import { INVITATION_TTL_HOURS } from '@shared/rules/staff'
import { STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@shared/vocabulary'
import { fieldMessages, newRequestId, showError } from '../../../../../services/cloud'
import { inviteStaff, type Invitation } from '../../../../../services/staff'
import { fetchUnionTree } from '../../../../../services/unions'
import { imageAlt } from '../../../../../components/a11y'
import { Chips } from '../../../../../components/Chips'
import { Field, FormItem } from '../../../../../components/Field'
import { Remote } from '../../../../../components/Remote'
import { useRemote } from '../../../../../hooks/useRemote'
import { queryValue } from '../../../../../components/staff-routes'
import { withTextSize } from '../../../../../components/TextSize'
import '../../../../../components/admin.css'

const ROLE_CHOICES = STAFF_ROLES.map((value) => ({ value, label: STAFF_ROLE_LABELS[value] }))

/**
 * An admin invites a colleague: name and role in, a mini program code out, which the colleague scans
 * with WeChat within 72 hours. The union is the one opened from 组织架构, or one the admin manages.
 */
function StaffInvitePage() {
  const { params } = useRouter()
  const [unionId, setUnionId] = useState(queryValue(params, 'unionId'))
  const [name, setName] = useState('')
  const [role, setRole] = useState<StaffRole>('staff')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [invitation, setInvitation] = useState<Invitation | null>(null)
  const requestId = useRef<string | null>(null)

  // Without a union from the link: the admin's own unions to choose from.
  const mine = useRemote(() => fetchUnionTree(undefined, 1), { everyShow: false })
  const managed = mine.state.status === 'ready' ? mine.state.data.items.filter((node) => node.canManage && node.status === 'active') : []
  const fixedName = queryValue(params, 'unionName')

  async function submit() {
    const checked = personName.safeParse(name)
    if (!checked.success) return setErrors({ name: checked.error.issues[0]?.message ?? '' })
    if (!unionId) return setErrors({ unionId: '请选择工会' })
    setBusy(true)
    requestId.current ??= newRequestId()
    const result = await inviteStaff({ unionId, role, name }, requestId.current)
    setBusy(false)
    if (!result.ok) {
      setErrors(fieldMessages(result.error))
      return showError(result.error)
    }
    setInvitation(result.data)
  }

  function again() {
    requestId.current = null
    setInvitation(null)
    setName('')
  }

  if (invitation) {
    const label = `邀请${invitation.name}成为「${invitation.unionName}」${STAFF_ROLE_LABELS[invitation.role]}的小程序码`
    return (
      <View className="page e2e-staff-invite">
        <View className="panel e2e-invite-result">
          <Text className="panel__title">
            邀请{invitation.name}成为「{invitation.unionName}」的{STAFF_ROLE_LABELS[invitation.role]}
          </Text>
          <Image className="admin-qr e2e-invite-qr" src={invitation.imageUrl} mode="aspectFit" showMenuByLongpress {...imageAlt(label)} />
          <Text className="hint">请{invitation.name}用自己的微信扫描这个小程序码，并点“接受邀请”。长按图片可以保存后发给他。</Text>
          <Text className="hint e2e-invite-expires">有效期至 {formatFullDateTime(invitation.expiresAt)}（{INVITATION_TTL_HOURS} 小时），只能使用一次。</Text>
          <Text className="hint">邀请码（扫码不便时，请对方在邀请页填写）：</Text>
          <Text className="code e2e-invite-code" userSelect>
            {invitation.code}
          </Text>
        </View>
        <Button block className="tappable e2e-invite-again" onClick={again}>
          再邀请一位
        </Button>
      </View>
    )
  }

  return (
    <View className="page e2e-staff-invite">
      <View className="panel">
        {fixedName && unionId ? (
          <Text className="panel__title">邀请到「{fixedName}」</Text>
        ) : (
          <Remote state={mine.state} onRetry={() => void mine.reload()} rows={1}>
            {() => (
              <FormItem label="邀请到哪个工会" e2e="e2e-invite-union" error={errors.unionId} hint="下级工会请在组织架构里进入该工会后邀请">
                <Chips choices={managed.map((node) => ({ value: node.unionId, label: node.name }))} value={unionId} onChange={setUnionId} e2e="e2e-invite-union" keyBy="position" />
              </FormItem>
            )}
          </Remote>
        )}
        <Field
          label="被邀请人姓名"
          e2e="e2e-invite-name"
          value={name}
          onChange={(value) => {
            requestId.current = null
            setName(value)
            setErrors({})
          }}
          error={errors.name}
          placeholder="与身份证一致"
          maxLength={30}
        />
        <FormItem label="角色" e2e="e2e-invite-role" error={errors.role} hint="管理员还能管理组织架构、工作人员和下级工会">
          <Chips choices={ROLE_CHOICES} value={role} onChange={setRole} e2e="e2e-invite-role" />
        </FormItem>
      </View>
      <Button type="primary" block id="invite-submit" className="tappable e2e-invite-submit" loading={busy} disabled={busy} onClick={() => void submit()}>
        生成邀请码
      </Button>
    </View>
  )
}

export default withTextSize(StaffInvitePage)
