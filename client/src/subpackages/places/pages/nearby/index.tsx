import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { ok } from '@shared/result'
import { formatDistance, verifiedText } from '@shared/rules/places'
import { PLACE_FACILITY_LABELS, PLACE_TYPE_LABELS, type PlaceFacility, type PlaceType } from '@shared/vocabulary'
import { getLocation } from '../../../../services/native'
import { fetchNearbyPlaces, fetchPlaceDistricts, type MapPoint, type NearbyPage, type PlaceSummary } from '../../../../services/places'
import { a11y } from '../../../../components/a11y'
import { Chips, MultiChips } from '../../../../components/Chips'
import { FormItem } from '../../../../components/Field'
import { Remote, RemoteList } from '../../../../components/Remote'
import { Toggle } from '../../../../components/Toggle'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useRemote } from '../../../../hooks/useRemote'
import { FACILITY_CHOICES, TYPE_CHOICES } from '../../components/labels'
import { PlaceMap } from '../../components/PlaceMap'
import { PLACE_PAGES, pageUrl, pointQuery } from '../../components/routes'
import { withTextSize } from '../../../../components/TextSize'
import '../../components/places.css'

/** Where the list is measured from: the person's position, or a district they picked after refusing it. */
type Origin = { kind: 'locating' } | { kind: 'here'; point: MapPoint } | { kind: 'refused'; district?: string }

interface Filters {
  type: PlaceType | 'all'
  facilities: PlaceFacility[]
  openNow: boolean
}

const TYPE_FILTER = [{ value: 'all' as const, label: '全部' }, ...TYPE_CHOICES]
const NO_PLACES: NearbyPage = { items: [], page: 1, pageSize: 20, total: 0, truncated: false }

/** 服务阵地: union service places near the person (map and list on weapp, list on H5), filtered. */
function NearbyPlacesPage() {
  const [origin, setOrigin] = useState<Origin>({ kind: 'locating' })
  const [filters, setFilters] = useState<Filters>({ type: 'all', facilities: [], openNow: false })
  const locating = useRef<Promise<Origin> | null>(null)

  function locate(): Promise<Origin> {
    locating.current = getLocation().then((outcome): Origin => {
      const next: Origin = outcome.ok ? { kind: 'here', point: { longitude: outcome.value.longitude, latitude: outcome.value.latitude } } : { kind: 'refused' }
      setOrigin(next)
      return next
    })
    return locating.current
  }

  const places = usePagedList<PlaceSummary, NearbyPage>(
    async (page) => {
      const where = origin.kind === 'locating' ? await (locating.current ?? locate()) : origin
      if (where.kind === 'refused' && !where.district) return ok(NO_PLACES)
      return fetchNearbyPlaces({
        page,
        ...(where.kind === 'here' ? { location: where.point } : { district: where.kind === 'refused' ? where.district : undefined }),
        types: filters.type === 'all' ? [] : [filters.type],
        facilities: filters.facilities,
        openNow: filters.openNow,
      })
    },
    // Locating does not change the question (the first load waits for it); a refusal, a district, or a
    // position found after 重新定位 does, and loads the list again.
    { key: JSON.stringify({ filters, district: origin.kind === 'refused' ? (origin.district ?? '') : null }) },
  )
  const districts = useRemote(fetchPlaceDistricts)
  const change = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }))
  const here = origin.kind === 'here' ? origin.point : undefined
  const open = (place: PlaceSummary) => void Taro.navigateTo({ url: pageUrl(PLACE_PAGES.detail, { placeId: place.placeId, ...pointQuery(here) }) })
  const shown = places.state.status === 'ready' ? places.state.data.items : []

  return (
    <View className="page e2e-places">
      {origin.kind === 'refused' && (
        <View className="panel e2e-places-district">
          <Text className="panel__title">选择区县</Text>
          <Text className="hint">没有获得您的位置。可以选一个区县查看那里的服务点，或允许使用位置后重新定位。</Text>
          <Remote state={districts.state} onRetry={() => void districts.reload()} rows={1}>
            {({ districts: list }) => (
              <Chips
                choices={list.map((item) => ({ value: item.district, label: `${item.district}（${item.count}）` }))}
                value={origin.district}
                onChange={(district) => setOrigin({ kind: 'refused', district })}
                e2e="e2e-places-district"
                keyBy="position"
              />
            )}
          </Remote>
          <Button className="tappable e2e-places-relocate" onClick={() => void locate()}>
            重新定位
          </Button>
        </View>
      )}

      <View className="panel">
        <FormItem label="类型" e2e="e2e-places-type">
          <Chips choices={TYPE_FILTER} value={filters.type} onChange={(type) => change({ type })} e2e="e2e-places-type" scroll />
        </FormItem>
        <FormItem label="需要的设施" e2e="e2e-places-facilities">
          <MultiChips choices={FACILITY_CHOICES} value={filters.facilities} onChange={(facilities) => change({ facilities })} e2e="e2e-places-facility" scroll />
        </FormItem>
        <Toggle checked={filters.openNow} onChange={(openNow) => change({ openNow })} e2e="e2e-places-openNow">
          <Text>只看营业中</Text>
        </Toggle>
      </View>

      {process.env.TARO_ENV === 'weapp' && shown.length > 0 && <PlaceMap places={shown} center={here ?? shown[0]!.location} showSelf={here !== undefined} onOpen={open} />}

      {places.state.status === 'ready' && places.state.data.truncated && <Text className="hint">附近的服务点很多，只列出最近的 200 个；可以加筛选条件。</Text>}
      <RemoteList list={places} empty={origin.kind === 'refused' && !origin.district ? '请选择一个区县' : '附近没有符合条件的服务点，可以减少筛选条件'}>
        {(place, index) => (
          <View key={place.placeId} className={`place-card e2e-place-${index}`} {...a11y('link', `${place.name}${place.distance === null ? '' : `，${formatDistance(place.distance)}`}，${place.openNow ? '营业中' : '休息中'}`)} onClick={() => open(place)}>
            <View className="place-card__head">
              <Text className="place-card__name e2e-place-name">{place.name}</Text>
              {place.distance !== null && <Text className="place-card__distance e2e-place-distance">{formatDistance(place.distance)}</Text>}
            </View>
            <Text className="place-card__meta">
              <Text className={`place-badge ${place.openNow ? 'place-badge--open' : 'place-badge--closed'} e2e-place-open`}>{place.openNow ? '营业中' : '休息中'}</Text>
              {place.todayHours} · {PLACE_TYPE_LABELS[place.type]}
            </Text>
            <Text className="place-card__meta">{place.address}</Text>
            <View className="place-tags">
              {place.facilities.map((facility) => (
                <Text key={facility} className="place-tag">
                  {PLACE_FACILITY_LABELS[facility]}
                </Text>
              ))}
            </View>
            <Text className="place-card__meta">
              {place.stale && <Text className="place-badge place-badge--stale">信息可能已过时</Text>}
              {verifiedText(place.verifiedDaysAgo)}
              {place.rating.average !== null ? ` · ${place.rating.average} 分（${place.rating.count} 人评价）` : ''}
            </Text>
          </View>
        )}
      </RemoteList>

      <View className="panel">
        <Text className="panel__title">没找到想去的地方？</Text>
        <View className="button-row">
          <Button className="tappable e2e-places-suggest" onClick={() => void Taro.navigateTo({ url: pageUrl(PLACE_PAGES.suggest, pointQuery(here)) })}>
            推荐新服务点
          </Button>
          <Button className="tappable e2e-places-mine" onClick={() => void Taro.navigateTo({ url: PLACE_PAGES.feedback })}>
            我的反馈
          </Button>
        </View>
      </View>
    </View>
  )
}

export default withTextSize(NearbyPlacesPage)
