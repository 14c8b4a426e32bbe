import { useRef, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { placesContract } from '@shared/contract/places'
import { ok } from '@shared/result'
import { MAX_PLACE_PHOTOS, PLACE_PHOTO_DIR, WEEKDAY_KEYS, WEEKDAY_LABELS } from '@shared/rules/places'
import { PLACE_FACILITIES, PLACE_FACILITY_LABELS, PLACE_TYPE_LABELS, PLACE_TYPES } from '@shared/vocabulary'
import { fieldMessages, newRequestId, showError } from '../../../../../services/cloud'
import { chooseLocation, chooseMedia, getLocation } from '../../../../../services/native'
import { fetchPlace, savePlace } from '../../../../../services/places'
import { fetchServedUnions } from '../../../../../services/unions'
import { uploadImage } from '../../../../../services/upload'
import { a11y, imageAlt } from '../../../../../components/a11y'
import { Chips, MultiChips } from '../../../../../components/Chips'
import { Field, FormItem } from '../../../../../components/Field'
import { Remote } from '../../../../../components/Remote'
import { Toggle } from '../../../../../components/Toggle'
import { useRemote } from '../../../../../hooks/useRemote'
import { queryValue } from '../../../../../components/staff-routes'
import { blankForm, dayPreview, formOf, toInput, type PlaceForm } from './form'
import { withTextSize } from '../../../../../components/TextSize'
import '../../../../../components/admin.css'

const TYPE_CHOICES = PLACE_TYPES.map((value) => ({ value, label: PLACE_TYPE_LABELS[value] }))
const FACILITY_CHOICES = PLACE_FACILITIES.map((value) => ({ value, label: PLACE_FACILITY_LABELS[value] }))

/** The error key of a contract issue: `hours.weekly.mon` for a day, otherwise the top field. */
function errorKey(path: readonly PropertyKey[]): string {
  return path[0] === 'hours' && path[1] === 'weekly' && path[2] !== undefined ? `hours.weekly.${String(path[2])}` : String(path[0] ?? '')
}

/** A place of the staff member's unions: a new one, or `placeId` as it is (what workers see on the map). */
function StaffPlaceEditPage() {
  const { params } = useRouter()
  const placeId = queryValue(params, 'placeId')
  const [form, setForm] = useState<PlaceForm | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [uploading, setUploading] = useState(false)
  const requestId = useRef<string | null>(null)

  // The unions the place may belong to, and the place itself; loaded once, so typing is never replaced.
  const loaded = useRemote(
    async () => {
      const unions = await fetchServedUnions(1)
      if (!unions.ok) return unions
      const place = placeId ? await fetchPlace(placeId) : null
      if (place && !place.ok) return place
      setForm((current) => current ?? (place ? formOf(place.data) : blankForm(unions.data.items[0]?.unionId ?? '')))
      return ok({ unions: unions.data.items, place: place?.data ?? null })
    },
    { everyShow: false },
  )

  const set = <K extends keyof PlaceForm>(key: K, value: PlaceForm[K]) => {
    requestId.current = null
    setForm((current) => (current ? { ...current, [key]: value } : current))
    setErrors((current) => ({ ...current, [key]: '' }))
  }

  async function takeCurrentPosition() {
    const outcome = await getLocation()
    if (!outcome.ok) return void Taro.showToast({ title: '没有获得位置，请填写经纬度', icon: 'none' })
    set('longitude', outcome.value.longitude.toFixed(6))
    set('latitude', outcome.value.latitude.toFixed(6))
  }

  async function pickOnMap(current: PlaceForm) {
    const near = Number(current.longitude) && Number(current.latitude) ? { longitude: Number(current.longitude), latitude: Number(current.latitude) } : undefined
    const outcome = await chooseLocation(near)
    if (!outcome.ok) return
    set('longitude', outcome.value.longitude.toFixed(6))
    set('latitude', outcome.value.latitude.toFixed(6))
    // The map's address fills an empty field only: what staff typed (which door, which floor) stays.
    if (current.address.trim() === '' && outcome.value.address) set('address', outcome.value.address)
  }

  async function addPhoto(current: PlaceForm) {
    const outcome = await chooseMedia({ count: MAX_PLACE_PHOTOS - current.photos.length })
    if (!outcome.ok) return
    setUploading(true)
    for (const file of outcome.value.tempFiles) {
      const uploaded = await uploadImage(file.tempFilePath, PLACE_PHOTO_DIR)
      if (!uploaded.ok) {
        void Taro.showToast({ title: uploaded.message, icon: 'none' })
        continue
      }
      requestId.current = null
      setForm((latest) => (latest ? { ...latest, photos: [...latest.photos, { fileId: uploaded.fileID, url: file.tempFilePath }] } : latest))
    }
    setUploading(false)
  }

  async function submit(current: PlaceForm) {
    const parsed = placesContract.save.input.safeParse(toInput(current, placeId))
    if (!parsed.success) {
      const messages: Record<string, string> = {}
      for (const issue of parsed.error.issues) messages[errorKey(issue.path)] ??= issue.message
      setErrors(messages)
      return void Taro.showToast({ title: '请按红字提示修改', icon: 'none' })
    }
    setBusy(true)
    requestId.current ??= newRequestId()
    const result = await savePlace(parsed.data, requestId.current)
    setBusy(false)
    if (!result.ok) {
      const messages: Record<string, string> = {}
      for (const field of result.error.fields ?? []) messages[errorKey(field.path.split('.'))] ??= field.message
      setErrors({ ...fieldMessages(result.error), ...messages })
      return showError(result.error)
    }
    void Taro.showToast({ title: placeId ? '已保存' : '已新建', icon: 'success' })
    void Taro.navigateBack()
  }

  const error = (key: string) => errors[key] || undefined

  return (
    <View className="page e2e-staff-place-edit">
      <Remote state={loaded.state} onRetry={() => void loaded.reload()} rows={8}>
        {({ unions }) =>
          !form ? null : (
            <View>
              <View className="panel">
                <Text className="panel__title">{placeId ? `编辑「${form.name}」` : '新建服务点'}</Text>
                <Text className="hint">职工在“服务阵地”里按位置、类型、设施和营业时间找到它。{placeId ? '保存不算核实；到现场看过请在列表里点“核实”。' : '新建即记为今天由您核实。'}</Text>
              </View>
              <View className="panel">
                <FormItem label="管理工会" e2e="e2e-place-form-unionId" error={error('unionId')}>
                  <Chips choices={unions.map((union) => ({ value: union.unionId, label: union.name }))} value={form.unionId} onChange={(value) => set('unionId', value)} e2e="e2e-place-form-union" keyBy="position" />
                </FormItem>
                <Field label="名称" e2e="e2e-place-form-name" value={form.name} onChange={(value) => set('name', value)} error={error('name')} placeholder="如 江南大道快递员爱心驿站" maxLength={40} />
                <FormItem label="类型" e2e="e2e-place-form-type" error={error('type')}>
                  <Chips choices={TYPE_CHOICES} value={form.type} onChange={(value) => set('type', value)} e2e="e2e-place-form-type" />
                </FormItem>
                <Field label="所在区县" e2e="e2e-place-form-district" value={form.district} onChange={(value) => set('district', value)} error={error('district')} placeholder="如 滨江区" maxLength={20} />
                <Field label="地址" e2e="e2e-place-form-address" value={form.address} onChange={(value) => set('address', value)} error={error('address')} placeholder="路名门牌，在哪栋楼、哪个门进" maxLength={100} />
                <Field label="经度" e2e="e2e-place-form-longitude" type="digit" value={form.longitude} onChange={(value) => set('longitude', value)} error={error('location')} placeholder="如 120.2103" maxLength={12} />
                <Field label="纬度" e2e="e2e-place-form-latitude" type="digit" value={form.latitude} onChange={(value) => set('latitude', value)} placeholder="如 30.2089" maxLength={12} />
                {process.env.TARO_ENV === 'weapp' && (
                  <Text className="admin-crumb e2e-place-form-map" {...a11y('button')} onClick={() => void pickOnMap(form)}>
                    在地图上选点
                  </Text>
                )}
                <Text className="admin-crumb e2e-place-form-here" {...a11y('button')} onClick={() => void takeCurrentPosition()}>
                  在服务点现场？使用我现在的位置
                </Text>
              </View>
              <View className="panel">
                <Text className="panel__title">开放时间</Text>
                <Toggle checked={form.always} onChange={(value) => set('always', value)} e2e="e2e-place-form-always" error={error('hours')}>
                  <Text>24 小时开放</Text>
                </Toggle>
                {!form.always &&
                  WEEKDAY_KEYS.map((day) => (
                    <Field
                      key={day}
                      label={WEEKDAY_LABELS[day]}
                      e2e={`e2e-place-form-${day}`}
                      value={form.days[day]}
                      onChange={(value) => set('days', { ...form.days, [day]: value })}
                      error={error(`hours.weekly.${day}`)}
                      hint={`如 08:00-12:00、14:00-18:00；空着为休息。现为：${dayPreview(form.days[day])}`}
                      maxLength={60}
                    />
                  ))}
              </View>
              <View className="panel">
                <FormItem label="设施" e2e="e2e-place-form-facilities" error={error('facilities')}>
                  <MultiChips choices={FACILITY_CHOICES} value={form.facilities} onChange={(value) => set('facilities', value)} e2e="e2e-place-form-facility" />
                </FormItem>
                <Field label="服务电话（选填）" e2e="e2e-place-form-phone" type="tel" value={form.phone} onChange={(value) => set('phone', value)} error={error('phone')} placeholder="如 0571-86690188 或 12351" maxLength={20} />
                <Field label="服务说明（选填）" e2e="e2e-place-form-description" multiline rows={3} maxLength={300} showCount value={form.description} onChange={(value) => set('description', value)} error={error('description')} />
                <FormItem label={`照片（最多 ${MAX_PLACE_PHOTOS} 张）`} e2e="e2e-place-form-photos" error={error('photos')}>
                  <View className="button-row">
                    {form.photos.map((photo, index) => (
                      <View key={photo.fileId} className="admin-row">
                        <Image className="admin-photo" src={photo.url} mode="aspectFill" {...imageAlt(`照片 ${index + 1}`)} />
                        <Text className="admin-crumb" {...a11y('button', `删除照片 ${index + 1}`)} onClick={() => set('photos', form.photos.filter((item) => item.fileId !== photo.fileId))}>
                          删除
                        </Text>
                      </View>
                    ))}
                    {form.photos.length < MAX_PLACE_PHOTOS && (
                      <Button className="tappable e2e-place-form-photo-add" loading={uploading} disabled={uploading} onClick={() => void addPhoto(form)}>
                        添加照片
                      </Button>
                    )}
                  </View>
                </FormItem>
              </View>
              <Button type="primary" block id="place-form-submit" className="tappable e2e-place-form-submit" loading={busy} disabled={busy || uploading} onClick={() => void submit(form)}>
                {placeId ? '保存' : '新建服务点'}
              </Button>
            </View>
          )
        }
      </Remote>
    </View>
  )
}

export default withTextSize(StaffPlaceEditPage)
