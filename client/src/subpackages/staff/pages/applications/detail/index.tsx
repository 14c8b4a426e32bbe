import { useCallback, useEffect, useRef, useState, type PropsWithChildren } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { EMPLOYMENT_TYPE_LABELS, REJECT_REASONS } from '@shared/rules/join'
import { fieldMessages, newRequestId, showError } from '../../../../../services/cloud'
import { fetchApplication, revealApplicationField, reviewApplication, type Application } from '../../../../../services/membership'
import { STATUS_LABEL } from '../components/labels'
import '../components/review.css'

function Line({ label, children }: PropsWithChildren<{ label: string }>) {
  return (
    <View className="review-line">
      <Text className="review-line__label">{label}</Text>
      <View>{children}</View>
    </View>
  )
}

/** One application: masked personal data (full numbers on request, audited), approve or reject with a reason. */
export default function StaffApplicationDetailPage() {
  const { params } = useRouter()
  const applicationId = params.applicationId ?? ''
  const [application, setApplication] = useState<Application | null>(null)
  const [revealed, setRevealed] = useState<{ idNumber?: string; phone?: string }>({})
  const [confirming, setConfirming] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string>()
  const [memberNumber, setMemberNumber] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const requestId = useRef<string | null>(null)

  const load = useCallback(async () => {
    const result = await fetchApplication(applicationId)
    if (result.ok) setApplication(result.data)
    else showError(result.error)
  }, [applicationId])

  useEffect(() => {
    void load()
  }, [load])

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
      return void load()
    }
    setApplication(result.data)
    setMemberNumber(result.data.memberNumber)
    void Taro.showToast({ title: decision === 'approve' ? '已通过' : '已退回', icon: 'success' })
  }

  if (!application) return <View className="page e2e-staff-application muted">加载中…</View>
  const a = application
  return (
    <View className="page e2e-staff-application">
      <View className="review-panel">
        <View className="review-row__top">
          <Text className="review-row__name">
            {a.name}
            {a.kind === 'transfer' ? '（转会申请）' : ''}
          </Text>
          <Text className={`review-status review-status--${a.status} e2e-application-status`}>{STATUS_LABEL[a.status]}</Text>
        </View>
        <Line label={a.kind === 'transfer' ? '转入工会' : '申请加入'}>{a.unionName}</Line>
        {a.fromUnionName && <Line label="转出工会">{a.fromUnionName}</Line>}
        <Line label="身份证号">
          <Text className="e2e-application-id">{revealed.idNumber ?? a.idNumberMasked}</Text>
          {!revealed.idNumber && (
            <Text className="review-link e2e-application-reveal-id" onClick={() => void reveal('idNumber')}>
              查看完整
            </Text>
          )}
        </Line>
        <Line label="手机号">
          <Text className="e2e-application-phone">{revealed.phone ?? a.phoneMasked}</Text>
          {!revealed.phone && (
            <Text className="review-link e2e-application-reveal-phone" onClick={() => void reveal('phone')}>
              查看完整
            </Text>
          )}
        </Line>
        <Line label="出生日期">{`${a.birthDate}（${a.sex === 'male' ? '男' : '女'}）`}</Line>
        <Line label="就业方式">{EMPLOYMENT_TYPE_LABELS[a.employmentType]}</Line>
        {a.platform && <Line label="接单平台">{a.platform}</Line>}
        {a.employer && <Line label="工作单位">{a.employer}</Line>}
        <Line label="职业">{a.occupation}</Line>
        <Line label="工作区县">{a.district}</Line>
        <Line label="提交时间">{a.createdAt.slice(0, 16).replace('T', ' ')}</Line>
        {a.rejectReason && <Line label="未通过原因">{a.rejectReason}</Line>}
        {memberNumber && (
          <Line label="会员号">
            <Text className="e2e-application-member-number">{memberNumber}</Text>
          </Line>
        )}
        <Text className="muted">查看完整号码会记入审计日志，请仅在核实身份时使用。</Text>
      </View>

      {a.status === 'pending' && (
        <View className="review-panel review-actions">
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
                onClick={() => {
                  setReason(text)
                  setReasonError(undefined)
                }}
              >
                {text}
              </View>
            ))}
          </View>
          <TextArea
            className="review-input e2e-application-reason"
            value={reason}
            placeholder="也可以自己填写原因，申请人会看到"
            maxLength={100}
            onChange={(value: string) => {
              setReason(value)
              setReasonError(undefined)
            }}
          />
          {reasonError && <Text className="review-error e2e-application-reason-error">{reasonError}</Text>}
          <Button block className="e2e-application-reject" loading={busy} onClick={() => void decide('reject')}>
            不通过
          </Button>
        </View>
      )}
    </View>
  )
}
