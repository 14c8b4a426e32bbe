import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { STATUS_LABELS, TRANSITION_VERBS, type ComplaintStatus, type LetterType } from '@shared/rules/complaint-status'
import { fieldMessages, newRequestId, showError } from '../../../../../services/cloud'
import { fetchComplaint, replyToComplaint, revealComplainantPhone, transitionComplaint, type StaffCase } from '../../../../../services/complaints'
import { CaseFacts } from '../../../../../components/CaseFacts'
import { CaseTimeline } from '../../../../../components/CaseTimeline'
import { EvidenceGrid } from '../../../../../components/EvidenceGrid'
import { Field } from '../../../../../components/Field'
import { Remote } from '../../../../../components/Remote'
import { useRemote } from '../../../../../hooks/useRemote'
import { ActionPanel } from './components/ActionPanel'
import { a11y } from '../../../../../components/a11y'
import { withTextSize } from '../../../../../components/TextSize'
import './index.css'

interface Pending {
  to: ComplaintStatus
  requestId: string
  submitting: boolean
  errors: Record<string, string>
}

/** Staff: one case — the facts, the evidence, the timeline, and the moves the status machine allows. */
function StaffComplaintCasePage() {
  const { params } = useRouter()
  const complaintId = params.id ?? ''
  const remote = useRemote(async () => {
    const result = await fetchComplaint(complaintId)
    if (result.ok && result.data.viewer === 'owner') void Taro.redirectTo({ url: `/subpackages/complaint/pages/case/index?id=${complaintId}` })
    return result
  })
  const [pending, setPending] = useState<Pending | null>(null)
  const [reply, setReply] = useState({ text: '', requestId: newRequestId(), submitting: false, error: '' })

  const confirm = async (note: string, letterType: LetterType | null) => {
    if (!pending) return
    setPending({ ...pending, submitting: true, errors: {} })
    const result = await transitionComplaint(
      { complaintId, to: pending.to, ...(note ? { note } : {}), ...(letterType ? { letterType } : {}) },
      pending.requestId,
    )
    if (result.ok) {
      setPending(null)
      remote.setData(result.data)
      void Taro.showToast({ title: `已${TRANSITION_VERBS[pending.to] ?? '更新'}`, icon: 'success' })
      return
    }
    setPending({ ...pending, submitting: false, errors: fieldMessages(result.error) })
    showError(result.error)
  }

  const sendReply = async () => {
    setReply((current) => ({ ...current, submitting: true, error: '' }))
    const result = await replyToComplaint(complaintId, reply.text.trim(), reply.requestId)
    if (result.ok) {
      setReply({ text: '', requestId: newRequestId(), submitting: false, error: '' })
      remote.setData(result.data)
      void Taro.showToast({ title: '已回复', icon: 'success' })
      return
    }
    setReply((current) => ({ ...current, submitting: false, error: fieldMessages(result.error).message ?? '' }))
    showError(result.error)
  }

  const callComplainant = async () => {
    const result = await revealComplainantPhone(complaintId)
    if (!result.ok) return showError(result.error)
    void Taro.makePhoneCall({ phoneNumber: result.data.contactPhone }).catch(() => undefined)
  }

  const render = (complaint: StaffCase) => (
    <View>
      <View className="staff-case-page__head">
        <Text className="staff-case-page__tracking e2e-case-tracking">{complaint.trackingNumber}</Text>
        <Text className="staff-case-page__status e2e-case-status">{STATUS_LABELS[complaint.status]}</Text>
        {complaint.deadline && (
          <Text className={`staff-case-page__deadline e2e-case-deadline${complaint.deadline.overdue ? ' staff-case-page__deadline--overdue' : ''}`}>
            {complaint.deadline.overdue ? '已逾期：' : ''}
            {complaint.deadline.sentence}
          </Text>
        )}
      </View>

      <View className="staff-case-page__person e2e-staff-complainant">
        {complaint.complainant.anonymous ? (
          <Text>匿名求助：求助人身份不公开，请通过回复与其沟通</Text>
        ) : (
          <>
            <Text>{complaint.complainant.isMember ? `会员 · 会员号 ${complaint.complainant.memberNumber ?? ''}` : '非会员职工'}</Text>
            {complaint.complainant.contactPhoneMasked && (
              <View className="staff-case-page__phone">
                <Text>联系电话 {complaint.complainant.contactPhoneMasked}</Text>
                <Text className="staff-case-page__call e2e-staff-call" {...a11y('button')} onClick={() => void callComplainant()}>
                  拨打
                </Text>
              </View>
            )}
          </>
        )}
      </View>
      {complaint.contentCheck === 'review' && (
        <View className="staff-case-page__review e2e-staff-content-review">内容安全检测提示需人工复核{complaint.contentLabel ? `（${complaint.contentLabel}）` : ''}，请仔细阅读。</View>
      )}

      {complaint.nextStatuses.length > 0 && !pending && (
        <View className="staff-case-page__actions">
          {complaint.nextStatuses.map((to) => (
            <Button
              key={to}
              type={to === 'rejected' ? 'default' : 'primary'}
              className={`e2e-staff-action-${to}`}
              onClick={() => setPending({ to, requestId: newRequestId(), submitting: false, errors: {} })}
            >
              {TRANSITION_VERBS[to]}
            </Button>
          ))}
        </View>
      )}
      {pending && (
        <ActionPanel to={pending.to} submitting={pending.submitting} errors={pending.errors} onConfirm={(note, letterType) => void confirm(note, letterType)} onCancel={() => setPending(null)} />
      )}

      {complaint.canReply && (
        <View className="staff-case-page__reply">
          <Text className="section-title">回复求助人</Text>
          <Field
            e2e="e2e-reply-message"
            multiline
            rows={3}
            maxLength={1000}
            value={reply.text}
            onChange={(text) => setReply((current) => ({ ...current, text }))}
            placeholder="回复会显示在求助人的进度页，并通过订阅消息提醒"
            error={reply.error || undefined}
          />
          <Button type="primary" block loading={reply.submitting} disabled={reply.text.trim().length < 2} className="e2e-staff-reply-submit" onClick={() => void sendReply()}>
            发送回复
          </Button>
        </View>
      )}

      <Text className="section-title">求助内容</Text>
      <CaseFacts complaint={complaint} />
      <Text className="section-title">证据图片</Text>
      <EvidenceGrid evidence={complaint.evidence} />
      <Text className="section-title">处理记录</Text>
      <CaseTimeline entries={complaint.timeline} viewer="staff" />
      {complaint.rating && (
        <View className="staff-case-page__rating e2e-case-rating">
          求助人评价 {'★'.repeat(complaint.rating.score)}
          {complaint.rating.comment ? `：${complaint.rating.comment}` : ''}
        </View>
      )}
    </View>
  )

  return (
    <View className="page staff-case-page e2e-staff-case">
      <Remote state={remote.state} onRetry={() => void remote.reload()} rows={6}>
        {(complaint) => (complaint.viewer === 'staff' ? render(complaint) : null)}
      </Remote>
    </View>
  )
}

export default withTextSize(StaffComplaintCasePage)
