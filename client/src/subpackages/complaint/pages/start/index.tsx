import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { AppError } from '@shared/result'
import { categoryLabel } from '@shared/rules/complaint-categories'
import { STATUS_LABELS } from '@shared/rules/complaint-status'
import { fetchMyComplaints, type CaseSummary } from '../../../../services/complaints'
import { HotlineBar } from '../../components/HotlineBar'
import { hasDraft } from '../../draft'
import './index.css'

type PageState = { state: 'loading' } | { state: 'ready'; items: CaseSummary[]; total: number } | { state: 'failed'; error: AppError }

const PAGE_SIZE = 20

/** 维权求助: the hotline, a way to ask for help, and the person's own cases with their deadlines. */
export default function ComplaintStartPage() {
  const [view, setView] = useState<PageState>({ state: 'loading' })
  const [draft, setDraft] = useState(false)

  useDidShow(() => {
    setDraft(hasDraft())
    void fetchMyComplaints(1, PAGE_SIZE).then((result) =>
      setView(result.ok ? { state: 'ready', items: result.data.items, total: result.data.total } : { state: 'failed', error: result.error }),
    )
  })

  const loadMore = async () => {
    if (view.state !== 'ready') return
    const result = await fetchMyComplaints(Math.floor(view.items.length / PAGE_SIZE) + 1, PAGE_SIZE)
    if (result.ok) setView({ state: 'ready', items: [...view.items, ...result.data.items], total: result.data.total })
  }

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

      <Text className="section-title">我的求助</Text>
      {view.state === 'loading' && <View className="muted">加载中…</View>}
      {view.state === 'failed' && <View className="muted e2e-error">{view.error.message}</View>}
      {view.state === 'ready' && view.items.length === 0 && <View className="muted e2e-complaint-empty">还没有提交过求助</View>}
      {view.state === 'ready' &&
        view.items.map((item) => (
          <View
            key={item.complaintId}
            className="list-link complaint-item e2e-complaint-item"
            onClick={() => void Taro.navigateTo({ url: `/subpackages/complaint/pages/case/index?id=${item.complaintId}` })}
          >
            <View className="complaint-item__head">
              <Text className="list-link__title">{categoryLabel(item.category)}</Text>
              <Text className={`complaint-item__status complaint-item__status--${item.status} e2e-complaint-item-status`}>{STATUS_LABELS[item.status]}</Text>
            </View>
            <Text className="muted">
              {item.trackingNumber} · {item.employer}
            </Text>
            {item.deadline && <Text className="complaint-item__deadline">{item.deadline.sentence}</Text>}
          </View>
        ))}
      {view.state === 'ready' && view.items.length < view.total && (
        <Button block className="e2e-load-more" onClick={() => void loadMore()}>
          加载更多
        </Button>
      )}
    </View>
  )
}
