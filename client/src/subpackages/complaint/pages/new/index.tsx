import { useEffect, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { CATEGORY_RULES, type ComplaintCategory } from '@shared/rules/complaint-categories'
import { COMPLAINT_PROGRESS_TEMPLATE } from '@shared/subscribe-templates'
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES } from '@shared/rules/complaint-evidence'
import { chinaDay } from '@shared/rules/china-time'
import { fieldMessages, newRequestId, showError } from '../../../../services/cloud'
import { fetchDestination, fileComplaint, uploadEvidence, type FileComplaintInput } from '../../../../services/complaints'
import { chooseMedia, requestSubscribeMessage } from '../../../../services/native'
import { Field, FormItem } from '../../../../components/Field'
import { Toggle } from '../../../../components/Toggle'
import { HotlineBar } from '../../components/HotlineBar'
import { clearDraft, loadDraft, saveDraft, type ComplaintDraft, type EvidenceDraft } from '../../draft'
import { CategoryPicker } from './components/CategoryPicker'
import { DestinationPicker } from './components/DestinationPicker'
import { EvidencePicker } from './components/EvidencePicker'
import { withTextSize } from '../../../../components/TextSize'
import './index.css'

function emptyDraft(): ComplaintDraft {
  return {
    category: null,
    description: '',
    employer: '',
    amountOwed: '',
    occurredOn: chinaDay(new Date()),
    anonymous: false,
    contactPhone: '',
    district: '',
    evidence: [],
    requestId: newRequestId(),
  }
}

interface Destination {
  isMember: boolean
  unionName: string | null
  districts: string[]
}

/** The complaint form: every change is kept as a draft until the case is filed. */
function NewComplaintPage() {
  const [draft, setDraft] = useState<ComplaintDraft>(() => loadDraft() ?? emptyDraft())
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [destination, setDestination] = useState<Destination | null>(null)
  const [submitting, setSubmitting] = useState(false)
  useEffect(() => saveDraft(draft), [draft])

  useEffect(() => {
    void fetchDestination(draft.district || undefined).then((result) => {
      if (result.ok) setDestination({ isMember: result.data.isMember, unionName: result.data.union?.name ?? null, districts: result.data.districts })
    })
  }, [draft.district])

  const update = (patch: Partial<ComplaintDraft>) => {
    setDraft((current) => ({ ...current, ...patch }))
    setErrors((current) => {
      const next = { ...current }
      for (const key of Object.keys(patch)) delete next[key]
      return next
    })
  }

  const updateEvidence = (key: string, patch: Partial<EvidenceDraft>) =>
    setDraft((current) => ({ ...current, evidence: current.evidence.map((item) => (item.key === key ? { ...item, ...patch } : item)) }))

  const upload = async (item: EvidenceDraft) => {
    updateEvidence(item.key, { status: 'uploading', progress: 0, message: undefined })
    const outcome = await uploadEvidence(item.localPath, (progress) => updateEvidence(item.key, { progress }))
    updateEvidence(item.key, outcome.ok ? { status: 'done', progress: 100, fileID: outcome.fileID } : { status: 'failed', message: outcome.message })
  }

  const addPhotos = async () => {
    const room = MAX_EVIDENCE_FILES - draft.evidence.length
    if (room <= 0) return
    const picked = await chooseMedia({ count: room })
    if (!picked.ok) {
      if (!picked.cancelled) void Taro.showToast({ title: '无法选择图片，请检查相册权限', icon: 'none' })
      return
    }
    const added: EvidenceDraft[] = picked.value.tempFiles.slice(0, room).map((file) => {
      const key = newRequestId()
      return file.size > MAX_EVIDENCE_BYTES
        ? { key, localPath: file.tempFilePath, size: file.size, status: 'failed', progress: 0, message: '图片超过 10 MB' }
        : { key, localPath: file.tempFilePath, size: file.size, status: 'uploading', progress: 0 }
    })
    setDraft((current) => ({ ...current, evidence: [...current.evidence, ...added].slice(0, MAX_EVIDENCE_FILES) }))
    setErrors((current) => ({ ...current, attachments: '' }))
    for (const item of added) if (item.status === 'uploading') void upload(item)
  }

  const retry = (index: number) => {
    const item = draft.evidence[index]
    if (!item) return
    if (item.size > MAX_EVIDENCE_BYTES) {
      void Taro.showToast({ title: '图片超过 10 MB，请删除后换一张', icon: 'none' })
      return
    }
    void upload(item)
  }

  const remove = (index: number) => {
    setDraft((current) => ({ ...current, evidence: current.evidence.filter((_, i) => i !== index) }))
    setErrors({})
  }

  const submit = async () => {
    if (submitting) return
    if (draft.evidence.some((item) => item.status === 'uploading')) {
      void Taro.showToast({ title: '图片还在上传，请稍候', icon: 'none' })
      return
    }
    if (draft.evidence.some((item) => item.status === 'failed')) {
      void Taro.showToast({ title: '有图片上传失败，请重试或删除', icon: 'none' })
      return
    }
    if (!draft.category) {
      setErrors({ category: '请选择求助类型' })
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
      return
    }
    // Asked inside the tap, as WeChat requires; declining changes nothing about filing.
    await requestSubscribeMessage([COMPLAINT_PROGRESS_TEMPLATE])

    const input: FileComplaintInput = {
      category: draft.category,
      description: draft.description,
      employer: draft.employer,
      occurredOn: draft.occurredOn,
      attachments: draft.evidence.flatMap((item) => (item.fileID ? [item.fileID] : [])),
      anonymous: draft.anonymous,
      ...(CATEGORY_RULES[draft.category].asksAmount || draft.amountOwed.trim() ? { amountOwed: draft.amountOwed } : {}),
      ...(!draft.anonymous && draft.contactPhone.trim() ? { contactPhone: draft.contactPhone } : {}),
      ...(draft.district ? { district: draft.district } : {}),
    }
    setSubmitting(true)
    const result = await fileComplaint(input, draft.requestId)
    setSubmitting(false)
    if (result.ok) {
      clearDraft()
      void Taro.redirectTo({ url: `/subpackages/complaint/pages/case/index?id=${result.data.complaintId}&filed=1` })
      return
    }
    const fields = fieldMessages(result.error)
    if (Object.keys(fields).length > 0) setErrors(fields)
    showError(result.error)
  }

  const rule = draft.category ? CATEGORY_RULES[draft.category] : null
  const evidenceErrors = Object.fromEntries(
    Object.entries(errors).flatMap(([path, message]) => {
      const match = /^attachments\.(\d+)$/.exec(path)
      return match ? [[Number(match[1]), message]] : []
    }),
  )
  const error = (field: string) => errors[field] || undefined

  return (
    <View className="page complaint-new e2e-complaint-form">
      <HotlineBar />

      <Text className="section-title">遇到了什么问题</Text>
      <FormItem e2e="e2e-complaint-category" error={error('category')}>
        <CategoryPicker value={draft.category} onChange={(category: ComplaintCategory) => update({ category })} />
      </FormItem>

      <Text className="section-title">交给哪个工会</Text>
      <FormItem e2e="e2e-complaint-district" error={error('district')}>
        {destination ? (
          <DestinationPicker
            isMember={destination.isMember}
            unionName={destination.unionName}
            districts={destination.districts}
            district={draft.district}
            onDistrict={(district) => update({ district })}
          />
        ) : (
          <View className="muted">正在确定受理工会…</View>
        )}
      </FormItem>

      <Text className="section-title">情况描述</Text>
      <Field
        e2e="e2e-complaint-description"
        multiline
        rows={6}
        showCount
        maxLength={2000}
        value={draft.description}
        onChange={(description) => update({ description })}
        placeholder={rule?.hint ?? '请写明发生了什么、涉及哪家单位或平台、您希望工会帮您做什么'}
        error={error('description')}
      />
      <Field
        label="用人单位或平台"
        e2e="e2e-complaint-employer"
        value={draft.employer}
        onChange={(employer) => update({ employer })}
        placeholder="如：某某快递站点、某某外卖平台"
        error={error('employer')}
      />
      {(rule?.asksAmount ?? false) && (
        <Field
          label="拖欠金额（元）"
          e2e="e2e-complaint-amountOwed"
          type="digit"
          value={draft.amountOwed}
          onChange={(amountOwed) => update({ amountOwed })}
          placeholder="如：8400 或 8400.50"
          maxLength={14}
          error={error('amountOwed')}
        />
      )}
      <FormItem label="发生日期" e2e="e2e-complaint-occurredOn" error={error('occurredOn')} boxed>
        <Picker mode="date" value={draft.occurredOn} end={chinaDay(new Date())} onChange={(event) => update({ occurredOn: String(event.detail.value) })}>
          <View className="complaint-new__picker">{draft.occurredOn}</View>
        </Picker>
      </FormItem>

      <Text className="section-title">证据图片（选填，最多 {MAX_EVIDENCE_FILES} 张）</Text>
      <FormItem e2e="e2e-complaint-attachments" hint="工资条、考勤记录、聊天记录、现场照片都可以。单张不超过 10 MB。" error={error('attachments')}>
        <EvidencePicker items={draft.evidence} errors={evidenceErrors} onAdd={() => void addPhotos()} onRetry={retry} onRemove={remove} />
      </FormItem>

      <View className="complaint-new__toggle">
        <Toggle checked={draft.anonymous} onChange={(anonymous) => update({ anonymous, contactPhone: '' })} e2e="e2e-complaint-anonymous">
          <Text>匿名求助</Text>
          <Text className="muted">工会工作人员看不到您是谁；进度和回复仍在这里查看</Text>
        </Toggle>
      </View>

      {!draft.anonymous && (
        <Field
          label="联系电话（选填，方便工会联系您）"
          e2e="e2e-complaint-contactPhone"
          type="tel"
          value={draft.contactPhone}
          onChange={(contactPhone) => update({ contactPhone })}
          placeholder="11 位手机号"
          maxLength={13}
          error={error('contactPhone')}
        />
      )}

      <Button type="primary" block className="complaint-new__submit e2e-complaint-submit" loading={submitting} onClick={() => void submit()}>
        提交求助
      </Button>
      <Text className="muted complaint-new__note">填写内容会自动保存在本机，离开页面也不会丢失。</Text>
    </View>
  )
}

export default withTextSize(NewComplaintPage)
