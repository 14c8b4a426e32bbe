import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { placesContract } from '@shared/contract/places'
import type { PlaceReportKind } from '@shared/rules/places'
import { PLACE_FEEDBACK_TEMPLATE } from '@shared/subscribe-templates'
import type { PlaceFacility } from '@shared/vocabulary'
import { fieldMessages, newRequestId, showError } from '../../../../services/cloud'
import { chooseLocation, getLocation, requestSubscribeMessage } from '../../../../services/native'
import { reportPlace, type MapPoint } from '../../../../services/places'
import { a11y } from '../../../../components/a11y'
import { Chips } from '../../../../components/Chips'
import { Field, FormItem } from '../../../../components/Field'
import { FACILITY_CHOICES, REPORT_CHOICES } from '../../components/labels'
import { PhotoField } from '../../components/PhotoField'
import { PLACE_PAGES, queryValue } from '../../components/routes'
import { withTextSize } from '../../../../components/TextSize'
import '../../components/places.css'

/** 报告问题: the place is closed, has moved, a facility is broken, or something else; the union is told and answers. */
function ReportPlacePage() {
  const { params } = useRouter()
  const placeId = queryValue(params, 'placeId') ?? ''
  const name = queryValue(params, 'name') ?? '服务点'
  const [kind, setKind] = useState<PlaceReportKind | undefined>()
  const [facility, setFacility] = useState<PlaceFacility | undefined>()
  const [note, setNote] = useState('')
  const [photo, setPhoto] = useState<string | undefined>()
  const [location, setLocation] = useState<MapPoint | undefined>()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const requestId = useRef<string | null>(null)
  const touched = () => {
    requestId.current = null
  }

  async function takeCurrentPosition() {
    const outcome = await getLocation()
    if (outcome.ok) setLocation({ longitude: outcome.value.longitude, latitude: outcome.value.latitude })
    else void Taro.showToast({ title: '没有获得位置，可以在说明里写清楚新地址', icon: 'none' })
  }

  async function pickOnMap() {
    const outcome = await chooseLocation(location)
    if (outcome.ok) setLocation({ longitude: outcome.value.longitude, latitude: outcome.value.latitude })
  }

  async function submit() {
    const input = {
      placeId,
      kind,
      ...(kind === 'facility_broken' && facility ? { facility } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(photo ? { photo } : {}),
      ...(kind === 'moved' && location ? { location } : {}),
    }
    const parsed = placesContract.report.input.safeParse(input)
    if (!parsed.success) {
      const messages: Record<string, string> = {}
      for (const issue of parsed.error.issues) messages[String(issue.path[0])] ??= issue.message
      return setErrors(messages)
    }
    // Asked inside the tap, as WeChat requires; declining changes nothing about the report.
    await requestSubscribeMessage([PLACE_FEEDBACK_TEMPLATE])
    setBusy(true)
    requestId.current ??= newRequestId()
    const result = await reportPlace(parsed.data, requestId.current)
    setBusy(false)
    if (!result.ok) {
      setErrors(fieldMessages(result.error))
      return showError(result.error)
    }
    void Taro.showToast({ title: '已提交，谢谢', icon: 'success' })
    void Taro.redirectTo({ url: PLACE_PAGES.feedback })
  }

  return (
    <View className="page e2e-place-report-form">
      <View className="panel">
        <Text className="panel__title">报告「{name}」的问题</Text>
        <Text className="hint">工会收到后会去核实并回复您；处理结果会通过微信通知，也可以在“我的反馈”里查看。</Text>
      </View>
      <View className="panel">
        <FormItem label="遇到了什么问题" e2e="e2e-report-kind" error={errors.kind}>
          <Chips
            choices={REPORT_CHOICES}
            value={kind}
            onChange={(value) => {
              touched()
              setKind(value)
              setErrors({})
            }}
            e2e="e2e-report-kind"
          />
        </FormItem>
        {kind === 'facility_broken' && (
          <FormItem label="哪项设施坏了" e2e="e2e-report-facility" error={errors.facility}>
            <Chips
              choices={FACILITY_CHOICES}
              value={facility}
              onChange={(value) => {
                touched()
                setFacility(value)
              }}
              e2e="e2e-report-facility"
            />
          </FormItem>
        )}
        {kind === 'moved' && (
          <FormItem label="现在的位置（选填）" e2e="e2e-report-location" error={errors.location} hint="在地图上选出新位置；如果您就在新位置，也可以直接使用当前位置">
            {process.env.TARO_ENV === 'weapp' && (
              <Text className="place-link e2e-report-map" {...a11y('button')} onClick={() => void pickOnMap()}>
                在地图上选位置
              </Text>
            )}
            <Text className="place-link e2e-report-here" {...a11y('button')} onClick={() => void takeCurrentPosition()}>
              {location ? `已记录当前位置（${location.latitude.toFixed(4)}, ${location.longitude.toFixed(4)}）` : '使用我现在的位置'}
            </Text>
          </FormItem>
        )}
        <Field
          label={kind === 'other' ? '问题说明' : '问题说明（选填）'}
          e2e="e2e-report-note"
          multiline
          rows={3}
          maxLength={200}
          showCount
          value={note}
          onChange={(value) => {
            touched()
            setNote(value)
          }}
          error={errors.note}
          placeholder="如：晚上 9 点来门是锁的，门口没有告示"
        />
        <PhotoField
          e2e="e2e-report-photo"
          error={errors.photo}
          onChange={(fileId) => {
            touched()
            setPhoto(fileId)
          }}
        />
      </View>
      <Button type="primary" block id="report-submit" className="tappable e2e-report-submit" loading={busy} disabled={busy} onClick={() => void submit()}>
        提交
      </Button>
    </View>
  )
}

export default withTextSize(ReportPlacePage)
