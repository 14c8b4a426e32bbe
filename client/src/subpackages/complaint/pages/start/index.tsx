import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { categoryLabel } from '@shared/rules/complaint-categories'
import { STATUS_LABELS } from '@shared/rules/complaint-status'
import { fetchMyComplaints, type CaseSummary } from '../../../../services/complaints'
import { a11y } from '../../../../components/a11y'
import { RemoteList } from '../../../../components/Remote'
import { usePagedList } from '../../../../hooks/usePagedList'
import { HotlineBar } from '../../components/HotlineBar'
import { hasDraft } from '../../draft'
import { withTextSize } from '../../../../components/TextSize'
import './index.css'

/** 维权求助: the hotline, a way to ask for help, and the person's own cases with their deadlines. */
function ComplaintStartPage() {
  const [draft, setDraft] = useState(false)
  const cases = usePagedList<CaseSummary>(fetchMyComplaints)
  useDidShow(() => setDraft(hasDraft()))

  return (
    <View className="page complaint-start e2e-complaint-start">
      <HotlineBar />
      <View className="complaint-start__intro">
        <Text className="complaint-start__title">遇到欠薪、工伤、合同纠纷？</Text>
        <Text className="complaint-start__text">把情况告诉工会：提交后立即得到查询编号，每一步处理和期限都能在这里看到。可以匿名。</Text>
      </View>
      <Button type="primary" block className="e2e-complaint-new" onClick={() => void Taro.navigateTo({ url: '/subpackages/complaint/pages/new/index' })}>
        {draft ? '继续填写未提交的求助' : '我要求助'}
      </Button>

      <View
        className="complaint-start__claim e2e-complaint-claim-link"
        {...a11y('link', '打过 12351 热线？认领电话登记的案件')}
        onClick={() => void Taro.navigateTo({ url: '/subpackages/complaint/pages/claim/index' })}
      >
        <Text>打过 12351 热线？</Text>
        <Text className="complaint-start__claim-action">认领电话登记的案件 ›</Text>
      </View>

      <Text className="section-title">我的求助</Text>
      <RemoteList list={cases} empty="还没有提交过求助">
        {(item) => (
          <View
            key={item.complaintId}
            className="list-link complaint-item e2e-complaint-item"
            {...a11y('link')}
            onClick={() => void Taro.navigateTo({ url: `/subpackages/complaint/pages/case/index?id=${item.complaintId}` })}
          >
            <View className="complaint-item__head">
              <Text className="list-link__title">{categoryLabel(item.category)}</Text>
              <Text className={`complaint-item__status complaint-item__status--${item.status} e2e-complaint-item-status`}>{STATUS_LABELS[item.status]}</Text>
            </View>
            <Text className="muted">
              {item.trackingNumber} · {item.employer}
            </Text>
            {item.deadline && (
              <Text className="complaint-item__deadline">
                {item.deadline.sentence}（{item.deadline.countdown}）
              </Text>
            )}
          </View>
        )}
      </RemoteList>
    </View>
  )
}

export default withTextSize(ComplaintStartPage)
