import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { chinaDay } from '@shared/rules/china-time'
import { STAFF_ROLE_LABELS } from '@shared/vocabulary'
import { newRequestId, showError } from '../../../../services/cloud'
import { listStaff, revokeStaff, type StaffMember } from '../../../../services/staff'
import { RemoteList } from '../../../../components/Remote'
import { usePagedList } from '../../../../hooks/usePagedList'
import { ConfirmBar } from '../../../../components/ConfirmBar'
import { pageUrl, queryValue, STAFF_PAGES } from '../../../../components/staff-routes'
import { withTextSize } from '../../../../components/TextSize'
import '../../../../components/admin.css'

/**
 * 工作人员: staff and admins of the unions the admin manages (or of one union, opened from
 * 组织架构), with 邀请 and 撤销. A role taken away keeps the person's other roles.
 */
function StaffTeamPage() {
  const { params } = useRouter()
  const unionId = queryValue(params, 'unionId')
  const unionName = queryValue(params, 'unionName')
  const team = usePagedList<StaffMember>((page) => listStaff(page, unionId))
  const [revoking, setRevoking] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function revoke(member: StaffMember) {
    setBusy(true)
    const result = await revokeStaff(member.staffId, newRequestId())
    setBusy(false)
    setRevoking(null)
    if (!result.ok) return showError(result.error)
    void Taro.showToast({ title: '已撤销', icon: 'success' })
    await team.refresh()
  }

  return (
    <View className="page e2e-staff-team">
      <View className="panel">
        <Text className="panel__title">{unionName ? `「${unionName}」的工作人员` : '我管理的工会的工作人员'}</Text>
        <Text className="hint">工作人员处理本工会的入会、维权和活动；管理员还管理组织架构、工作人员和下级工会。邀请到下级工会：在组织架构里进入该工会，点“邀请工作人员”。</Text>
        <View className="button-row">
          <Button type="primary" className="tappable e2e-team-invite" onClick={() => void Taro.navigateTo({ url: pageUrl(STAFF_PAGES.invite, { unionId, unionName }) })}>
            邀请工作人员
          </Button>
        </View>
      </View>
      <RemoteList list={team} empty="还没有工作人员">
        {(member, index) => (
          <View key={member.staffId} className={`admin-row e2e-member-${index}`}>
            <Text className="admin-row__title e2e-member-name">
              {member.name}
              {member.isSelf ? '（我）' : ''}
              <Text className={`admin-tag${member.role === 'admin' ? ' admin-tag--admin' : ''}`}>{STAFF_ROLE_LABELS[member.role]}</Text>
            </Text>
            <Text className="admin-row__meta">
              {member.unionName} · {chinaDay(member.since)} 起
            </Text>
            <View className="button-row">
              <Button size="small" className="tappable e2e-member-audit" onClick={() => void Taro.navigateTo({ url: pageUrl(STAFF_PAGES.audit, { actorId: member.actorId, actorName: member.name }) })}>
                操作记录
              </Button>
              <Button size="small" className="tappable e2e-member-revoke" onClick={() => setRevoking(member.staffId)}>
                撤销
              </Button>
            </View>
            {revoking === member.staffId && (
              <ConfirmBar
                question={`撤销${member.name}在「${member.unionName}」的${STAFF_ROLE_LABELS[member.role]}身份？他在其他工会的身份不受影响，以往的操作记录保留。`}
                confirmLabel="确认撤销"
                busy={busy}
                e2e="e2e-member-revoke"
                onConfirm={() => void revoke(member)}
                onCancel={() => setRevoking(null)}
              />
            )}
          </View>
        )}
      </RemoteList>
    </View>
  )
}

export default withTextSize(StaffTeamPage)
