import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { chinaDay, formatFullDate, inChina } from '@shared/rules/china-time'
import { formatDay, formatDistance, verifiedText, WEEKDAY_KEYS, WEEKDAY_LABELS } from '@shared/rules/places'
import { PLACE_FACILITY_LABELS, PLACE_TYPE_LABELS } from '@shared/vocabulary'
import { makePhoneCall, openLocation } from '../../../../services/native'
import { fetchPlace, type PlaceDetail } from '../../../../services/places'
import { a11y, imageAlt } from '../../../../components/a11y'
import { InfoRow } from '../../../../components/InfoRow'
import { Remote } from '../../../../components/Remote'
import { useRemote } from '../../../../hooks/useRemote'
import { PLACE_PAGES, pageUrl, pointFromQuery, pointQuery, queryValue } from '../../components/routes'
import { RateBox } from './components/RateBox'
import { withTextSize } from '../../../../components/TextSize'
import '../../components/places.css'

/** The staff page that edits a place (in the staff subpackage: linked, never imported). */
const STAFF_EDIT_PAGE = '/subpackages/places-staff/pages/places/edit/index'

function Hours({ place }: { place: PlaceDetail }) {
  if (place.hours.always) return <Text className="e2e-place-hours">24 小时开放</Text>
  const weekly = place.hours.weekly
  const today = WEEKDAY_KEYS[(inChina(new Date()).day() + 6) % 7]
  return (
    <View className="e2e-place-hours">
      {WEEKDAY_KEYS.map((day) => (
        <View key={day} className={`place-hours-row${day === today ? ' place-hours-row--today' : ''}`}>
          <Text>
            {WEEKDAY_LABELS[day]}
            {day === today ? '（今天）' : ''}
          </Text>
          <Text>{formatDay(weekly[day])}</Text>
        </View>
      ))}
    </View>
  )
}

async function navigate(place: PlaceDetail) {
  const outcome = await openLocation({ ...place.location, name: place.name, address: place.address })
  if (!outcome.ok && !outcome.cancelled) void Taro.showToast({ title: '无法打开地图，请复制地址导航', icon: 'none' })
}

/** One place: how to get there, when it is open, what it offers, when it was checked, ratings; report and rate. */
function PlaceDetailPage() {
  const { params } = useRouter()
  const placeId = queryValue(params, 'placeId') ?? ''
  const here = pointFromQuery(params)
  const remote = useRemote(() => fetchPlace(placeId, here))

  return (
    <View className="page e2e-place">
      <Remote state={remote.state} onRetry={() => void remote.reload()} rows={6}>
        {(place) => (
          <View>
            <View className="panel">
              <Text className="panel__title e2e-place-name">{place.name}</Text>
              <Text className="place-card__meta">
                <Text className={`place-badge ${place.openNow ? 'place-badge--open' : 'place-badge--closed'} e2e-place-open`}>{place.openNow ? '营业中' : '休息中'}</Text>
                {place.todayHours} · {PLACE_TYPE_LABELS[place.type]}
                {place.distance !== null ? ` · ${formatDistance(place.distance)}` : ''}
              </Text>
              {place.status === 'retired' && <Text className="notice e2e-place-retired">已停用：{place.retiredReason}</Text>}
              {place.stale && <Text className="notice e2e-place-stale">这个服务点很久没有核实，信息可能已过时，出发前最好先打电话确认。</Text>}
              <View className="button-row">
                <Button type="primary" className="tappable e2e-place-navigate" onClick={() => void navigate(place)}>
                  导航
                </Button>
                {place.phone && (
                  <Button className="tappable e2e-place-call" onClick={() => void makePhoneCall(place.phone!)}>
                    打电话
                  </Button>
                )}
                <Button className="tappable e2e-place-report" onClick={() => void Taro.navigateTo({ url: pageUrl(PLACE_PAGES.report, { placeId: place.placeId, name: place.name, ...pointQuery(here) }) })}>
                  报告问题
                </Button>
              </View>
            </View>

            <View className="panel">
              <InfoRow label="地址" e2e="e2e-place-address">
                {place.address}
              </InfoRow>
              {place.phone && (
                <InfoRow label="电话" e2e="e2e-place-phone">
                  {place.phone}
                </InfoRow>
              )}
              <InfoRow label="管理工会">{place.unionName}</InfoRow>
              <InfoRow label="核实" e2e="e2e-place-verified">
                {verifiedText(place.verifiedDaysAgo)}（{formatFullDate(chinaDay(place.verifiedAt))}
                {place.verifiedBy ? `，${place.verifiedBy.unionName} ${place.verifiedBy.name}` : ''}）
              </InfoRow>
              {place.description && <Text className="hint">{place.description}</Text>}
            </View>

            <View className="panel">
              <Text className="panel__title">开放时间</Text>
              <Hours place={place} />
            </View>

            <View className="panel">
              <Text className="panel__title">设施</Text>
              <View className="place-tags e2e-place-facilities">
                {place.facilities.length === 0 ? (
                  <Text className="hint">未登记设施</Text>
                ) : (
                  place.facilities.map((facility) => (
                    <Text key={facility} className="place-tag">
                      {PLACE_FACILITY_LABELS[facility]}
                    </Text>
                  ))
                )}
              </View>
            </View>

            {place.photos.length > 0 && (
              <View className="panel">
                <Text className="panel__title">照片</Text>
                <View className="place-photos e2e-place-photos">
                  {place.photos.map((photo, index) => (
                    <Image
                      key={photo.fileId}
                      className="place-photo"
                      src={photo.url}
                      mode="aspectFill"
                      {...imageAlt(`${place.name}的照片 ${index + 1}`)}
                      onClick={() => void Taro.previewImage({ urls: place.photos.map((item) => item.url), current: photo.url }).catch(() => undefined)}
                    />
                  ))}
                </View>
              </View>
            )}

            <View className="panel">
              <Text className="panel__title">
                评价{place.rating.average !== null ? <Text className="e2e-place-rating">（{place.rating.average} 分，{place.rating.count} 人）</Text> : ''}
              </Text>
              <RateBox place={place} onRated={() => void remote.refresh()} />
              {place.recentRatings.map((rating, index) => (
                <View key={`${rating.at}-${index}`} className="place-rating">
                  <Text>{'★'.repeat(rating.score)}</Text>
                  {rating.comment && <Text>{rating.comment}</Text>}
                  <Text className="muted">{formatFullDate(chinaDay(rating.at))}</Text>
                </View>
              ))}
            </View>

            {place.canManage && (
              <View className="panel">
                <Text className="hint">您是管理这个服务点的工会工作人员。</Text>
                <Text className="place-link e2e-place-manage" {...a11y('link')} onClick={() => void Taro.navigateTo({ url: pageUrl(STAFF_EDIT_PAGE, { placeId: place.placeId }) })}>
                  编辑、核实或停用 ›
                </Text>
              </View>
            )}
          </View>
        )}
      </Remote>
    </View>
  )
}

export default withTextSize(PlaceDetailPage)
