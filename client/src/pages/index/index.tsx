import { Text, View } from '@tarojs/components'
import { LinkList, type PageLink } from '../../components/LinkList'
import { withTextSize } from '../../components/TextSize'
import './index.css'

const SERVICES: PageLink[] = [
  { key: 'join', title: '入会', summary: '扫码或按行业、街道申请加入工会', url: '/subpackages/join/pages/start/index' },
  { key: 'complaint', title: '维权', summary: '欠薪、工伤、合同纠纷，向工会求助', url: '/subpackages/complaint/pages/start/index' },
  { key: 'places', title: '服务阵地', summary: '附近的爱心驿站、司机之家、哺乳室：喝水、充电、歇脚', url: '/subpackages/places/pages/nearby/index' },
  { key: 'activity', title: '活动', summary: '送温暖、技能培训、文体活动报名', url: '/pages/activities/index', tab: true },
]

function HomePage() {
  return (
    <View className="page home e2e-home">
      <View className="home__banner">
        <Text className="home__title">工会通</Text>
        <Text className="home__subtitle">职工和新就业形态劳动者的掌上工会</Text>
      </View>
      <View className="home__services">
        <LinkList links={SERVICES} e2e="e2e-service" />
      </View>
      <View className="home__hotline muted">职工维权服务热线 12351</View>
    </View>
  )
}

export default withTextSize(HomePage)
