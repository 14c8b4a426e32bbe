import { useCallback, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import type { AppError } from '@shared/result'
import { chinaDay, formatFullDate } from '@shared/rules/china-time'
import { fetchMe } from '../../../../../services/account'
import { fieldMessages, newRequestId, showError } from '../../../../../services/cloud'
import { fetchHolidays, removeHoliday, saveHoliday, type Holiday } from '../../../../../services/complaints'
import './index.css'

type PageState = { state: 'loading' } | { state: 'ready'; items: Holiday[] } | { state: 'failed'; error: AppError }

const KIND_LABELS: Record<Holiday['kind'], string> = { holiday: '放假', workday: '调休上班' }

/**
 * The holiday list that complaint deadlines are counted with: public holidays on weekdays, and
 * weekend days worked instead. Staff read it; union admins change it.
 */
export default function HolidaysPage() {
  const [year, setYear] = useState(() => Number(chinaDay(new Date()).slice(0, 4)))
  const [view, setView] = useState<PageState>({ state: 'loading' })
  const [isAdmin, setIsAdmin] = useState(false)
  const [form, setForm] = useState({ date: chinaDay(new Date()), kind: 'holiday' as Holiday['kind'], name: '', requestId: newRequestId(), errors: {} as Record<string, string> })

  const load = useCallback(async (forYear: number) => {
    const result = await fetchHolidays(forYear)
    setView(result.ok ? { state: 'ready', items: result.data.items } : { state: 'failed', error: result.error })
  }, [])

  useDidShow(() => {
    void load(year)
    void fetchMe().then((result) => setIsAdmin(result.ok && result.data.staffOf.some((role) => role.role === 'admin')))
  })

  const goYear = (next: number) => {
    setYear(next)
    setView({ state: 'loading' })
    void load(next)
  }

  const save = async () => {
    const result = await saveHoliday({ date: form.date, kind: form.kind, name: form.name.trim() }, form.requestId)
    if (!result.ok) {
      setForm((current) => ({ ...current, errors: fieldMessages(result.error) }))
      return showError(result.error)
    }
    setForm((current) => ({ ...current, name: '', requestId: newRequestId(), errors: {} }))
    void Taro.showToast({ title: '已保存', icon: 'success' })
    goYear(Number(form.date.slice(0, 4)))
  }

  const remove = async (date: string) => {
    const confirmed = await Taro.showModal({ title: '删除这一天？', content: `${formatFullDate(date)} 将按普通日子计算期限。已告知工人的期限不变。` })
    if (!confirmed.confirm) return
    const result = await removeHoliday(date)
    if (!result.ok) return showError(result.error)
    void load(year)
  }

  return (
    <View className="page holidays e2e-staff-holidays">
      <Text className="muted">维权案件的受理、办结期限按工作日计算：周末不算，下列“放假”的日子不算，“调休上班”的周末算作工作日。修改只影响之后计算的期限。</Text>
      <View className="holidays__year">
        <Text className="holidays__nav e2e-holidays-prev" onClick={() => goYear(year - 1)}>
          ‹ {year - 1}
        </Text>
        <Text className="holidays__current">{year} 年</Text>
        <Text className="holidays__nav e2e-holidays-next" onClick={() => goYear(year + 1)}>
          {year + 1} ›
        </Text>
      </View>
      {view.state === 'loading' && <View className="muted">加载中…</View>}
      {view.state === 'failed' && <View className="muted e2e-error">{view.error.message}</View>}
      {view.state === 'ready' && view.items.length === 0 && <View className="muted">这一年还没有设置节假日</View>}
      {view.state === 'ready' &&
        view.items.map((item) => (
          <View key={item.date} className="holidays__item e2e-holiday-item">
            <Text>{formatFullDate(item.date)}</Text>
            <Text className={`holidays__kind holidays__kind--${item.kind}`}>
              {KIND_LABELS[item.kind]} · {item.name}
            </Text>
            {isAdmin && (
              <Text className="holidays__remove e2e-holiday-remove" onClick={() => void remove(item.date)}>
                删除
              </Text>
            )}
          </View>
        ))}

      {isAdmin && (
        <View className="holidays__form">
          <Text className="section-title">添加或修改</Text>
          <Picker mode="date" value={form.date} onChange={(event) => setForm((current) => ({ ...current, date: String(event.detail.value) }))}>
            <View className="holidays__field e2e-holiday-date">{formatFullDate(form.date)}</View>
          </Picker>
          <View className="holidays__kinds">
            {(['holiday', 'workday'] as const).map((kind) => (
              <Text key={kind} className={`holidays__chip e2e-holiday-kind-${kind}${form.kind === kind ? ' holidays__chip--active' : ''}`} onClick={() => setForm((current) => ({ ...current, kind }))}>
                {KIND_LABELS[kind]}
              </Text>
            ))}
          </View>
          <View className="holidays__field e2e-holiday-name">
            <Input value={form.name} onChange={(name) => setForm((current) => ({ ...current, name }))} placeholder="名称，如：国庆节、国庆调休" maxLength={20} />
          </View>
          {form.errors.name && <Text className="form-error">{form.errors.name}</Text>}
          <Button type="primary" block className="e2e-holiday-save" onClick={() => void save()}>
            保存
          </Button>
        </View>
      )}
    </View>
  )
}
