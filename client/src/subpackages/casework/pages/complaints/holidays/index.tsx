import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { chinaDay, formatFullDate } from '@shared/rules/china-time'
import { PROVISIONAL_NOTE } from '@shared/rules/complaint-tiers'
import { fieldMessages, newRequestId, showError } from '../../../../../services/cloud'
import { fetchHolidays, removeHoliday, saveHoliday, type Holiday } from '../../../../../services/complaints'
import { a11y } from '../../../../../components/a11y'
import { Chips } from '../../../../../components/Chips'
import { Field, FormItem } from '../../../../../components/Field'
import { Remote } from '../../../../../components/Remote'
import { useRemote } from '../../../../../hooks/useRemote'
import { withTextSize } from '../../../../../components/TextSize'
import './index.css'

const KIND_LABELS: Record<Holiday['kind'], string> = { holiday: '放假', workday: '调休上班' }
const KIND_CHOICES = (['holiday', 'workday'] as const).map((value) => ({ value, label: KIND_LABELS[value] }))

/**
 * The calendar complaint deadlines are counted with: the national holidays and make-up working days
 * that ship with the app, and the root union's own entries (a local holiday, or a correction of a
 * national day). Staff read it; only the root union's admins change it.
 */
function HolidaysPage() {
  const [year, setYear] = useState(() => Number(chinaDay(new Date()).slice(0, 4)))
  const holidays = useRemote(() => fetchHolidays(year), { key: String(year) })
  const isAdmin = holidays.state.status === 'ready' && holidays.state.data.editable
  const [form, setForm] = useState({ date: chinaDay(new Date()), kind: 'holiday' as Holiday['kind'], name: '', requestId: newRequestId(), errors: {} as Record<string, string> })

  const save = async () => {
    const result = await saveHoliday({ date: form.date, kind: form.kind, name: form.name.trim() }, form.requestId)
    if (!result.ok) {
      setForm((current) => ({ ...current, errors: fieldMessages(result.error) }))
      return showError(result.error)
    }
    setForm((current) => ({ ...current, name: '', requestId: newRequestId(), errors: {} }))
    void Taro.showToast({ title: '已保存', icon: 'success' })
    const savedYear = Number(form.date.slice(0, 4))
    if (savedYear === year) void holidays.refresh()
    else setYear(savedYear)
  }

  const remove = async (date: string) => {
    const confirmed = await Taro.showModal({ title: '删除本市的设置？', content: `${formatFullDate(date)} 将按国家安排（或普通日子）计算期限。已告知工人的期限不变。` })
    if (!confirmed.confirm) return
    const result = await removeHoliday(date)
    if (!result.ok) return showError(result.error)
    void holidays.refresh()
  }

  return (
    <View className="page holidays e2e-staff-holidays">
      <Text className="muted">
        维权案件的期限按工作日计算：周末不算，“放假”的日子不算，“调休上班”的周末算作工作日。国家法定节假日随小程序发布；总工会管理员可以添加本地假日或更正某一天。修改只影响之后计算的期限。
      </Text>
      <View className="holidays__year">
        <Text className="holidays__nav e2e-holidays-prev" {...a11y('button')} onClick={() => setYear(year - 1)}>
          ‹ {year - 1}
        </Text>
        <Text className="holidays__current">{year} 年</Text>
        <Text className="holidays__nav e2e-holidays-next" {...a11y('button')} onClick={() => setYear(year + 1)}>
          {year + 1} ›
        </Text>
      </View>
      <Remote state={holidays.state} onRetry={() => void holidays.reload()}>
        {(data) => (
          <View>
            <Text className="muted holidays__union">{data.union.name}的日历</Text>
            {!data.nationalKnown && (
              <Text className="holidays__unknown e2e-holidays-unknown">
                国家尚未公布 {data.year} 年放假安排（本程序所带安排来自 {data.source}）：这一年的期限暂按周末计算，{PROVISIONAL_NOTE}。
              </Text>
            )}
            {data.items.length === 0 && <Text className="muted e2e-empty">这一年没有放假或调休安排</Text>}
            {data.items.map((item) => (
              <View key={item.date} className={`holidays__item e2e-holiday-item e2e-holiday-${item.source}`}>
                <Text>{formatFullDate(item.date)}</Text>
                <Text className={`holidays__kind holidays__kind--${item.kind}`}>
                  {KIND_LABELS[item.kind]} · {item.name}
                  {item.source === 'local' ? '（本市）' : ''}
                </Text>
                {isAdmin && item.source === 'local' && (
                  <Text className="holidays__remove e2e-holiday-remove" {...a11y('button', `删除 ${formatFullDate(item.date)} 的本市设置`)} onClick={() => void remove(item.date)}>
                    删除
                  </Text>
                )}
              </View>
            ))}
          </View>
        )}
      </Remote>

      {isAdmin && (
        <View className="holidays__form">
          <Text className="section-title">添加本地假日或更正</Text>
          <FormItem label="日期" e2e="e2e-holiday-date" error={form.errors.date} boxed>
            <Picker mode="date" value={form.date} onChange={(event) => setForm((current) => ({ ...current, date: String(event.detail.value) }))}>
              <View className="holidays__picker">{formatFullDate(form.date)}</View>
            </Picker>
          </FormItem>
          <FormItem label="类型" e2e="e2e-holiday-kind" error={form.errors.kind}>
            <Chips choices={KIND_CHOICES} value={form.kind} onChange={(kind) => setForm((current) => ({ ...current, kind }))} e2e="e2e-holiday-kind" />
          </FormItem>
          <Field
            label="名称"
            e2e="e2e-holiday-name"
            value={form.name}
            onChange={(name) => setForm((current) => ({ ...current, name }))}
            placeholder="如：国庆节、国庆调休"
            maxLength={20}
            error={form.errors.name}
          />
          <Button type="primary" block className="e2e-holiday-save" onClick={() => void save()}>
            保存
          </Button>
        </View>
      )}
    </View>
  )
}

export default withTextSize(HolidaysPage)
