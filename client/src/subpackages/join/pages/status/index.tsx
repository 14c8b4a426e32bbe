import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { EMPLOYMENT_TYPE_LABELS } from '@shared/rules/join'
import { fetchMyMembership, type Application, type MyMembership } from '../../../../services/membership'
import { InfoRow } from '../../../../components/InfoRow'
import { Remote } from '../../../../components/Remote'
import { useRemote } from '../../../../hooks/useRemote'
import { JOIN_PAGES, pageUrl } from '../../components/routes'
import { withTextSize } from '../../../../components/TextSize'
import '../../components/join.css'
import './index.css'

const day = (iso: string) => iso.slice(0, 10)

function headline(application: Application): string {
  const what = application.kind === 'transfer' ? '转会申请' : '入会申请'
  if (application.status === 'pending') return `${what}审核中`
  return application.status === 'approved' ? `${what}已通过` : `${what}未通过`
}


/** The three steps an application goes through, with where this one stands. */
function Steps({ application }: { application: Application }) {
  const steps = [
    { label: '已提交', at: day(application.createdAt), done: true },
    { label: '工会审核', at: application.status === 'pending' ? '进行中' : '', done: application.status !== 'pending' },
    { label: application.status === 'pending' ? '审核结果' : application.status === 'rejected' ? '未通过' : '通过', at: application.decidedAt ? day(application.decidedAt) : '', done: application.status !== 'pending' },
  ]
  return (
    <View className="join-steps">
      {steps.map((step) => (
        <View key={step.label} className={`join-step${step.done ? ' join-step--done' : ''}`}>
          <Text className="join-step__label">{step.label}</Text>
          <Text className="join-step__at">{step.at}</Text>
        </View>
      ))}
    </View>
  )
}

function ApplicationPanel({ application, canTransfer }: { application: Application; canTransfer: boolean }) {
  const rejectedJoin = application.status === 'rejected' && application.kind === 'join'
  return (
    <View className="panel e2e-join-application">
      <Text className="join-title e2e-join-status">{headline(application)}</Text>
      <Steps application={application} />
      <InfoRow label={application.kind === 'transfer' ? '转入工会' : '申请加入'} e2e="e2e-join-status-union">{application.unionName}</InfoRow>
      {application.fromUnionName && <InfoRow label="转出工会">{application.fromUnionName}</InfoRow>}
      <InfoRow label="姓名">{application.name}</InfoRow>
      <InfoRow label="身份证号">{application.idNumberMasked}</InfoRow>
      <InfoRow label="手机号">{application.phoneMasked}</InfoRow>
      <InfoRow label="出生日期">{`${application.birthDate}（${application.sex === 'male' ? '男' : '女'}）`}</InfoRow>
      <InfoRow label="就业方式">{EMPLOYMENT_TYPE_LABELS[application.employmentType]}</InfoRow>
      {application.platform && <InfoRow label="接单平台">{application.platform}</InfoRow>}
      {application.employer && <InfoRow label="工作单位">{application.employer}</InfoRow>}
      <InfoRow label="职业">{application.occupation}</InfoRow>
      {application.status === 'pending' && <Text className="hint">工会一般在 5 个工作日内审核，结果会通过微信服务通知告诉你。</Text>}
      {application.status === 'rejected' && (
        <>
          <View className="notice">
            未通过原因：<Text className="e2e-join-reject-reason">{application.rejectReason}</Text>
          </View>
          {rejectedJoin && (
            <Button
              type="primary"
              block
              className="e2e-join-resubmit"
              onClick={() => Taro.navigateTo({ url: pageUrl(JOIN_PAGES.form, { unionId: application.unionId, resubmit: '1' }) })}
            >
              修改后重新提交
            </Button>
          )}
          {!rejectedJoin && canTransfer && (
            <Button type="primary" block className="e2e-join-retransfer" onClick={() => Taro.navigateTo({ url: JOIN_PAGES.transfer })}>
              重新申请转会
            </Button>
          )}
        </>
      )}
    </View>
  )
}

function MembershipPanel({ membership, canTransfer }: { membership: NonNullable<MyMembership['membership']>; canTransfer: boolean }) {
  return (
    <View className="panel e2e-join-membership">
      <Text className="join-title">工会会员</Text>
      <InfoRow label="所在工会" e2e="e2e-membership-union">{membership.unionName}</InfoRow>
      <InfoRow label="会员号" e2e="e2e-membership-number">{membership.memberNumber}</InfoRow>
      <InfoRow label="入会日期">{day(membership.joinedAt)}</InfoRow>
      <Text className="join-status__history">会籍记录</Text>
      {membership.history.map((stint, index) => (
        <View key={`${stint.unionId}-${stint.from}`} className={`join-status__stint e2e-membership-history-${index}`}>
          <Text>{stint.unionName}</Text>
          <Text className="muted">
            {day(stint.from)} — {stint.to ? day(stint.to) : '至今'}
          </Text>
        </View>
      ))}
      <View className="actions">
        <Button block className="e2e-join-card" onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
          查看电子会员卡
        </Button>
        {canTransfer && (
          <Button block className="e2e-join-transfer" onClick={() => Taro.navigateTo({ url: JOIN_PAGES.transfer })}>
            换了工作或城市？申请转会
          </Button>
        )}
      </View>
    </View>
  )
}

/** Where the person follows their application, and a member sees their membership and its history. */
function JoinStatusPage() {
  const mine = useRemote(fetchMyMembership)
  return (
    <View className="page e2e-join-status-page">
      <Remote state={mine.state} onRetry={() => void mine.reload()} rows={6}>
        {(data) => <MyJoining mine={data} />}
      </Remote>
    </View>
  )
}

function MyJoining({ mine }: { mine: MyMembership }) {
  const { application, membership } = mine
  const pending = application?.status === 'pending'
  // Once admitted, the approved join application is history: the membership panel says it all.
  const showApplication = application && !(membership && application.status === 'approved')
  return (
    <View>
      {membership && <MembershipPanel membership={membership} canTransfer={!pending} />}
      {showApplication && <ApplicationPanel application={application} canTransfer={Boolean(membership) && !pending} />}
      {!membership && !application && (
        <View className="panel e2e-join-none">
          <Text className="join-title">你还没有提交入会申请</Text>
          <Button type="primary" block className="e2e-join-start-link" onClick={() => Taro.redirectTo({ url: JOIN_PAGES.start })}>
            申请入会
          </Button>
        </View>
      )}
    </View>
  )
}

export default withTextSize(JoinStatusPage)
