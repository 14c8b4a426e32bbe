import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { COMPLAINT_TIERS, TIER_LABELS, type ComplaintTier } from '@shared/rules/complaint-tiers'
import { fieldMessages, newRequestId, showError } from '../../../../../services/cloud'
import { fetchTierSettings, saveTierSettings, type TierSettings } from '../../../../../services/complaints'
import { Field } from '../../../../../components/Field'
import { withTextSize } from '../../../../../components/TextSize'
import { Remote } from '../../../../../components/Remote'
import { useRemote } from '../../../../../hooks/useRemote'
import './index.css'

type Draft = Record<ComplaintTier, { acceptDays: string; resolveDays: string }> & { referralDays: string }

const draftOf = (settings: TierSettings): Draft => ({
  ...(Object.fromEntries(COMPLAINT_TIERS.map((tier) => [tier, { acceptDays: String(settings.tiers[tier].acceptDays), resolveDays: String(settings.tiers[tier].resolveDays) }])) as Record<
    ComplaintTier,
    { acceptDays: string; resolveDays: string }
  >),
  referralDays: String(settings.referralDays),
})

/**
 * How many working days each tier (一般 / 难点 / 特别复杂) has to accept and resolve a case, and
 * another department to answer a referral. Everyone on staff reads them; the root union's admins
 * change them, for every union below it. Deadlines already promised stay as they are.
 */
function StaffTierSettingsPage() {
  const settings = useRemote(fetchTierSettings, { everyShow: false })
  const [draft, setDraft] = useState<Draft | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  const [requestId, setRequestId] = useState(newRequestId)

  const save = async (current: Draft) => {
    setSaving(true)
    const tiers = Object.fromEntries(COMPLAINT_TIERS.map((tier) => [tier, { acceptDays: Number(current[tier].acceptDays), resolveDays: Number(current[tier].resolveDays) }])) as TierSettings['tiers']
    const result = await saveTierSettings({ tiers, referralDays: Number(current.referralDays) }, requestId)
    setSaving(false)
    if (!result.ok) {
      setErrors(fieldMessages(result.error))
      return showError(result.error)
    }
    settings.setData(result.data)
    setDraft(null)
    setErrors({})
    setRequestId(newRequestId())
    void Taro.showToast({ title: '已保存', icon: 'success' })
  }

  const render = (data: TierSettings) => {
    const current = draft ?? draftOf(data)
    const edit = (tier: ComplaintTier, field: 'acceptDays' | 'resolveDays', value: string) => setDraft({ ...current, [tier]: { ...current[tier], [field]: value } })
    return (
      <View>
        <Text className="muted">
          {data.union.name}及下级工会的案件按以下期限计算（工作日）。{data.isDefault ? '当前为系统默认值。' : ''}
          {data.editable ? '修改只影响之后设定的期限。' : '只有总工会管理员可以修改。'}
        </Text>
        {COMPLAINT_TIERS.map((tier) => (
          <View key={tier} className={`staff-tiers__tier e2e-tiers-${tier}`}>
            <Text className="staff-tiers__name">{TIER_LABELS[tier]}</Text>
            {data.editable ? (
              <>
                <Field label="受理期限（工作日）" e2e={`e2e-tiers-${tier}-acceptDays`} type="number" maxLength={2} value={current[tier].acceptDays} onChange={(value) => edit(tier, 'acceptDays', value)} error={errors[`tiers.${tier}.acceptDays`]} />
                <Field label="办结期限（工作日）" e2e={`e2e-tiers-${tier}-resolveDays`} type="number" maxLength={3} value={current[tier].resolveDays} onChange={(value) => edit(tier, 'resolveDays', value)} error={errors[`tiers.${tier}.resolveDays`]} />
              </>
            ) : (
              <Text className="staff-tiers__days">
                受理 {data.tiers[tier].acceptDays} 个工作日 · 办结 {data.tiers[tier].resolveDays} 个工作日
              </Text>
            )}
          </View>
        ))}
        <View className="staff-tiers__tier e2e-tiers-referral">
          <Text className="staff-tiers__name">转办反馈</Text>
          {data.editable ? (
            <Field label="对方部门反馈期限（工作日）" e2e="e2e-tiers-referralDays" type="number" maxLength={2} value={current.referralDays} onChange={(referralDays) => setDraft({ ...current, referralDays })} error={errors.referralDays} />
          ) : (
            <Text className="staff-tiers__days">{data.referralDays} 个工作日</Text>
          )}
        </View>
        {data.editable && (
          <Button type="primary" block loading={saving} className="e2e-tiers-save" onClick={() => void save(current)}>
            保存
          </Button>
        )}
      </View>
    )
  }

  return (
    <View className="page staff-tiers e2e-staff-tiers">
      <Remote state={settings.state} onRetry={() => void settings.reload()} rows={6}>
        {render}
      </Remote>
    </View>
  )
}

export default withTextSize(StaffTierSettingsPage)
