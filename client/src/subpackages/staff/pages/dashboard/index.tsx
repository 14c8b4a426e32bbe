import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { chinaDay } from '@shared/rules/china-time'
import { categoryLabel } from '@shared/rules/complaint-categories'
import { STATUS_LABELS } from '@shared/rules/complaint-status'
import { EMPLOYMENT_TYPE_LABELS } from '@shared/rules/join'
import { rangePresets, type RangePreset } from '@shared/rules/reports'
import { fetchMe, type Me } from '../../../../services/account'
import { fetchOverview, type ReportOverview } from '../../../../services/reports'
import { Chips } from '../../../../components/Chips'
import { Remote } from '../../../../components/Remote'
import { withTextSize } from '../../../../components/TextSize'
import { useRemote } from '../../../../hooks/useRemote'
import { Bars, type BarRow } from '../../components/Bars'
import './index.css'

type ReportView = 'chart' | 'table'
const VIEWS = [
  { value: 'chart', label: '图表' },
  { value: 'table', label: '表格' },
] as const

type StaffUnion = Me['staffOf'][number]

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`)
const decimal = (value: number | null, unit = '') => (value === null ? '—' : `${Math.round(value * 10) / 10}${unit}`)

/** A headline number: what it is, and its value (`e2e-figure-<key>`, value in `e2e-figure-value`). */
function Figure({ id, label, value }: { id: string; label: string; value: string | number }) {
  return (
    <View className={`dashboard-figure e2e-figure-${id}`}>
      <Text className="dashboard-figure__value e2e-figure-value">{value}</Text>
      <Text className="dashboard-figure__label">{label}</Text>
    </View>
  )
}

function Report({ report, view }: { report: ReportOverview; view: ReportView }) {
  const { members, funnel, complaints, activities } = report
  const rows = <T,>(items: readonly T[], key: (item: T) => string, label: (item: T) => string, value: (item: T) => number): BarRow[] =>
    items.map((item) => ({ key: key(item), label: label(item), value: value(item) }))
  return (
    <View className="e2e-dashboard-report">
      <Text className="section-title">会员</Text>
      <View className="dashboard-figures">
        <Figure id="members" label="现有会员（人）" value={members.current} />
        <Figure id="admitted" label="区间内新入会（人）" value={members.byMonth.reduce((sum, month) => sum + month.admitted, 0)} />
      </View>
      {report.scope === 'subtree' && (
        <Bars title="各工会会员" view={view} e2e="e2e-dashboard-by-union" unit="人" rows={rows(members.byUnion, (row) => row.unionId, (row) => row.name, (row) => row.count)} />
      )}
      <Bars title="按平台" view={view} e2e="e2e-dashboard-by-platform" unit="人" rows={rows(members.byPlatform, (row) => row.platform, (row) => row.platform, (row) => row.count)} empty="没有平台从业会员" />
      <Bars title="按区县" view={view} e2e="e2e-dashboard-by-district" unit="人" rows={rows(members.byDistrict, (row) => row.district, (row) => row.district, (row) => row.count)} />
      <Bars
        title="按用工形式"
        view={view}
        e2e="e2e-dashboard-by-employment"
        unit="人"
        rows={rows(members.byEmploymentType, (row) => row.employmentType, (row) => EMPLOYMENT_TYPE_LABELS[row.employmentType as keyof typeof EMPLOYMENT_TYPE_LABELS] ?? row.employmentType, (row) => row.count)}
      />
      <Bars title="每月新入会" view={view} e2e="e2e-dashboard-by-month" unit="人" rows={rows(members.byMonth, (row) => row.month, (row) => row.month, (row) => row.admitted)} />

      <Text className="section-title">入会申请</Text>
      <View className="dashboard-figures">
        <Figure id="median-days" label="从申请到审核（中位数）" value={decimal(funnel.medianDaysToDecision, ' 天')} />
      </View>
      <Bars
        title="申请与审核"
        view={view}
        e2e="e2e-dashboard-funnel"
        unit="份"
        rows={[
          { key: 'applied', label: '提交申请', value: funnel.applied },
          { key: 'approved', label: '已通过', value: funnel.approved },
          { key: 'rejected', label: '未通过', value: funnel.rejected },
          { key: 'pending', label: '待审核', value: funnel.pending },
        ]}
      />

      <Text className="section-title">维权</Text>
      <View className="dashboard-figures">
        <Figure id="filed" label="收到求助（件）" value={complaints.filed} />
        <Figure id="on-time" label="按期答复率" value={percent(complaints.onTimeShare)} />
        <Figure id="overdue" label="当前逾期（件）" value={complaints.overdueNow} />
        <Figure id="rating" label="平均评价（5 分制）" value={decimal(complaints.averageRating)} />
      </View>
      <Bars title="按类别" view={view} e2e="e2e-dashboard-by-category" unit="件" rows={rows(complaints.byCategory, (row) => row.category, (row) => categoryLabel(row.category), (row) => row.count)} />
      <Bars title="按状态" view={view} e2e="e2e-dashboard-by-status" unit="件" rows={rows(complaints.byStatus, (row) => row.status, (row) => STATUS_LABELS[row.status], (row) => row.count)} />

      <Text className="section-title">活动</Text>
      <View className="dashboard-figures">
        <Figure id="activities" label="活动（场）" value={activities.count} />
        <Figure id="fill" label="名额报满率" value={percent(activities.fillShare)} />
        <Figure id="check-in" label="签到率" value={percent(activities.checkInShare)} />
      </View>
      <Bars
        title="名额与签到"
        view={view}
        e2e="e2e-dashboard-seats"
        unit="人"
        rows={[
          { key: 'capacity', label: '名额', value: activities.capacity },
          { key: 'filled', label: '已报名', value: activities.seatsFilled },
          { key: 'started', label: '已开始活动的报名', value: activities.startedSeats },
          { key: 'checked-in', label: '已签到', value: activities.checkedIn },
        ]}
      />
    </View>
  )
}

/** Until the unions the person serves are known there is nothing to ask: the report stays on its skeleton. */
const notYet = () => new Promise<never>(() => undefined)

/**
 * 数据看板: members, the join funnel, complaints and activities of a union the person serves, over
 * a range of whole months. Admins see their union and every union below it; other staff their
 * union alone. Every chart can be read as a table instead (图表 / 表格).
 */
function StaffDashboardPage() {
  const me = useRemote(fetchMe, { everyShow: false })
  const [presets] = useState<RangePreset[]>(() => rangePresets(chinaDay(new Date())))
  const [range, setRange] = useState<RangePreset['key']>('thisMonth')
  const [chosenUnion, setChosenUnion] = useState<string | null>(null)
  const [view, setView] = useState<ReportView>('chart')
  const roles: readonly StaffUnion[] = me.state.status === 'ready' ? me.state.data.staffOf : []
  const unionId = chosenUnion ?? roles[0]?.unionId ?? null
  const preset = presets.find((item) => item.key === range) ?? presets[0]!
  // Hooks load when the page shows, so this one lives here rather than in a part shown later.
  const report = useRemote(() => (unionId ? fetchOverview({ unionId, from: preset.from, to: preset.to }) : notYet()), {
    key: `${unionId ?? ''}|${preset.from}|${preset.to}`,
  })

  if (!unionId) {
    return (
      <View className="page e2e-staff-dashboard">
        <Remote state={me.state} onRetry={me.reload} empty="你还不是工会工作人员" isEmpty={(data) => data.staffOf.length === 0}>
          {() => null}
        </Remote>
      </View>
    )
  }
  return (
    <View className="page e2e-staff-dashboard">
      <View className="panel">
        {roles.length > 1 && (
          <Chips choices={roles.map((role) => ({ value: role.unionId, label: role.unionName }))} value={unionId} onChange={setChosenUnion} e2e="e2e-dashboard-union" keyBy="position" scroll />
        )}
        <Chips choices={presets.map((item) => ({ value: item.key, label: item.label }))} value={range} onChange={setRange} e2e="e2e-dashboard-range" scroll />
        <Text className="dashboard-range e2e-dashboard-range-days">
          {preset.from} 至 {preset.to}
        </Text>
        <Chips choices={VIEWS} value={view} onChange={setView} e2e="e2e-dashboard-view" />
      </View>
      <Remote state={report.state} onRetry={report.reload} rows={6}>
        {(data) => <Report report={data} view={view} />}
      </Remote>
    </View>
  )
}

export default withTextSize(StaffDashboardPage)
