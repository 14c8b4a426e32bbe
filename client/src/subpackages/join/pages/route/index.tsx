import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { EMPLOYMENT_TYPE_LABELS, EMPLOYMENT_TYPES, type EmploymentType } from '@shared/rules/join'
import { showError } from '../../../../services/cloud'
import { fetchRouteChoices, routeWorker, type RouteOption } from '../../../../services/unions'
import { Chips } from '../../../../components/Chips'
import { FormItem } from '../../../../components/Field'
import { JOIN_PAGES, pageUrl } from '../../components/routes'
import { UnionCard } from '../../components/UnionCard'
import { withTextSize } from '../../../../components/TextSize'
import '../../components/join.css'

const TYPE_CHOICES = EMPLOYMENT_TYPES.map((value) => ({ value, label: EMPLOYMENT_TYPE_LABELS[value] }))
const asChoices = (values: string[]) => values.map((value) => ({ value, label: value }))

/** A gig worker without a QR code picks platform and district and is offered the unions that can take them. */
function JoinRoutePage() {
  const [choices, setChoices] = useState<{ districts: string[]; platforms: string[] } | null>(null)
  const [employmentType, setEmploymentType] = useState<EmploymentType>('platform')
  const [platform, setPlatform] = useState<string>()
  const [district, setDistrict] = useState<string>()
  const [options, setOptions] = useState<RouteOption[] | null>(null)
  const [errors, setErrors] = useState<{ platform?: string; district?: string }>({})

  useEffect(() => {
    void fetchRouteChoices().then((result) => (result.ok ? setChoices(result.data) : showError(result.error)))
  }, [])

  async function find() {
    if (employmentType === 'platform' && !platform) return setErrors({ platform: '请选择你接单的平台' })
    if (!district) return setErrors({ district: '请选择你工作的区县' })
    setErrors({})
    const result = await routeWorker({ employmentType, platform: employmentType === 'platform' ? platform : undefined, district })
    if (!result.ok) return showError(result.error)
    setOptions(result.data.options)
  }

  function choose(option: RouteOption) {
    void Taro.navigateTo({
      url: pageUrl(JOIN_PAGES.form, {
        unionId: option.union.unionId,
        employmentType,
        platform: employmentType === 'platform' ? platform : undefined,
        district,
      }),
    })
  }

  return (
    <View className="page e2e-join-route-page">
      <View className="panel">
        <FormItem label="你的就业方式" e2e="e2e-route-employmentType">
          <Chips choices={TYPE_CHOICES} value={employmentType} onChange={setEmploymentType} e2e="e2e-route-employmentType" />
        </FormItem>
        {employmentType === 'platform' && (
          <FormItem label="接单平台" e2e="e2e-route-platform" error={errors.platform}>
            <Chips choices={asChoices(choices?.platforms ?? [])} value={platform} onChange={setPlatform} e2e="e2e-route-platform" keyBy="position" />
          </FormItem>
        )}
        <FormItem label="工作所在区县" e2e="e2e-route-district" error={errors.district}>
          <Chips choices={asChoices(choices?.districts ?? [])} value={district} onChange={setDistrict} e2e="e2e-route-district" keyBy="position" />
        </FormItem>
        <Button type="primary" block className="e2e-route-submit" onClick={() => void find()}>
          查找可以加入的工会
        </Button>
      </View>

      {options && options.length === 0 && (
        <View className="notice e2e-route-none">
          {district}暂时没有可直接加入的工会联合会。你可以搜索工会名称，或拨打职工服务热线 12351 咨询。
        </View>
      )}
      {options?.map((option, index) => (
        <UnionCard key={option.union.unionId} union={option.union} reason={option.reason} e2e={`e2e-route-option-${index}`}>
          <Button type="primary" size="small" className={`e2e-route-choose-${index}`} onClick={() => choose(option)}>
            申请加入
          </Button>
        </UnionCard>
      ))}
    </View>
  )
}

export default withTextSize(JoinRoutePage)
