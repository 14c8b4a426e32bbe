import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { ok, type Result } from '@shared/result'
import { fetchActivity, publishActivity, saveActivity, uploadCover, type ActivityDetail } from '../../../../../services/activities'
import { fieldMessages, newRequestId, showError } from '../../../../../services/cloud'
import { chooseImage } from '../../../../../services/native'
import { fetchServedUnions, type ServedUnion } from '../../../../../services/unions'
import { Chips } from '../../../../../components/Chips'
import { Field, FormItem } from '../../../../../components/Field'
import { Remote } from '../../../../../components/Remote'
import { useRemote } from '../../../../../hooks/useRemote'
import { ALLOCATION_CHOICES, blankForm, CATEGORY_CHOICES, formOf, TIME_FIELDS, TIME_LABELS, toInput, type ActivityForm } from './form'
import { withTextSize } from '../../../../../components/TextSize'
import '../components/activities.css'

interface Editing {
  unions: ServedUnion[]
  /** Null for a new activity. */
  activity: ActivityDetail | null
}

/** The unions the staff member may organise for, and the activity when editing one. */
async function loadEditing(activityId: string | undefined): Promise<Result<Editing>> {
  const unions = await fetchServedUnions()
  if (!unions.ok) return unions
  if (!activityId) return ok({ unions: unions.data.items, activity: null })
  const detail = await fetchActivity(activityId)
  return detail.ok ? ok({ unions: unions.data.items, activity: detail.data }) : detail
}

/** Staff create or edit an activity; a draft can be saved and published from here. */
function StaffActivityEditPage() {
  const { params } = useRouter()
  // Loaded once: showing the page again (after picking a cover) must not replace what was typed.
  const remote = useRemote(() => loadEditing(params.id), { everyShow: false })
  return (
    <View className="page e2e-staff-activity-edit">
      <Remote state={remote.state} onRetry={() => void remote.reload()} rows={8}>
        {(editing) => <ActivityEditor editing={editing} />}
      </Remote>
    </View>
  )
}

function ActivityEditor({ editing }: { editing: Editing }) {
  const [activityId, setActivityId] = useState(editing.activity?.activityId)
  const [form, setForm] = useState<ActivityForm>(() => (editing.activity ? formOf(editing.activity) : blankForm(editing.unions[0]?.unionId ?? '')))
  const [coverUrl, setCoverUrl] = useState<string | null>(editing.activity?.coverUrl ?? null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const published = editing.activity?.status === 'published'

  const set = <K extends keyof ActivityForm>(key: K, value: ActivityForm[K]) => {
    setForm({ ...form, [key]: value })
    if (errors[key]) setErrors({ ...errors, [key]: '' })
  }

  const pickCover = async () => {
    const picked = await chooseImage({ count: 1 })
    if (!picked.ok) return
    const path = picked.value.tempFilePaths[0]
    if (!path) return
    Taro.showLoading({ title: '上传中' })
    const uploaded = await uploadCover(path)
    Taro.hideLoading()
    if (!uploaded.ok) return void Taro.showToast({ title: uploaded.message, icon: 'none' })
    setForm({ ...form, coverFileId: uploaded.fileID })
    setCoverUrl(path)
  }

  /** Saves, then publishes when asked; field errors land under their fields. */
  const submit = async (thenPublish: boolean) => {
    const prepared = toInput(form, activityId)
    if (!prepared.ok) {
      setErrors(prepared.errors)
      return void Taro.showToast({ title: '请检查标红的项目', icon: 'none' })
    }
    setBusy(true)
    const saved = await saveActivity(prepared.input, newRequestId())
    if (!saved.ok) {
      setBusy(false)
      setErrors(fieldMessages(saved.error))
      return showError(saved.error)
    }
    setActivityId(saved.data.activityId)
    if (thenPublish) {
      const result = await publishActivity(saved.data.activityId, newRequestId())
      if (!result.ok) {
        setBusy(false)
        return showError(result.error)
      }
    }
    setBusy(false)
    void Taro.showToast({ title: thenPublish ? '已发布' : '已保存', icon: 'success' })
    void Taro.redirectTo({ url: `/subpackages/staff/pages/activities/manage/index?id=${saved.data.activityId}` })
  }


  return (
    <View>
      {editing.unions.length > 1 && (
        <View className="panel">
          <FormItem label="主办工会" e2e="e2e-edit-unionId" error={errors.unionId}>
            <Chips
              choices={editing.unions.map((union) => ({ value: union.unionId, label: union.name }))}
              value={form.unionId}
              onChange={(value) => set('unionId', value)}
              e2e="e2e-edit-unionId"
              keyBy="position"
            />
          </FormItem>
        </View>
      )}
      <View className="panel">
        <Field label="活动名称" e2e="e2e-edit-title" value={form.title} onChange={(value) => set('title', value)} placeholder="如：夏日送清凉 · 快递小哥慰问品领取" error={errors.title} maxLength={40} />
        <FormItem label="活动类别" e2e="e2e-edit-category" error={errors.category}>
          <Chips choices={CATEGORY_CHOICES} value={form.category} onChange={(value) => set('category', value)} e2e="e2e-edit-category" />
        </FormItem>
        <Field label="活动地点" e2e="e2e-edit-place" value={form.place} onChange={(value) => set('place', value)} error={errors.place} />
        <Field label="活动介绍" e2e="e2e-edit-description" value={form.description} onChange={(value) => set('description', value)} error={errors.description} maxLength={2000} multiline />
        <FormItem label="封面图片" e2e="e2e-edit-coverFileId" error={errors.coverFileId}>
          {coverUrl && <Image className="act-cover" src={coverUrl} mode="aspectFill" />}
          <Button className="e2e-edit-cover" onClick={() => void pickCover()}>
            {form.coverFileId ? '更换封面' : '上传封面'}
          </Button>
        </FormItem>
      </View>
      <View className="panel">
        <Text className="panel__title">时间（北京时间）</Text>
        {TIME_FIELDS.map((field) => (
          <Field key={field} label={`${TIME_LABELS[field]}时间`} e2e={`e2e-edit-${field}`} value={form[field]} onChange={(value) => set(field, value)} placeholder="2026-07-01 09:00" error={errors[field]} maxLength={16} />
        ))}
        <Text className="hint">报名截止不晚于活动开始；取消截止后报名者不能再取消。抽签活动在报名截止 1 分钟后可开奖。</Text>
      </View>
      <View className="panel">
        <Field label="名额" e2e="e2e-edit-capacity" type="number" value={form.capacity} onChange={(value) => set('capacity', value)} error={errors.capacity} maxLength={5} />
        <FormItem label="名额分配" e2e="e2e-edit-allocation" error={errors.allocation}>
          {published ? (
            <Text className="hint">{ALLOCATION_CHOICES.find((choice) => choice.value === form.allocation)?.label}（发布后不能更改）</Text>
          ) : (
            <Chips choices={ALLOCATION_CHOICES} value={form.allocation} onChange={(value) => set('allocation', value)} e2e="e2e-edit-allocation" />
          )}
        </FormItem>
        <FormItem label="谁可以报名" e2e="e2e-edit-membersOnly" error={errors.membersOnly}>
          <Chips
            choices={[
              { value: 'all', label: '所有职工' },
              { value: 'members', label: '仅限会员' },
            ]}
            value={form.membersOnly ? 'members' : 'all'}
            onChange={(value) => set('membersOnly', value === 'members')}
            e2e="e2e-edit-membersOnly"
          />
        </FormItem>
      </View>
      <View className="actions">
        {published ? (
          <Button type="primary" block loading={busy} disabled={busy} className="e2e-edit-save" onClick={() => void submit(false)}>
            保存修改
          </Button>
        ) : (
          <>
            <Button type="primary" block loading={busy} disabled={busy} className="e2e-edit-publish" onClick={() => void submit(true)}>
              保存并发布
            </Button>
            <Button block disabled={busy} className="e2e-edit-save" onClick={() => void submit(false)}>
              保存草稿
            </Button>
          </>
        )}
      </View>
    </View>
  )
}

export default withTextSize(StaffActivityEditPage)
