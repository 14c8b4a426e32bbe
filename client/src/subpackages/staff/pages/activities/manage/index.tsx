import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { AppError } from '@shared/result'
import { formatTimeRange } from '@shared/rules/china-time'
import {
  cancelActivity,
  exportRoster,
  fetchActivity,
  fetchRoster,
  publishActivity,
  runDraw,
  type ActivityDetail,
  type RosterPage,
} from '../../../../../services/activities'
import { newRequestId, showError } from '../../../../../services/cloud'
import { seatBadge } from '../../../../../components/ActivityCard/format'
import { Chips } from '../../../../../components/Chips'
import { Field } from '../../../../../components/Field'
import { Remote } from '../../../../../components/Remote'
import { useRemote, type Remote as RemoteData } from '../../../../../hooks/useRemote'
import { RosterList } from './components/RosterList'
import { withTextSize } from '../../../../../components/TextSize'
import '../components/activities.css'
import './index.css'

type Tab = 'confirmed' | 'waitlisted' | 'checked_in' | 'entered' | 'cancelled'

/** Staff: one activity's state, its roster, and the actions on it (publish, draw, check-in, export, cancel). */
function StaffActivityManagePage() {
  const { params } = useRouter()
  const activityId = params.id ?? ''
  const [tab, setTab] = useState<Tab>('confirmed')
  const detail = useRemote(() => fetchActivity(activityId))
  // Another roster tab reloads the roster alone.
  const roster = useRemote(() => fetchRoster(activityId, tab), { key: tab })
  const refresh = async () => {
    await Promise.all([detail.refresh(), roster.refresh()])
  }
  return (
    <View className="page e2e-staff-activity-manage">
      <Remote state={detail.state} onRetry={() => void detail.reload()} rows={6}>
        {(activity) => <ManageActivity activity={activity} roster={roster} tab={tab} onTab={setTab} onChanged={refresh} />}
      </Remote>
    </View>
  )
}

interface ManageActivityProps {
  activity: ActivityDetail
  roster: RemoteData<RosterPage>
  tab: Tab
  onTab: (tab: Tab) => void
  onChanged: () => Promise<void>
}

function ManageActivity({ activity, roster, tab, onTab, onChanged }: ManageActivityProps) {
  const [exportUrl, setExportUrl] = useState<string | null>(null)
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  // The counts stay on screen while another roster tab loads.
  const lastCounts = useRef<RosterPage['counts'] | null>(null)
  if (roster.state.status === 'ready') lastCounts.current = roster.state.data.counts
  const counts = lastCounts.current

  const act = async (run: () => Promise<{ ok: true } | { ok: false; error: AppError }>, done: string) => {
    setBusy(true)
    const result = await run()
    setBusy(false)
    if (!result.ok) return showError(result.error)
    void Taro.showToast({ title: done, icon: 'success' })
    await onChanged()
  }

  const draw = () =>
    act(async () => {
      const result = await runDraw(activity.activityId)
      // A very large draw writes its results over several calls.
      if (result.ok && result.data.remaining > 0) void Taro.showToast({ title: `还有 ${result.data.remaining} 条结果待写入，请再点一次`, icon: 'none' })
      return result
    }, '已开奖')

  const exportList = async () => {
    setBusy(true)
    const result = await exportRoster(activity.activityId)
    setBusy(false)
    if (!result.ok) return showError(result.error)
    setExportUrl(result.data.url)
    void Taro.setClipboardData({ data: result.data.url })
  }

  const lottery = activity.allocation === 'lottery'
  const canDraw = lottery && activity.status === 'published' && activity.signupWindow === 'closed' && activity.drawStatus !== 'drawn'
  const count = (n: number | undefined) => (n === undefined ? '' : ` ${n}`)
  const tabs: Array<{ value: Tab; label: string }> = [
    { value: 'confirmed', label: `${lottery ? '中签' : '已确认'}${count(counts?.confirmed)}` },
    { value: 'waitlisted', label: `候补${count(counts?.waitlisted)}` },
    { value: 'checked_in', label: `已签到${count(counts?.checkedIn)}` },
    ...(lottery ? [{ value: 'entered' as const, label: `待抽签${count(counts?.entered)}` }] : []),
    { value: 'cancelled', label: `已取消${count(counts?.cancelled)}` },
  ]

  return (
    <View>
      <View className="panel">
        <Text className="manage__title e2e-manage-title">{activity.title}</Text>
        <Text className="muted">{formatTimeRange(activity.startAt, activity.endAt)}</Text>
        <Text className="muted">{activity.place}</Text>
        <Text className="manage__state e2e-manage-state">
          {activity.status === 'draft' ? '草稿，尚未发布' : activity.status === 'cancelled' ? `已取消：${activity.cancelReason ?? ''}` : seatBadge(activity).text}
        </Text>
        {counts && (
          <Text className="manage__counts e2e-manage-counts">
            名额 {activity.capacity} · 已确认 {counts.confirmed} · 候补 {counts.waitlisted} · 已签到 {counts.checkedIn}
          </Text>
        )}
      </View>

      {activity.status !== 'cancelled' && (
        <View className="actions">
          {activity.status === 'draft' && (
            <Button type="primary" block loading={busy} className="e2e-manage-publish" onClick={() => void act(() => publishActivity(activity.activityId, newRequestId()), '已发布')}>
              发布活动
            </Button>
          )}
          {canDraw && (
            <Button type="primary" block loading={busy} className="e2e-manage-draw" onClick={() => void draw()}>
              开奖
            </Button>
          )}
          {activity.status === 'published' && (
            <Button
              type="primary"
              block
              className="e2e-manage-checkin"
              onClick={() => void Taro.navigateTo({ url: `/subpackages/staff/pages/activities/checkin/index?id=${activity.activityId}` })}
            >
              现场签到
            </Button>
          )}
          <Button block className="e2e-manage-edit" onClick={() => void Taro.navigateTo({ url: `/subpackages/staff/pages/activities/edit/index?id=${activity.activityId}` })}>
            编辑活动
          </Button>
          <Button block loading={busy} className="e2e-manage-export" onClick={() => void exportList()}>
            导出名单（Excel 可打开）
          </Button>
          {exportUrl && (
            <View className="manage__export">
              <Text className="muted">下载链接已复制，1 小时内有效：</Text>
              <Text className="manage__url e2e-manage-export-url" userSelect>
                {exportUrl}
              </Text>
            </View>
          )}
          {!cancelling ? (
            <Button block className="e2e-manage-cancel" onClick={() => setCancelling(true)}>
              取消活动
            </Button>
          ) : (
            <View className="panel">
              <Field label="取消原因（将通知所有报名者）" e2e="e2e-manage-cancel-reason" value={reason} maxLength={100} placeholder="如：场地临时维修" onChange={setReason} />
              <Button
                type="danger"
                block
                loading={busy}
                className="manage__confirm e2e-manage-cancel-confirm"
                onClick={() =>
                  void act(async () => {
                    const result = await cancelActivity(activity.activityId, reason, newRequestId())
                    if (result.ok) setCancelling(false)
                    return result
                  }, '活动已取消')
                }
              >
                确认取消并通知报名者
              </Button>
            </View>
          )}
        </View>
      )}

      <View className="panel">
        <Text className="panel__title">报名名单</Text>
        <Chips choices={tabs} value={tab} e2e="e2e-roster-tab" onChange={onTab} />
        <Remote state={roster.state} onRetry={() => void roster.reload()}>
          {(page) => (
            <>
              <RosterList rows={page.items} />
              {page.items.length < page.total && <Text className="muted">仅显示前 {page.items.length} 人，完整名单请导出</Text>}
            </>
          )}
        </Remote>
      </View>
    </View>
  )
}

export default withTextSize(StaffActivityManagePage)
