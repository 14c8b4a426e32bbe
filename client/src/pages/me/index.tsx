import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { fetchMe, type Me } from '../../services/account'
import { LinkList, type PageLink } from '../../components/LinkList'
import { Remote } from '../../components/Remote'
import { useRemote } from '../../hooks/useRemote'
import { MemberCard } from './components/MemberCard'
import { TextSizeSwitch } from './components/TextSizeSwitch'
import { withTextSize } from '../../components/TextSize'
import './index.css'

const STATUS_TEXT: Record<Me['membership']['status'], string> = {
  none: '还不是会员',
  pending: '入会申请审核中',
  rejected: '入会申请未通过',
  member: '工会会员',
}

/** The person's own records, one line per feature (入会申请, 维权, 活动). */
const MY_LINKS: PageLink[] = [
  { key: 'join', title: '入会与会籍', url: '/subpackages/join/pages/status/index' },
  { key: 'complaints', title: '我的维权求助', url: '/subpackages/complaint/pages/start/index' },
  { key: 'activities', title: '我的活动', url: '/subpackages/activity/pages/mine/index' },
]

function MePage() {
  const me = useRemote(fetchMe)

  if (me.state.status === 'failed' && me.state.error.code === 'UNAUTHENTICATED') {
    return (
      <View className="page e2e-me">
        <View className="notice e2e-signin-needed">{me.state.error.message}</View>
        <TextSizeSwitch />
        {process.env.TARO_ENV === 'h5' && (
          <Button type="primary" block onClick={() => (window.location.href = '/__emulator/signin')}>
            选择本地身份登录
          </Button>
        )}
      </View>
    )
  }

  return (
    <View className="page e2e-me">
      <Remote state={me.state} onRetry={() => void me.reload()}>
        {(data) => <MyRecords me={data} />}
      </Remote>
      <TextSizeSwitch />
    </View>
  )
}

/** Membership, the member card, links to the person's own records, and the staff workbench. */
function MyRecords({ me }: { me: Me }) {
  const { membership, staffOf } = me
  return (
    <View>
      <View className="me__card">
        <Text className="me__status e2e-membership-status">{STATUS_TEXT[membership.status]}</Text>
        {membership.unionName && <Text className="me__union">{membership.unionName}</Text>}
        {membership.memberNumber && <Text className="me__number muted">会员号 {membership.memberNumber}</Text>}
      </View>
      {membership.status === 'member' && <MemberCard />}
      {membership.status === 'none' && (
        <Button type="primary" block className="me__join e2e-me-join" onClick={() => Taro.navigateTo({ url: '/subpackages/join/pages/start/index' })}>
          申请入会
        </Button>
      )}
      <LinkList links={MY_LINKS} e2e="e2e-me-link" />
      {staffOf.length > 0 && (
        <View className="me__staff">
          <Text className="section-title">工作台</Text>
          {staffOf.map((role) => (
            <View key={role.unionId} className="me__staff-union muted">
              {role.unionName}（{role.role === 'admin' ? '管理员' : '工作人员'}）
            </View>
          ))}
          <Button block className="e2e-me-staff" onClick={() => Taro.navigateTo({ url: '/subpackages/staff/pages/home/index' })}>
            进入工会工作台
          </Button>
        </View>
      )}
    </View>
  )
}

export default withTextSize(MePage)
