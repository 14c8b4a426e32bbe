export default defineAppConfig({
  pages: ['pages/index/index', 'pages/activities/index', 'pages/me/index'],
  // Each service is a subpackage so the main package only carries the shell and the tabs.
  subPackages: [
    { root: 'subpackages/join', pages: ['pages/start/index', 'pages/route/index', 'pages/search/index', 'pages/form/index', 'pages/status/index', 'pages/transfer/index'] },
    { root: 'subpackages/complaint', pages: ['pages/start/index', 'pages/new/index', 'pages/case/index'] },
    { root: 'subpackages/activity', pages: ['pages/detail/index', 'pages/mine/index', 'pages/verify/index'] },
    { root: 'subpackages/staff', pages: ['pages/home/index', 'pages/applications/index', 'pages/applications/detail/index', 'pages/union-codes/index', 'pages/verify-card/index', 'pages/complaints/list/index', 'pages/complaints/case/index', 'pages/complaints/holidays/index', 'pages/activities/list/index', 'pages/activities/edit/index', 'pages/activities/manage/index', 'pages/activities/checkin/index'] },
  ],
  window: {
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '工会通',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/activities/index', text: '活动' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
})
