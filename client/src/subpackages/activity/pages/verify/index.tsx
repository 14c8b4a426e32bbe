import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { entriesDigest, seedCommitment, sortEntryIds, verifyDraw } from '@shared/rules/activity-lottery'
import { fetchActivity, fetchDrawRecord, type ActivityDetail, type DrawRecordPage } from '../../../../services/activities'
import './index.css'

interface Check {
  key: string
  label: string
  ok: boolean
  detail: string
}

type PageState =
  | { state: 'loading'; fetched: number }
  | { state: 'ready'; activity: ActivityDetail; record: DrawRecordPage; checks: Check[] }
  | { state: 'failed'; message: string }

/**
 * Re-runs the published draw on this phone, with the same shared function the server used: the
 * seed against the commitment shown before sign-up, the entry list against its digest, the winners
 * against a fresh draw, and where the person themself landed.
 */
export default function VerifyDrawPage() {
  const { params } = useRouter()
  const activityId = params.id ?? ''
  const [view, setView] = useState<PageState>({ state: 'loading', fetched: 0 })

  useDidShow(() => {
    void (async () => {
      const detail = await fetchActivity(activityId)
      if (!detail.ok) return setView({ state: 'failed', message: detail.error.message })
      const entryIds: string[] = []
      const winners: string[] = []
      let first: DrawRecordPage | null = null
      for (let page = 1; ; page++) {
        const result = await fetchDrawRecord(activityId, page)
        if (!result.ok) return setView({ state: 'failed', message: result.error.message })
        first ??= result.data
        entryIds.push(...result.data.entryIds)
        winners.push(...result.data.winners)
        setView({ state: 'loading', fetched: entryIds.length })
        if (result.data.entryIds.length < result.data.pageSize && result.data.winners.length < result.data.pageSize) break
      }
      setView({ state: 'ready', activity: detail.data, record: first!, checks: runChecks(detail.data, first!, entryIds, winners) })
    })()
  })

  if (view.state === 'loading') return <View className="page e2e-verify-draw muted">正在下载抽签记录（{view.fetched} 条）…</View>
  if (view.state === 'failed') return <View className="page e2e-verify-draw e2e-error">{view.message}</View>
  const { activity, record, checks } = view
  const passed = checks.every((check) => check.ok)
  return (
    <View className="page e2e-verify-draw">
      <View className={`verify-verdict ${passed ? 'verify-verdict--ok' : 'verify-verdict--bad'}`}>
        <Text className="verify-verdict__title e2e-verify-draw-verdict">{passed ? '复核一致' : '复核不一致'}</Text>
        <Text>{activity.title}</Text>
      </View>
      {checks.map((check) => (
        <View key={check.key} className={`verify-check e2e-verify-check-${check.key}`}>
          <Text className={check.ok ? 'verify-check__mark--ok' : 'verify-check__mark--bad'}>{check.ok ? '✓' : '✗'}</Text>
          <View className="verify-check__body">
            <Text className="verify-check__label">{check.label}</Text>
            <Text className="verify-check__detail">{check.detail}</Text>
          </View>
        </View>
      ))}
      <View className="verify-facts">
        <Text className="verify-facts__label">算法</Text>
        <Text className="verify-facts__code">{record.algorithm}</Text>
        <Text className="verify-facts__label">种子</Text>
        <Text className="verify-facts__code" userSelect>
          {record.seed}
        </Text>
        <Text className="verify-facts__label">名单摘要（SHA-256）</Text>
        <Text className="verify-facts__code" userSelect>
          {record.entriesDigest}
        </Text>
        <Text className="verify-facts__text">
          方法：把全部报名编号按字符顺序排序、以换行连接后求 SHA-256 得名单摘要；以“种子 + 换行 + 名单摘要”的 SHA-256 为密钥，按计数器模式生成随机数，对名单做
          Fisher–Yates 洗牌，前 {record.capacity} 个即为中签。《活动报名说明》附有可独立运行的 Python 复核程序。
        </Text>
      </View>
    </View>
  )
}

function runChecks(activity: ActivityDetail, record: DrawRecordPage, entryIds: string[], winners: string[]): Check[] {
  const commitment = activity.lottery?.seedCommitment ?? record.seedCommitment
  const sorted = sortEntryIds(entryIds)
  const verdict = verifyDraw({ seedCommitment: commitment, seed: record.seed, capacity: record.capacity, entryIds: sorted, winners, entriesDigest: record.entriesDigest })
  const checks: Check[] = [
    {
      key: 'commitment',
      label: '种子与开放报名前公布的承诺值一致',
      ok: seedCommitment(record.seed) === commitment,
      detail: `SHA-256(种子) = ${commitment.slice(0, 16)}…`,
    },
    {
      key: 'entries',
      label: `报名名单完整（${sorted.length} 人）`,
      ok: sorted.length === record.entryCount && entriesDigest(sorted) === record.entriesDigest,
      detail: `名单摘要 ${record.entriesDigest.slice(0, 16)}…`,
    },
    {
      key: 'winners',
      label: `重新抽签，${record.winnerCount} 个中签名单与公布的一致`,
      ok: verdict.ok,
      detail: verdict.ok ? '逐一比对，顺序也相同' : verdict.message,
    },
  ]
  const mine = activity.mySignup?.signupId
  if (mine) {
    const place = winners.indexOf(mine)
    checks.push({
      key: 'mine',
      label: '我的报名在抽签名单中',
      ok: sorted.includes(mine),
      detail: place >= 0 ? `抽中，第 ${place + 1} 位` : '未抽中，按抽签顺序候补',
    })
  }
  return checks
}
