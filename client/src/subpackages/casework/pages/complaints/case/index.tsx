import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { formatMonthDay } from '@shared/rules/china-time'
import { SATISFACTION_LABELS } from '@shared/rules/complaint-handling'
import { STATUS_LABELS, TRANSITION_VERBS, type ComplaintStatus, type LetterType } from '@shared/rules/complaint-status'
import { TIER_LABELS, type ComplaintTier } from '@shared/rules/complaint-tiers'
import { fieldMessages, newRequestId, showError } from '../../../../../services/cloud'
import {
  checkQuality,
  extendDeadline,
  fetchComplaint,
  fetchTierSettings,
  recordCallback,
  recordReferralFeedback,
  referComplaint,
  replyToComplaint,
  revealComplainantPhone,
  transitionComplaint,
  type StaffCase,
} from '../../../../../services/complaints'
import { a11y } from '../../../../../components/a11y'
import { CaseDeadline } from '../../../../../components/CaseDeadline'
import { CaseFacts } from '../../../../../components/CaseFacts'
import { CaseTimeline } from '../../../../../components/CaseTimeline'
import { EvidenceGrid } from '../../../../../components/EvidenceGrid'
import { Field } from '../../../../../components/Field'
import { Remote } from '../../../../../components/Remote'
import { useRemote } from '../../../../../hooks/useRemote'
import { ActionPanel } from './components/ActionPanel'
import { withTextSize } from '../../../../../components/TextSize'
import { STEP_TITLES, StepPanel, type Step, type StepInput } from './components/StepPanel'
import './index.css'

interface Pending {
  /** A status button's move, or one of the other steps. */
  to: ComplaintStatus | null
  step: Step | null
  requestId: string
  submitting: boolean
  errors: Record<string, string>
}

const STEPS_IN_ORDER: Step[] = ['extend', 'refer', 'referralFeedback', 'callback', 'qualityCheck']

/** Sends one step with the case id; every step answers with the case as staff now see it. */
function sendStep(complaintId: string, { step, input }: StepInput, requestId: string) {
  if (step === 'extend') return extendDeadline({ complaintId, ...input }, requestId)
  if (step === 'refer') return referComplaint({ complaintId, ...input }, requestId)
  if (step === 'referralFeedback') return recordReferralFeedback(complaintId, input.note, requestId)
  if (step === 'callback') return recordCallback({ complaintId, ...input }, requestId)
  return checkQuality({ complaintId, ...input }, requestId)
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
  // Each tier's resolve days, shown while accepting (the clock the worker will be promised).
  const tiers = useRemote(fetchTierSettings, { everyShow: false })
  const tierDays = tiers.state.status === 'ready' ? (Object.fromEntries(Object.entries(tiers.state.data.tiers).map(([tier, clock]) => [tier, clock.resolveDays])) as Record<ComplaintTier, number>) : undefined
  const open = (change: Pick<Pending, 'to' | 'step'>) => setPending({ ...change, requestId: newRequestId(), submitting: false, errors: {} })
  const [reply, setReply] = useState({ text: '', requestId: newRequestId(), submitting: false, error: '' })

  const finish = async (send: (requestId: string) => ReturnType<typeof transitionComplaint>, done: string) => {
    if (!pending) return
    setPending({ ...pending, submitting: true, errors: {} })
    const result = await send(pending.requestId)
    if (result.ok) {
      setPending(null)
      remote.setData(result.data)
      void Taro.showToast({ title: done, icon: 'success' })
      return
    }
    setPending({ ...pending, submitting: false, errors: fieldMessages(result.error) })
    showError(result.error)
  }

  const confirm = (note: string, letterType: LetterType | null, tier: ComplaintTier | null) => {
    const to = pending?.to
    if (!to) return
    void finish(
      (requestId) => transitionComplaint({ complaintId, to, ...(note ? { note } : {}), ...(letterType ? { letterType } : {}), ...(tier && to === 'accepted' ? { tier } : {}) }, requestId),
      `已${TRANSITION_VERBS[to] ?? '更新'}`,
    )
  }

  const confirmStep = (step: StepInput) => void finish((requestId) => sendStep(complaintId, step, requestId), `已${STEP_TITLES[step.step]}`)

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
        {complaint.tier && <Text className="muted e2e-case-tier">案件分级：{TIER_LABELS[complaint.tier]}</Text>}
        {complaint.deadline && <CaseDeadline deadline={complaint.deadline} viewer="staff" />}
      </View>

      {complaint.intake && (
        <View className="staff-case-page__person e2e-staff-intake">
          <Text>12351 热线来电登记 · 来电人 {complaint.intake.callerName}</Text>
          <Text className="muted">{complaint.intake.claimed ? '来电人已在小程序认领，可在线查看进度' : '来电人尚未在小程序认领：可告知查询编号，在“维权求助 → 认领电话登记的案件”认领'}</Text>
        </View>
      )}
      {complaint.referral && (
        <View className={`staff-case-page__person e2e-staff-referral${complaint.referral.overdue ? ' staff-case-page__referral--overdue e2e-staff-referral-overdue' : ''}`}>
          <Text>
            转交{complaint.referral.department} · {formatMonthDay(complaint.referral.day)} 前反馈{complaint.referral.overdue ? ' · 已超期未反馈' : ''}
          </Text>
          <Text className="muted">{complaint.referral.note}</Text>
          {complaint.referral.feedback && <Text>反馈：{complaint.referral.feedback.note}</Text>}
        </View>
      )}
      {complaint.callback && (
        <View className="staff-case-page__person e2e-staff-callback">
          <Text>
            回访（{complaint.callback.by === 'complainant' ? '求助人评价' : complaint.callback.by === 'staff' ? '电话回访' : '系统'}）：
            {complaint.callback.reached ? (complaint.callback.satisfaction ? SATISFACTION_LABELS[complaint.callback.satisfaction] : '已联系上') : '未回复'}
          </Text>
          {complaint.callback.note && <Text className="muted">{complaint.callback.note}</Text>}
        </View>
      )}

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

      {!pending && (complaint.nextStatuses.length > 0 || STEPS_IN_ORDER.some((step) => complaint.can[step])) && (
        <View className="staff-case-page__actions">
          {complaint.nextStatuses.map((to) => (
            <Button key={to} type={to === 'rejected' ? 'default' : 'primary'} className={`e2e-staff-action-${to}`} onClick={() => open({ to, step: null })}>
              {TRANSITION_VERBS[to]}
            </Button>
          ))}
          {STEPS_IN_ORDER.filter((step) => complaint.can[step]).map((step) => (
            <Button key={step} type="default" className={`e2e-staff-step-${step}-open`} onClick={() => open({ to: null, step })}>
              {STEP_TITLES[step]}
            </Button>
          ))}
        </View>
      )}
      {pending?.to && (
        <ActionPanel
          to={pending.to}
          submitting={pending.submitting}
          errors={pending.errors}
          tierDays={tierDays}
          initialTier={complaint.tier}
          onConfirm={confirm}
          onCancel={() => setPending(null)}
        />
      )}
      {pending?.step && <StepPanel step={pending.step} submitting={pending.submitting} errors={pending.errors} onConfirm={confirmStep} onCancel={() => setPending(null)} />}

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
