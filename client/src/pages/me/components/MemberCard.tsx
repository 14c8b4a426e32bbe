import { useCallback, useEffect, useRef, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { imageAlt } from '../../../components/a11y'
import { fetchMemberCard, type MemberCardData } from '../../../services/membership'
import './MemberCard.css'

/** Fetch the next code this long before the shown one rotates, so the QR never shows a stale code. */
const REFRESH_EARLY_MS = 3000
const RETRY_MS = 5000

/**
 * The electronic member card on 我的: name, union, member number, join date and a QR code that the
 * server re-issues every window. The timer runs only while the page is shown.
 */
export function MemberCard() {
  const [card, setCard] = useState<MemberCardData | null>(null)
  const [failed, setFailed] = useState<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const stop = useCallback(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }, [])

  const load = useCallback(async () => {
    stop()
    const result = await fetchMemberCard()
    if (result.ok) {
      setCard(result.data)
      setFailed(null)
    } else {
      setFailed(result.error.message)
    }
    const wait = result.ok ? Math.max(1000, Date.parse(result.data.refreshAt) - Date.now() - REFRESH_EARLY_MS) : RETRY_MS
    timer.current = setTimeout(() => void load(), wait)
  }, [stop])

  useEffect(() => {
    void load()
    return stop
  }, [load, stop])
  useDidShow(() => void load())
  useDidHide(stop)

  return (
    <View className="member-card e2e-member-card">
      <View className="member-card__head">
        <Text className="member-card__title">电子会员卡</Text>
        <Text className="member-card__union e2e-member-card-union">{card?.unionName ?? ''}</Text>
      </View>
      <View className="member-card__body">
        <View className="member-card__facts">
          <Text className="member-card__name e2e-member-card-name">{card?.name ?? ''}</Text>
          <Text className="member-card__line">
            会员号 <Text className="e2e-member-card-number">{card?.memberNumber ?? ''}</Text>
          </Text>
          <Text className="member-card__line">入会日期 {card ? card.joinedAt.slice(0, 10) : ''}</Text>
        </View>
        {card && (
          // The white frame is its own view: padding on the Image itself pushed H5's img past its right edge, cut off.
          <View className="member-card__qr">
            <Image className="member-card__qr-image e2e-member-card-qr" src={card.qrImage} mode="aspectFit" {...imageAlt('会员二维码，出示给工作人员扫描')} />
          </View>
        )}
      </View>
      <Text className="member-card__note">{failed ?? '二维码每 30 秒自动更新，截图无效；活动签到时出示给工作人员扫描'}</Text>
    </View>
  )
}
