import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { verifiedText } from '@shared/rules/places'
import { PLACE_TYPE_LABELS } from '@shared/vocabulary'
import { newRequestId, showError } from '../../../../../services/cloud'
import { fetchManagedPlaces, retirePlace, verifyPlace, type PlaceSummary } from '../../../../../services/places'
import { Chips } from '../../../../../components/Chips'
import { Field } from '../../../../../components/Field'
import { RemoteList } from '../../../../../components/Remote'
import { usePagedList } from '../../../../../hooks/usePagedList'
import { ConfirmBar } from '../../../../../components/ConfirmBar'
import { pageUrl, STAFF_PAGES } from '../../../../../components/staff-routes'
import { withTextSize } from '../../../../../components/TextSize'
import '../../../../../components/admin.css'

const STATUS_TABS = [
  { value: 'active' as const, label: '在用' },
  { value: 'retired' as const, label: '已停用' },
]

/** 服务阵地 for staff: their unions' places, least recently verified first, with 编辑, 核实 and 停用. */
function StaffPlacesPage() {
  const [status, setStatus] = useState<'active' | 'retired'>('active')
  const places = usePagedList<PlaceSummary>((page) => fetchManagedPlaces(status, page), { key: status })
  const [retiring, setRetiring] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  async function verify(place: PlaceSummary) {
    setBusy(true)
    const result = await verifyPlace(place.placeId, newRequestId())
    setBusy(false)
    if (!result.ok) return showError(result.error)
    void Taro.showToast({ title: '已核实', icon: 'success' })
    await places.refresh()
  }

  async function retire(place: PlaceSummary) {
    setBusy(true)
    const result = await retirePlace(place.placeId, reason.trim(), newRequestId())
    setBusy(false)
    if (!result.ok) {
      setReasonError(result.error.fields?.[0]?.message ?? result.error.message)
      return
    }
    setRetiring(null)
    setReason('')
    void Taro.showToast({ title: '已停用', icon: 'success' })
    await places.refresh()
  }

  return (
    <View className="page e2e-staff-places">
      <View className="panel">
        <Text className="panel__title">服务阵地</Text>
        <Text className="hint">职工在地图上看到的是这里的信息。很久没核实的排在前面：到现场看过后点“核实”，职工会看到“核实于 N 天前”。</Text>
        <View className="button-row">
          <Button type="primary" className="tappable e2e-staff-place-new" onClick={() => void Taro.navigateTo({ url: STAFF_PAGES.placeEdit })}>
            新建服务点
          </Button>
          <Button className="tappable e2e-staff-place-queue" onClick={() => void Taro.navigateTo({ url: STAFF_PAGES.placeQueue })}>
            职工反馈
          </Button>
        </View>
      </View>
      <Chips choices={STATUS_TABS} value={status} onChange={setStatus} e2e="e2e-staff-places-tab" />
      <RemoteList list={places} empty={status === 'active' ? '还没有服务点，点“新建服务点”添加' : '没有停用的服务点'}>
        {(place, index) => (
          <View key={place.placeId} className={`admin-row e2e-staff-place-${index}${place.status === 'retired' ? ' admin-row--retired' : ''}`}>
            <Text className="admin-row__title e2e-staff-place-name">
              {place.name}
              {place.stale && <Text className="admin-tag">待核实</Text>}
            </Text>
            <Text className="admin-row__meta">
              {[PLACE_TYPE_LABELS[place.type], place.unionName, place.district, place.todayHours].join(' · ')}
            </Text>
            <Text className="admin-row__meta e2e-staff-place-verified">{verifiedText(place.verifiedDaysAgo)}</Text>
            <View className="button-row">
              <Button className="tappable e2e-staff-place-edit" onClick={() => void Taro.navigateTo({ url: pageUrl(STAFF_PAGES.placeEdit, { placeId: place.placeId }) })}>
                编辑
              </Button>
              {place.status === 'active' && (
                <>
                  <Button className="tappable e2e-staff-place-verify" disabled={busy} onClick={() => void verify(place)}>
                    核实
                  </Button>
                  <Button className="tappable e2e-staff-place-retire" onClick={() => setRetiring(retiring === place.placeId ? null : place.placeId)}>
                    停用
                  </Button>
                </>
              )}
            </View>
            {retiring === place.placeId && (
              <View>
                <Field label="停用原因" e2e="e2e-staff-place-reason" value={reason} onChange={(value) => setReason(value)} error={reasonError} placeholder="如 所在网点已关闭" maxLength={100} />
                <ConfirmBar
                  question={`停用「${place.name}」？职工将在地图上看不到它；记录、评价和反馈都会保留，您在“已停用”里仍能看到。`}
                  confirmLabel="确认停用"
                  busy={busy}
                  e2e="e2e-staff-place-retire"
                  onConfirm={() => void retire(place)}
                  onCancel={() => setRetiring(null)}
                />
              </View>
            )}
          </View>
        )}
      </RemoteList>
    </View>
  )
}

export default withTextSize(StaffPlacesPage)
