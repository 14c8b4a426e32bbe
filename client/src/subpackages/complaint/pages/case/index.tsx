import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { STATUS_LABELS } from '@shared/rules/complaint-status'
import { fieldMessages, newRequestId, showError } from '../../../../services/cloud'
import { fetchComplaint, rateComplaint, type OwnerCase } from '../../../../services/complaints'
import { CaseFacts } from '../../../../components/CaseFacts'
import { CaseTimeline } from '../../../../components/CaseTimeline'
import { EvidenceGrid } from '../../../../components/EvidenceGrid'
import { Remote } from '../../../../components/Remote'
import { useRemote } from '../../../../hooks/useRemote'
import { HotlineBar } from '../../components/HotlineBar'
import { RatingForm } from './components/RatingForm'
import { withTextSize } from '../../../../components/TextSize'
import './index.css'

/** A worker's case: tracking number, where it stands and by when, every step, and the rating. */
function ComplaintCasePage() {
  const { params } = useRouter()
  const complaintId = params.id ?? ''
  const justFiled = params.filed === '1'
  const remote = useRemote(async () => {
    const result = await fetchComplaint(complaintId)
    // Staff opening a worker's link see the case on their own page.
    if (result.ok && result.data.viewer === 'staff') void Taro.redirectTo({ url: `/subpackages/staff/pages/complaints/case/index?id=${complaintId}` })
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
        {complaint.deadline && (
          <Text className={`complaint-case__deadline e2e-case-deadline${complaint.deadline.overdue ? ' complaint-case__deadline--overdue' : ''}`}>
            {complaint.deadline.sentence}
            {complaint.deadline.overdue ? '（已超期，可拨打 12351 反映）' : ''}
          </Text>
        )}
        {complaint.contactPhone && <Text className="muted">联系电话 {complaint.contactPhone}</Text>}
      </View>

      {complaint.canRate && <RatingForm submitting={rating.submitting} error={rating.error} onSubmit={(score, comment) => void rate(score, comment)} />}
      {complaint.rating && (
        <View className="complaint-case__rating e2e-case-rating">
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
