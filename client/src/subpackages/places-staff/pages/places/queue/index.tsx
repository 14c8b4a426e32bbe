import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { formatFullDateTime } from '@shared/rules/china-time'
import { FEEDBACK_STATUS_LABELS, PLACE_REPORT_LABELS, type FeedbackStatus } from '@shared/rules/places'
import { PLACE_FACILITY_LABELS, PLACE_TYPE_LABELS } from '@shared/vocabulary'
import { newRequestId, showError } from '../../../../../services/cloud'
import { fetchPlaceQueue, resolveFeedback, type QueueItem } from '../../../../../services/places'
import { imageAlt } from '../../../../../components/a11y'
import { Chips } from '../../../../../components/Chips'
import { Field } from '../../../../../components/Field'
import { RemoteList } from '../../../../../components/Remote'
import { usePagedList } from '../../../../../hooks/usePagedList'
import { pageUrl, STAFF_PAGES } from '../../../../../components/staff-routes'
import { withTextSize } from '../../../../../components/TextSize'
import '../../../../../components/admin.css'

const STATUS_TABS = (['open', 'resolved', 'declined'] as const).map((value) => ({ value, label: FEEDBACK_STATUS_LABELS[value] }))

function headline(item: QueueItem): string {
  if (item.kind === 'new_place') return `推荐新服务点：${item.suggestion?.name ?? ''}`
  const what = item.kind === 'facility_broken' && item.facility ? `${PLACE_FACILITY_LABELS[item.facility]}损坏` : PLACE_REPORT_LABELS[item.kind]
  return `${item.place?.name ?? ''}：${what}`
}

/** One report or suggestion with what the worker wrote, and the reply box while it is open. */
function QueueRow({ item, index, onHandled }: { item: QueueItem; index: number; onHandled: () => void }) {
  const [reply, setReply] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  async function answer(decision: 'resolve' | 'decline') {
    setBusy(true)
    const result = await resolveFeedback(item.feedbackId, decision, reply.trim(), newRequestId())
    setBusy(false)
    if (!result.ok) {
      setError(result.error.fields?.find((field) => field.path === 'reply')?.message ?? undefined)
      return showError(result.error)
    }
    void Taro.showToast({ title: decision === 'resolve' ? '已处理，已通知职工' : '已回复，已通知职工', icon: 'success' })
    onHandled()
  }

  return (
    <View className={`admin-row e2e-queue-${index}`}>
      <Text className="admin-row__title e2e-queue-title">{headline(item)}</Text>
      <Text className="admin-row__meta">
        {item.unionName} · {formatFullDateTime(item.createdAt)}
        {item.contentCheck === 'review' ? ' · 文字需人工复核' : ''}
      </Text>
      {item.suggestion && (
        <Text className="admin-row__meta">
          {PLACE_TYPE_LABELS[item.suggestion.type]} · {item.suggestion.district} {item.suggestion.address}
          {item.suggestion.facilities.length > 0 ? ` · ${item.suggestion.facilities.map((facility) => PLACE_FACILITY_LABELS[facility]).join('、')}` : ''}
        </Text>
      )}
      {item.place && <Text className="admin-row__meta">{item.place.address}</Text>}
      {item.note && <Text className="admin-change e2e-queue-note">职工说明：{item.note}</Text>}
      {item.location && (
        <Text className="admin-row__meta">
          职工给出的位置：{item.location.latitude.toFixed(5)}, {item.location.longitude.toFixed(5)}
        </Text>
      )}
      {item.photoUrl && <Image className="admin-photo" src={item.photoUrl} mode="aspectFill" {...imageAlt('职工拍的照片')} onClick={() => void Taro.previewImage({ urls: [item.photoUrl!] }).catch(() => undefined)} />}
      {item.status === 'open' ? (
        <View>
          <Field label="回复职工" e2e="e2e-queue-reply" multiline rows={2} maxLength={200} value={reply} onChange={setReply} error={error} placeholder="如 已到现场核实，驿站恢复开放，谢谢反馈" />
          <View className="button-row">
            <Button type="primary" className="tappable e2e-queue-resolve" loading={busy} disabled={busy} onClick={() => void answer('resolve')}>
              已处理
            </Button>
            <Button className="tappable e2e-queue-decline" disabled={busy} onClick={() => void answer('decline')}>
              不采纳
            </Button>
            {item.place && (
              <Button className="tappable e2e-queue-edit" onClick={() => void Taro.navigateTo({ url: pageUrl(STAFF_PAGES.placeEdit, { placeId: item.place!.placeId }) })}>
                修改服务点
              </Button>
            )}
          </View>
        </View>
      ) : (
        <Text className="admin-change e2e-queue-answer">
          {FEEDBACK_STATUS_LABELS[item.status]}：{item.reply}
          {item.handledAt ? `（${formatFullDateTime(item.handledAt)}）` : ''}
        </Text>
      )}
    </View>
  )
}

/** 服务点反馈: reports and suggestions from workers for the staff member's unions, open ones oldest first. */
function StaffPlaceQueuePage() {
  const [status, setStatus] = useState<FeedbackStatus>('open')
  const queue = usePagedList<QueueItem>((page) => fetchPlaceQueue(status, page), { key: status })
  return (
    <View className="page e2e-staff-place-queue">
      <Text className="hint">先到现场或打电话核实，再处理或说明原因；回复会通过微信通知职工，也显示在他们的“我的反馈”里。报告者是谁不会显示。</Text>
      <Chips choices={STATUS_TABS} value={status} onChange={setStatus} e2e="e2e-queue-tab" />
      <RemoteList list={queue} empty={status === 'open' ? '没有待处理的反馈' : '没有记录'}>
        {(item, index) => <QueueRow key={item.feedbackId} item={item} index={index} onHandled={() => void queue.refresh()} />}
      </RemoteList>
    </View>
  )
}

export default withTextSize(StaffPlaceQueuePage)
