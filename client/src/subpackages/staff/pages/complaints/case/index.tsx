import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import type { AppError } from '@shared/result'
import { STATUS_LABELS, TRANSITION_VERBS, type ComplaintStatus, type LetterType } from '@shared/rules/complaint-status'
import { fieldMessages, newRequestId, showError } from '../../../../../services/cloud'
import { fetchComplaint, replyToComplaint, revealComplainantPhone, transitionComplaint, type StaffCase } from '../../../../../services/complaints'
import { CaseFacts } from '../../../../complaint/components/CaseFacts'
import { CaseTimeline } from '../../../../complaint/components/CaseTimeline'
import { EvidenceGrid } from '../../../../complaint/components/EvidenceGrid'
import { ActionPanel } from './components/ActionPanel'
import './index.css'

type PageState = { state: 'loading' } | { state: 'ready'; complaint: StaffCase } | { state: 'failed'; error: AppError }

interface Pending {
  to: ComplaintStatus
  requestId: string
  submitting: boolean
  errors: Record<string, string>
}

/** Staff: one case — the facts, the evidence, the timeline, and the moves the status machine allows. */
export default function StaffComplaintCasePage() {
  const { params } = useRouter()
  const complaintId = params.id ?? ''
  const [view, setView] = useState<PageState>({ state: 'loading' })
  const [pending, setPending] = useState<Pending | null>(null)
  const [reply, setReply] = useState({ text: '', requestId: newRequestId(), submitting: false, error: '' })

  useDidShow(() => {
    void fetchComplaint(complaintId).then((result) => {
      if (!result.ok) return setView({ state: 'failed', error: result.error })
      if (result.data.viewer === 'owner') return void Taro.redirectTo({ url: `/subpackages/complaint/pages/case/index?id=${complaintId}` })
      setView({ state: 'ready', complaint: result.data })
    })
  })

  const confirm = async (note: string, letterType: LetterType | null) => {
    if (!pending) return
    setPending({ ...pending, submitting: true, errors: {} })
    const result = await transitionComplaint(
      { complaintId, to: pending.to, ...(note ? { note } : {}), ...(letterType ? { letterType } : {}) },
      pending.requestId,
    )
    if (result.ok) {
      setPending(null)
      setView({ state: 'ready', complaint: result.data })
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
      setView({ state: 'ready', complaint: result.data })
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

  if (view.state === 'loading') return <View className="page e2e-staff-case muted">加载中…</View>
  if (view.state === 'failed') return <View className="page e2e-staff-case muted e2e-error">{view.error.message}</View>

  const { complaint } = view
  const { complainant } = complaint
  return (
    <View className="page staff-case-page e2e-staff-case">
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
        {complainant.anonymous ? (
          <Text>匿名求助：求助人身份不公开，请通过回复与其沟通</Text>
        ) : (
          <>
            <Text>{complainant.isMember ? `会员 · 会员号 ${complainant.memberNumber ?? ''}` : '非会员职工'}</Text>
            {complainant.contactPhoneMasked && (
              <View className="staff-case-page__phone">
                <Text>联系电话 {complainant.contactPhoneMasked}</Text>
                <Text className="staff-case-page__call e2e-staff-call" onClick={() => void callComplainant()}>
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
          <View className="e2e-staff-reply-input">
            <TextArea value={reply.text} onChange={(text) => setReply((current) => ({ ...current, text }))} placeholder="回复会显示在求助人的进度页，并通过订阅消息提醒" maxLength={1000} rows={3} />
          </View>
          {reply.error && <Text className="form-error">{reply.error}</Text>}
          <Button type="primary" block loading={reply.submitting} disabled={reply.text.trim().length < 2} className="e2e-staff-reply-submit" onClick={() => void sendReply()}>
            发送回复
          </Button>
        </View>
      )}

      <Text className="section-title">求助内容</Text>
      <CaseFacts
        category={complaint.category}
        employer={complaint.employer}
        amountOwed={complaint.amountOwed}
        occurredOn={complaint.occurredOn}
        description={complaint.description}
        unionName={complaint.union.name}
        anonymous={complaint.anonymous}
      />
      <Text className="section-title">证据图片</Text>
      <EvidenceGrid urls={complaint.evidence.map((item) => item.url)} />
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
}
