import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './index.css'

interface Service {
  key: 'join' | 'complaint' | 'activity'
  title: string
  summary: string
  url: string
}

const SERVICES: Service[] = [
  { key: 'join', title: '入会', summary: '扫码或按行业、街道申请加入工会', url: '/subpackages/join/pages/start/index' },
  { key: 'complaint', title: '维权', summary: '欠薪、工伤、合同纠纷，向工会求助', url: '/subpackages/complaint/pages/start/index' },
  { key: 'activity', title: '活动', summary: '送温暖、技能培训、文体活动报名', url: '/pages/activities/index' },
]

function open(service: Service) {
  // The activity list is a tab; tabs can only be reached with switchTab.
  if (service.key === 'activity') void Taro.switchTab({ url: service.url })
  else void Taro.navigateTo({ url: service.url })
}

export default function HomePage() {
  return (
    <View className="page home e2e-home">
      <View className="home__banner">
        <Text className="home__title">工会通</Text>
        <Text className="home__subtitle">职工和新就业形态劳动者的掌上工会</Text>
      </View>
      <View className="home__services">
        {SERVICES.map((service) => (
          <View key={service.key} className={`home__service e2e-service-${service.key}`} onClick={() => open(service)}>
            <Text className="home__service-title">{service.title}</Text>
            <Text className="home__service-summary">{service.summary}</Text>
          </View>
        ))}
      </View>
      <View className="home__hotline muted">职工维权服务热线 12351</View>
    </View>
  )
}
