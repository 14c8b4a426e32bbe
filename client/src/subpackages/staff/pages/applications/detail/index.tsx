import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { EMPLOYMENT_TYPE_LABELS, REJECT_REASONS } from '@shared/rules/join'
import { fieldMessages, newRequestId, showError } from '../../../../../services/cloud'
import { fetchApplication, revealApplicationField, reviewApplication, type Application } from '../../../../../services/membership'
import { Field } from '../../../../../components/Field'
import { InfoRow } from '../../../../../components/InfoRow'
import { Remote } from '../../../../../components/Remote'
import { useRemote } from '../../../../../hooks/useRemote'
import { STATUS_LABEL } from '../components/labels'
import { a11y } from '../../../../../components/a11y'
import { withTextSize } from '../../../../../components/TextSize'
import '../components/review.css'

/** A masked number, with 查看完整 (`<e2e>-reveal`) until the full one has been fetched. */
function MaskedRow({ label, masked, full, e2e, onReveal }: { label: string; masked: string; full?: string; e2e: string; onReveal: () => void }) {
  return (
    <InfoRow label={label}>
      <Text className={e2e}>{full ?? masked}</Text>
      {full === undefined && (
        <Text className={`review-link ${e2e}-reveal`} {...a11y('button')} onClick={onReveal}>
          查看完整
        </Text>
      )}
    </InfoRow>
  )
}

/** One application: masked personal data (full numbers on request, audited), approve or reject with a reason. */
function StaffApplicationDetailPage() {
  const { params } = useRouter()
  const applicationId = params.applicationId ?? ''
  const remote = useRemote(() => fetchApplication(applicationId))
  const [revealed, setRevealed] = useState<{ idNumber?: string; phone?: string }>({})
  const [confirming, setConfirming] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string>()
  const [memberNumber, setMemberNumber] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const requestId = useRef<string | null>(null)

  async function reveal(field: 'idNumber' | 'phone') {
    const result = await revealApplicationField(applicationId, field)
    if (result.ok) setRevealed((r) => ({ ...r, [field]: result.data.value }))
    else showError(result.error)
  }

  async function decide(decision: 'approve' | 'reject') {
    if (decision === 'reject' && reason.trim().length < 2) return setReasonError('请选择或填写不通过的原因')
    setBusy(true)
    requestId.current ??= newRequestId()
    const result = await reviewApplication({ applicationId, decision, reason: decision === 'reject' ? reason.trim() : undefined }, requestId.current)
    setBusy(false)
    requestId.current = null
    if (!result.ok) {
      setReasonError(fieldMessages(result.error).reason)
      showError(result.error)
      return void remote.refresh()
    }
    remote.setData(result.data)
    setMemberNumber(result.data.memberNumber)
    void Taro.showToast({ title: decision === 'approve' ? '已通过' : '已退回', icon: 'success' })
  }

  const render = (a: Application) => (
    <View>
      <View className="panel">
        <View className="review-row__top">
          <Text className="review-row__name">
            {a.name}
            {a.kind === 'transfer' ? '（转会申请）' : ''}
          </Text>
          <Text className={`review-status review-status--${a.status} e2e-application-status`}>{STATUS_LABEL[a.status]}</Text>
        </View>
        <InfoRow label={a.kind === 'transfer' ? '转入工会' : '申请加入'}>{a.unionName}</InfoRow>
        {a.fromUnionName && <InfoRow label="转出工会">{a.fromUnionName}</InfoRow>}
        <MaskedRow label="身份证号" masked={a.idNumberMasked} full={revealed.idNumber} e2e="e2e-application-id" onReveal={() => void reveal('idNumber')} />
        <MaskedRow label="手机号" masked={a.phoneMasked} full={revealed.phone} e2e="e2e-application-phone" onReveal={() => void reveal('phone')} />
        <InfoRow label="出生日期">{`${a.birthDate}（${a.sex === 'male' ? '男' : '女'}）`}</InfoRow>
        <InfoRow label="就业方式">{EMPLOYMENT_TYPE_LABELS[a.employmentType]}</InfoRow>
        {a.platform && <InfoRow label="接单平台">{a.platform}</InfoRow>}
        {a.employer && <InfoRow label="工作单位">{a.employer}</InfoRow>}
        <InfoRow label="职业">{a.occupation}</InfoRow>
        <InfoRow label="工作区县">{a.district}</InfoRow>
        <InfoRow label="提交时间">{a.createdAt.slice(0, 16).replace('T', ' ')}</InfoRow>
        {a.rejectReason && <InfoRow label="未通过原因">{a.rejectReason}</InfoRow>}
        {memberNumber && (
          <InfoRow label="会员号">
            <Text className="e2e-application-member-number">{memberNumber}</Text>
          </InfoRow>
        )}
        <Text className="muted">查看完整号码会记入审计日志，请仅在核实身份时使用。</Text>
      </View>

      {a.status === 'pending' && (
        <View className="panel review-actions">
          {confirming ? (
            <Button type="primary" block className="e2e-application-approve-confirm" loading={busy} onClick={() => void decide('approve')}>
              确认通过，发放会员号
            </Button>
          ) : (
            <Button type="primary" block className="e2e-application-approve" onClick={() => setConfirming(true)}>
              通过
            </Button>
          )}
          <Text className="section-title">不通过的原因</Text>
          <View className="review-reasons">
            {REJECT_REASONS.map((text, index) => (
              <View
                key={text}
                className={`review-reason e2e-application-reason-${index}${reason === text ? ' review-reason--on' : ''}`}
                {...a11y('radio', undefined, { checked: reason === text })}
                onClick={() => {
                  setReason(text)
                  setReasonError(undefined)
                }}
              >
                {text}
              </View>
            ))}
          </View>
          <Field
            e2e="e2e-application-reason"
            multiline
            value={reason}
            placeholder="也可以自己填写原因，申请人会看到"
            maxLength={100}
            onChange={(value) => {
              setReason(value)
              setReasonError(undefined)
            }}
            error={reasonError}
          />
          <Button block className="e2e-application-reject" loading={busy} onClick={() => void decide('reject')}>
            不通过
          </Button>
        </View>
      )}
    </View>
  )

  return (
    <View className="page e2e-staff-application">
      <Remote state={remote.state} onRetry={() => void remote.reload()} rows={8}>
        {render}
      </Remote>
    </View>
  )
}

export default withTextSize(StaffApplicationDetailPage)
