import { NATIVE_THEME } from './theme'

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/activities/index', 'pages/me/index'],
  // Each service is a subpackage so the main package only carries the shell and the tabs.
  subPackages: [
    { root: 'subpackages/join', pages: ['pages/start/index', 'pages/route/index', 'pages/search/index', 'pages/form/index', 'pages/status/index', 'pages/transfer/index'] },
    { root: 'subpackages/complaint', pages: ['pages/start/index', 'pages/new/index', 'pages/case/index'] },
    { root: 'subpackages/activity', pages: ['pages/detail/index', 'pages/mine/index', 'pages/verify/index'] },
    { root: 'subpackages/places', pages: ['pages/nearby/index', 'pages/detail/index', 'pages/report/index', 'pages/suggest/index', 'pages/feedback/index'] },
    { root: 'subpackages/staff', pages: ['pages/home/index', 'pages/applications/index', 'pages/applications/detail/index', 'pages/union-codes/index', 'pages/verify-card/index', 'pages/complaints/list/index', 'pages/complaints/case/index', 'pages/complaints/holidays/index', 'pages/activities/list/index', 'pages/activities/edit/index', 'pages/activities/manage/index', 'pages/activities/checkin/index', 'pages/unions/index', 'pages/unions/edit/index', 'pages/team/index', 'pages/team/invite/index', 'pages/audit/index', 'pages/invitation/index', 'pages/setup/index', 'pages/places/list/index', 'pages/places/edit/index', 'pages/places/queue/index'] },
  ],
  // WeChat shows this text when it asks for the location, and refuses getLocation and chooseLocation unless they are declared.
  permission: { 'scope.userLocation': { desc: '用于查找您附近的工会服务站、司机之家和爱心驿站' } },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  // Native chrome cannot read CSS variables: its colours come from NATIVE_THEME (theme.ts), which
  // mirrors theme.css.
  window: {
    navigationBarBackgroundColor: NATIVE_THEME.brand,
    navigationBarTitleText: '工会通',
    navigationBarTextStyle: 'white',
    backgroundColor: NATIVE_THEME.page,
  },
  tabBar: {
    color: NATIVE_THEME.tabText,
    selectedColor: NATIVE_THEME.brand,
    backgroundColor: NATIVE_THEME.surface,
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/activities/index', text: '活动' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
})
