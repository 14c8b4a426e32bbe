import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { EMPLOYMENT_TYPE_LABELS, EMPLOYMENT_TYPES, type EmploymentType } from '@shared/rules/join'
import { fieldMessages, newRequestId, showError } from '../../../../services/cloud'
import { requestTransfer } from '../../../../services/membership'
import { searchUnions, type UnionSummary } from '../../../../services/unions'
import { Chips } from '../../../../components/Chips'
import { Field, FormItem } from '../../../../components/Field'
import { JOIN_PAGES } from '../../components/routes'
import { UnionCard } from '../../components/UnionCard'
import { withTextSize } from '../../../../components/TextSize'
import '../../components/join.css'

const TYPE_CHOICES = EMPLOYMENT_TYPES.map((value) => ({ value, label: EMPLOYMENT_TYPE_LABELS[value] }))

/** A member who changed job or district asks to move to another union; their number and history stay. */
function JoinTransferPage() {
  const [keyword, setKeyword] = useState('')
  const [found, setFound] = useState<UnionSummary[] | null>(null)
  const [target, setTarget] = useState<UnionSummary | null>(null)
  const [employmentType, setEmploymentType] = useState<EmploymentType>()
  const [work, setWork] = useState({ employer: '', platform: '', occupation: '', district: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const requestId = useRef<string | null>(null)

  async function search() {
    if (keyword.trim() === '') return void Taro.showToast({ title: '请输入要转入的工会名称', icon: 'none' })
    const result = await searchUnions(keyword.trim())
    if (!result.ok) return showError(result.error)
    setFound(result.data.items)
  }

  function edit(key: keyof typeof work, value: string) {
    requestId.current = null
    setWork((w) => ({ ...w, [key]: value }))
  }

  async function submit() {
    if (!target) return
    requestId.current ??= newRequestId()
    const result = await requestTransfer(
      {
        toUnionId: target.unionId,
        employmentType,
        employer: work.employer || undefined,
        platform: work.platform || undefined,
        occupation: work.occupation || undefined,
        district: work.district || undefined,
      },
      requestId.current,
    )
    if (result.ok) return void Taro.redirectTo({ url: JOIN_PAGES.status })
    setErrors(fieldMessages(result.error))
    showError(result.error)
  }

  if (target) {
    return (
      <View className="page e2e-join-transfer-page">
        <UnionCard union={target} e2e="e2e-transfer-target" />
        <View className="panel">
          <Text className="hint">如果工作情况有变化，请填写新的信息；不填的项目沿用现在的登记信息。</Text>
          <FormItem label="就业方式" e2e="e2e-transfer-employmentType" error={errors.employmentType}>
            <Chips
              choices={TYPE_CHOICES}
              value={employmentType}
              onChange={(v) => {
                requestId.current = null
                setEmploymentType(v)
              }}
              e2e="e2e-transfer-employmentType"
            />
          </FormItem>
          {employmentType === 'platform' && <Field label="接单平台" e2e="e2e-transfer-platform" value={work.platform} onChange={(v) => edit('platform', v)} error={errors.platform} maxLength={50} />}
          <Field label="工作单位" e2e="e2e-transfer-employer" value={work.employer} onChange={(v) => edit('employer', v)} error={errors.employer} maxLength={50} />
          <Field label="职业" e2e="e2e-transfer-occupation" value={work.occupation} onChange={(v) => edit('occupation', v)} error={errors.occupation} maxLength={30} />
          <Field label="工作所在区县" e2e="e2e-transfer-district" value={work.district} onChange={(v) => edit('district', v)} error={errors.district} maxLength={20} />
        </View>
        <Button type="primary" block className="e2e-transfer-submit" onClick={() => void submit()}>
          提交转会申请
        </Button>
        <Button block className="e2e-transfer-back" onClick={() => setTarget(null)}>
          重新选择工会
        </Button>
      </View>
    )
  }

  return (
    <View className="page e2e-join-transfer-page">
      <View className="panel">
        <Text className="hint">转会由转入的工会审核，通过后会员号、入会日期和会籍记录保持不变。</Text>
        <Field label="转入工会" e2e="e2e-transfer-keyword" value={keyword} onChange={setKeyword} placeholder="输入工会名称中的字词" maxLength={30} />
        <Button type="primary" block className="e2e-transfer-search" onClick={() => void search()}>
          搜索
        </Button>
      </View>
      {found?.length === 0 && <View className="notice">没有找到名称含“{keyword}”的工会。</View>}
      {found?.map((union, index) => (
        <UnionCard key={union.unionId} union={union} e2e={`e2e-transfer-result-${index}`}>
          <Button type="primary" size="small" className={`e2e-transfer-choose-${index}`} onClick={() => setTarget(union)}>
            转入这个工会
          </Button>
        </UnionCard>
      ))}
    </View>
  )
}

export default withTextSize(JoinTransferPage)
