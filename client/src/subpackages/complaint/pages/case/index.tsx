import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { formatMonthDay } from '@shared/rules/china-time'
import { SATISFACTION_LABELS } from '@shared/rules/complaint-handling'
import { STATUS_LABELS } from '@shared/rules/complaint-status'
import { TIER_LABELS } from '@shared/rules/complaint-tiers'
import { fieldMessages, newRequestId, showError } from '../../../../services/cloud'
import { fetchComplaint, rateComplaint, type OwnerCase } from '../../../../services/complaints'
import { CaseDeadline } from '../../../../components/CaseDeadline'
import { CaseFacts } from '../../../../components/CaseFacts'
import { CaseTimeline } from '../../../../components/CaseTimeline'
import { EvidenceGrid } from '../../../../components/EvidenceGrid'
import { Remote } from '../../../../components/Remote'
import { useRemote } from '../../../../hooks/useRemote'
import { HotlineBar } from '../../components/HotlineBar'
import { RatingForm } from './components/RatingForm'
import { withTextSize } from '../../../../components/TextSize'
import './index.css'

/** What the worker reads about the step after 办结: the callback (their rating is it) and the quality check. */
function afterResolution(complaint: OwnerCase): string | null {
  if (complaint.status === 'resolved') return '工会已办结。请评价处理结果，您的评价就是工会的回访；7 天内没有回复将自动结案。'
  if (complaint.status === 'reviewing') return '回访已完成，工会正在对办理质量进行检查，通过后结案。'
  return null
}

/** A worker's case: tracking number, where it stands and by when, every step, and the rating. */
function ComplaintCasePage() {
  const { params } = useRouter()
  const complaintId = params.id ?? ''
  const justFiled = params.filed === '1'
  const remote = useRemote(async () => {
    const result = await fetchComplaint(complaintId)
    // Staff opening a worker's link see the case on their own page.
    if (result.ok && result.data.viewer === 'staff') void Taro.redirectTo({ url: `/subpackages/casework/pages/complaints/case/index?id=${complaintId}` })
    return result
  })
  const [rating, setRating] = useState<{ submitting: boolean; error: string | null; requestId: string }>({ submitting: false, error: null, requestId: newRequestId() })

  const rate = async (score: number, comment: string) => {
    setRating((current) => ({ ...current, submitting: true, error: null }))
    const result = await rateComplaint({ complaintId, score, ...(comment ? { comment } : {}) }, rating.requestId)
    if (result.ok) {
      setRating({ submitting: false, error: null, requestId: newRequestId() })
      remote.setData(result.data)
      void Taro.showToast({ title: '感谢您的评价', icon: 'success' })
      return
    }
    setRating((current) => ({ ...current, submitting: false, error: fieldMessages(result.error).comment ?? result.error.message }))
    showError(result.error)
  }

  const render = (complaint: OwnerCase) => (
    <View>
      {justFiled && (
        <View className="complaint-case__filed e2e-complaint-filed">
          <Text className="complaint-case__filed-title">提交成功，工会已收到</Text>
          <Text>请记下查询编号，拨打 12351 时报出编号即可查询进度。</Text>
        </View>
      )}
      <View className="complaint-case__head">
        <Text className="complaint-case__tracking e2e-case-tracking">{complaint.trackingNumber}</Text>
        <Text className={`complaint-case__status complaint-case__status--${complaint.status} e2e-case-status`}>{STATUS_LABELS[complaint.status]}</Text>
        {complaint.tier && <Text className="muted e2e-case-tier">案件分级：{TIER_LABELS[complaint.tier]}</Text>}
        {complaint.deadline && <CaseDeadline deadline={complaint.deadline} viewer="owner" />}
        {afterResolution(complaint) && <Text className="complaint-case__next e2e-case-next">{afterResolution(complaint)}</Text>}
        {complaint.contactPhone && <Text className="muted">联系电话 {complaint.contactPhone}</Text>}
      </View>

      {complaint.referral && (
        <View className="complaint-case__card e2e-case-referral">
          <Text className="complaint-case__card-title">
            已转交{complaint.referral.department}（{formatMonthDay(complaint.referral.day)} 前反馈）
          </Text>
          <Text>{complaint.referral.note}</Text>
          {complaint.referral.feedback && <Text className="complaint-case__card-note">反馈：{complaint.referral.feedback.note}</Text>}
        </View>
      )}
      {complaint.callback && (
        <View className="complaint-case__card e2e-case-callback">
          <Text className="complaint-case__card-title">
            {complaint.callback.reached ? `回访：${complaint.callback.satisfaction ? SATISFACTION_LABELS[complaint.callback.satisfaction] : '已联系上'}` : '回访：未回复'}
          </Text>
          {complaint.callback.note && <Text>{complaint.callback.note}</Text>}
        </View>
      )}
      {complaint.qualityCheck && !complaint.qualityCheck.passed && complaint.status !== 'closed' && (
        <View className="complaint-case__card e2e-case-quality">
          <Text className="complaint-case__card-title">质检退回，工会重新办理</Text>
          {complaint.qualityCheck.note && <Text>{complaint.qualityCheck.note}</Text>}
        </View>
      )}

      {complaint.canRate && <RatingForm submitting={rating.submitting} error={rating.error} onSubmit={(score, comment) => void rate(score, comment)} />}
      {complaint.rating && (
        <View className="complaint-case__card complaint-case__rating e2e-case-rating">
          <Text>
            我的评价 {'★'.repeat(complaint.rating.score)}
            {'☆'.repeat(5 - complaint.rating.score)}
          </Text>
          {complaint.rating.comment && <Text className="muted">{complaint.rating.comment}</Text>}
        </View>
      )}

      <Text className="section-title">处理进度</Text>
      <CaseTimeline entries={complaint.timeline} viewer="owner" />

      <Text className="section-title">求助内容</Text>
      <CaseFacts complaint={complaint} />

      <Text className="section-title">证据图片</Text>
      <EvidenceGrid evidence={complaint.evidence} />
    </View>
  )

  return (
    <View className="page complaint-case e2e-complaint-case">
      <HotlineBar />
      <Remote state={remote.state} onRetry={() => void remote.reload()} rows={6}>
        {(complaint) => (complaint.viewer === 'owner' ? render(complaint) : null)}
      </Remote>
    </View>
  )
}

export default withTextSize(ComplaintCasePage)
