import { Text, View } from '@tarojs/components'
import { fetchMe } from '../../../../services/account'
import { LinkList, type PageLink } from '../../../../components/LinkList'
import { useRemote } from '../../../../hooks/useRemote'
import { STAFF_PAGES } from '../../components/routes'
import { withTextSize } from '../../../../components/TextSize'

/** The staff workbench: one entry per tool; each feature adds its own line. */
const TOOLS: PageLink[] = [
  { key: 'applications', title: '入会审核', summary: '审核本工会的入会和转会申请，通过即发放会员号和电子会员卡', url: '/subpackages/staff/pages/applications/index' },
  { key: 'union-codes', title: '入会二维码', summary: '下载、打印本工会的入会二维码，张贴在单位或骑手驿站', url: '/subpackages/staff/pages/union-codes/index' },
  { key: 'verify-card', title: '核验会员卡', summary: '扫描会员出示的电子会员卡，确认会员身份', url: '/subpackages/staff/pages/verify-card/index' },
  { key: 'complaints', title: '维权案件', summary: '受理、回复、办结职工的求助；临近期限和逾期的排在前面', url: '/subpackages/staff/pages/complaints/list/index' },
  { key: 'holidays', title: '节假日设置', summary: '维权办理期限按工作日计算，在这里维护放假和调休', url: '/subpackages/staff/pages/complaints/holidays/index' },
  { key: 'activities', title: '活动管理', summary: '发布活动，查看报名和候补名单，开奖，现场扫码签到，导出名单', url: '/subpackages/staff/pages/activities/list/index' },
  { key: 'places', title: '服务阵地', summary: '本工会的服务站、司机之家、哺乳室：新建、修改、核实、停用', url: STAFF_PAGES.places },
  { key: 'place-queue', title: '服务点反馈', summary: '职工报告的问题和推荐的新服务点：核实后处理或说明原因，职工会收到通知', url: STAFF_PAGES.placeQueue },
  { key: 'unions', title: '组织架构', summary: '本工会和下级工会的信息；管理员在这里新建、修改、移动和撤销工会', url: STAFF_PAGES.unions },
]

/** Tools for admins only (the server refuses everyone else as well). */
const ADMIN_TOOLS: PageLink[] = [
  { key: 'team', title: '工作人员', summary: '邀请工作人员和管理员，撤销离任人员的身份', url: STAFF_PAGES.team },
  { key: 'audit', title: '操作记录', summary: '谁在什么时候做了什么：审核、查看个人信息、案件办理、组织和人员变动', url: STAFF_PAGES.audit },
]

function StaffHomePage() {
  const me = useRemote(fetchMe)
  const isAdmin = me.state.status === 'ready' && me.state.data.staffOf.some((role) => role.role === 'admin')
  return (
    <View className="page e2e-staff-home">
      <Text className="section-title">工会工作台</Text>
      <LinkList links={TOOLS} e2e="e2e-staff-tool" />
      {isAdmin && (
        <>
          <Text className="section-title">管理员</Text>
          <LinkList links={ADMIN_TOOLS} e2e="e2e-staff-tool" />
        </>
      )}
    </View>
  )
}

export default withTextSize(StaffHomePage)
