import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { placesContract } from '@shared/contract/places'
import { PLACE_FEEDBACK_TEMPLATE } from '@shared/subscribe-templates'
import type { PlaceFacility, PlaceType } from '@shared/vocabulary'
import { fieldMessages, newRequestId, showError } from '../../../../services/cloud'
import { chooseLocation, getLocation, requestSubscribeMessage } from '../../../../services/native'
import { suggestPlace, type MapPoint } from '../../../../services/places'
import { a11y } from '../../../../components/a11y'
import { Chips, MultiChips } from '../../../../components/Chips'
import { Field, FormItem } from '../../../../components/Field'
import { FACILITY_CHOICES, TYPE_CHOICES } from '../../components/labels'
import { PhotoField } from '../../components/PhotoField'
import { PLACE_PAGES, pointFromQuery } from '../../components/routes'
import { withTextSize } from '../../../../components/TextSize'
import '../../components/places.css'

interface Form {
  name: string
  type: PlaceType | undefined
  address: string
  district: string
  facilities: PlaceFacility[]
  note: string
}

/** 推荐新服务点: a place the map lacks goes to the district's union, which checks it and answers. */
function SuggestPlacePage() {
  const { params } = useRouter()
  const [form, setForm] = useState<Form>({ name: '', type: undefined, address: '', district: '', facilities: [], note: '' })
  const [location, setLocation] = useState<MapPoint | undefined>(pointFromQuery(params))
  const [photo, setPhoto] = useState<string | undefined>()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const requestId = useRef<string | null>(null)

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    requestId.current = null
    setForm((current) => ({ ...current, [key]: value }))
    setErrors((current) => ({ ...current, [key]: '' }))
  }

  async function takeCurrentPosition() {
    const outcome = await getLocation()
    if (outcome.ok) setLocation({ longitude: outcome.value.longitude, latitude: outcome.value.latitude })
    else void Taro.showToast({ title: '没有获得位置，请把地址写详细', icon: 'none' })
  }

  async function pickOnMap() {
    const outcome = await chooseLocation(location)
    if (!outcome.ok) return
    setLocation({ longitude: outcome.value.longitude, latitude: outcome.value.latitude })
    // The map's name and address fill empty fields only.
    if (form.name.trim() === '' && outcome.value.name) set('name', outcome.value.name)
    if (form.address.trim() === '' && outcome.value.address) set('address', outcome.value.address)
  }

  async function submit() {
    const input = {
      ...form,
      note: form.note.trim() || undefined,
      ...(location ? { location } : {}),
      ...(photo ? { photo } : {}),
    }
    const parsed = placesContract.suggest.input.safeParse(input)
    if (!parsed.success) {
      const messages: Record<string, string> = {}
      for (const issue of parsed.error.issues) messages[String(issue.path[0])] ??= issue.message
      setErrors(messages)
      return void Taro.showToast({ title: '请按红字提示修改', icon: 'none' })
    }
    await requestSubscribeMessage([PLACE_FEEDBACK_TEMPLATE])
    setBusy(true)
    requestId.current ??= newRequestId()
    const result = await suggestPlace(parsed.data, requestId.current)
    setBusy(false)
    if (!result.ok) {
      setErrors(fieldMessages(result.error))
      return showError(result.error)
    }
    void Taro.showToast({ title: '已提交，谢谢推荐', icon: 'success' })
    void Taro.redirectTo({ url: PLACE_PAGES.feedback })
  }

  return (
    <View className="page e2e-place-suggest">
      <View className="panel">
        <Text className="panel__title">推荐新服务点</Text>
        <Text className="hint">知道哪里可以喝水、充电、歇脚，地图上却没有？告诉工会，核实后会加到地图上。</Text>
      </View>
      <View className="panel">
        <Field label="名称" e2e="e2e-suggest-name" value={form.name} onChange={(value) => set('name', value)} error={errors.name} placeholder="如 浦沿街道社区服务中心" maxLength={40} />
        <FormItem label="类型" e2e="e2e-suggest-type" error={errors.type}>
          <Chips choices={TYPE_CHOICES} value={form.type} onChange={(value) => set('type', value)} e2e="e2e-suggest-type" />
        </FormItem>
        <Field label="所在区县" e2e="e2e-suggest-district" value={form.district} onChange={(value) => set('district', value)} error={errors.district} placeholder="如 滨江区" maxLength={20} />
        <Field label="地址" e2e="e2e-suggest-address" value={form.address} onChange={(value) => set('address', value)} error={errors.address} placeholder="路名、门牌号、在哪栋楼" maxLength={100} />
        <FormItem label="位置（选填）" e2e="e2e-suggest-location" error={errors.location}>
          {process.env.TARO_ENV === 'weapp' && (
            <Text className="place-link e2e-suggest-map" {...a11y('button')} onClick={() => void pickOnMap()}>
              在地图上选位置
            </Text>
          )}
          <Text className="place-link e2e-suggest-here" {...a11y('button')} onClick={() => void takeCurrentPosition()}>
            {location ? `已记录位置（${location.latitude.toFixed(4)}, ${location.longitude.toFixed(4)}），点此更新为当前位置` : '使用我现在的位置'}
          </Text>
        </FormItem>
        <FormItem label="有哪些设施（选填）" e2e="e2e-suggest-facilities" error={errors.facilities}>
          <MultiChips choices={FACILITY_CHOICES} value={form.facilities} onChange={(value) => set('facilities', value)} e2e="e2e-suggest-facility" />
        </FormItem>
        <Field label="补充说明（选填）" e2e="e2e-suggest-note" multiline rows={3} maxLength={200} showCount value={form.note} onChange={(value) => set('note', value)} error={errors.note} />
        <PhotoField
          e2e="e2e-suggest-photo"
          error={errors.photo}
          onChange={(fileId) => {
            requestId.current = null
            setPhoto(fileId)
          }}
        />
      </View>
      <Button type="primary" block id="suggest-submit" className="tappable e2e-suggest-submit" loading={busy} disabled={busy} onClick={() => void submit()}>
        提交推荐
      </Button>
    </View>
  )
}

export default withTextSize(SuggestPlacePage)
