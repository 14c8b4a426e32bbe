import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { entriesDigest, seedCommitment, sortEntryIds, verifyDraw } from '@shared/rules/activity-lottery'
import { ok, type Result } from '@shared/result'
import { fetchActivity, fetchDrawRecord, type ActivityDetail, type DrawRecordPage } from '../../../../services/activities'
import { Remote } from '../../../../components/Remote'
import { useRemote } from '../../../../hooks/useRemote'
import { withTextSize } from '../../../../components/TextSize'
import './index.css'

interface Check {
  key: string
  label: string
  ok: boolean
  detail: string
}

interface Verified {
  activity: ActivityDetail
  record: DrawRecordPage
  checks: Check[]
}

/** The activity and its whole draw record, page by page (`onProgress` gets the entries so far), checked. */
async function downloadAndCheck(activityId: string, onProgress: (fetched: number) => void): Promise<Result<Verified>> {
  const detail = await fetchActivity(activityId)
  if (!detail.ok) return detail
  const entryIds: string[] = []
  const winners: string[] = []
  let first: DrawRecordPage | null = null
  for (let page = 1; ; page++) {
    const result = await fetchDrawRecord(activityId, page)
    if (!result.ok) return result
    first ??= result.data
    entryIds.push(...result.data.entryIds)
    winners.push(...result.data.winners)
    onProgress(entryIds.length)
    if (result.data.entryIds.length < result.data.pageSize && result.data.winners.length < result.data.pageSize) break
  }
  return ok({ activity: detail.data, record: first, checks: runChecks(detail.data, first, entryIds, winners) })
}

/**
 * Re-runs the published draw on this phone, with the same shared function the server used: the
 * seed against the commitment shown before sign-up, the entry list against its digest, the winners
 * against a fresh draw, and where the person themself landed.
 */
function VerifyDrawPage() {
  const { params } = useRouter()
  const activityId = params.id ?? ''
  const [fetched, setFetched] = useState(0)
  const remote = useRemote(() => downloadAndCheck(activityId, setFetched))
  return (
    <View className="page e2e-verify-draw">
      {remote.state.status === 'loading' && <Text className="hint">正在下载抽签记录（{fetched} 条）…</Text>}
      <Remote state={remote.state} onRetry={() => void remote.reload()}>
        {(verified) => <Verdict {...verified} />}
      </Remote>
    </View>
  )
}

function Verdict({ activity, record, checks }: Verified) {
  const passed = checks.every((check) => check.ok)
  return (
    <View>
      <View className={`verdict ${passed ? 'verdict--success' : 'verdict--danger'}`}>
        <Text className="verdict__title e2e-verify-draw-verdict">{passed ? '复核一致' : '复核不一致'}</Text>
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
        <Text className="code">{record.algorithm}</Text>
        <Text className="verify-facts__label">种子</Text>
        <Text className="code" userSelect>
          {record.seed}
        </Text>
        <Text className="verify-facts__label">名单摘要（SHA-256）</Text>
        <Text className="code" userSelect>
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

export default withTextSize(VerifyDrawPage)
