import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { checkInByCard, fetchActivity, fetchCheckInCode, type CheckInResult } from '../../../../../services/activities'
import { newRequestId, showError } from '../../../../../services/cloud'
import { scanCode } from '../../../../../services/native'
import '../components/activities.css'
import './index.css'

interface EventCode {
  qrImage: string
  refreshAt: string
}

/**
 * Staff at the door: scan the member's card code (or type it) to check them in, or put the
 * activity's rotating code on a screen for members to scan themselves.
 */
export default function StaffCheckInPage() {
  const { params } = useRouter()
  const activityId = params.id ?? ''
  const [title, setTitle] = useState('')
  const [code, setCode] = useState('')
  const [result, setResult] = useState<CheckInResult | null>(null)
  const [eventCode, setEventCode] = useState<EventCode | null>(null)
  const [showing, setShowing] = useState(false)

  useDidShow(() => {
    void fetchActivity(activityId).then((detail) => detail.ok && setTitle(detail.data.title))
  })

  // The event code rotates: fetch the next one just after the current one's window ends.
  useEffect(() => {
    if (!showing) return
    let timer: ReturnType<typeof setTimeout> | undefined
    let stopped = false
    const refresh = async () => {
      const next = await fetchCheckInCode(activityId)
      if (stopped) return
      if (!next.ok) {
        setShowing(false)
        return showError(next.error)
      }
      setEventCode(next.data)
      timer = setTimeout(() => void refresh(), Math.max(1000, new Date(next.data.refreshAt).getTime() - Date.now() + 500))
    }
    void refresh()
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
    }
  }, [showing, activityId])

  const checkIn = async (value: string) => {
    if (value.trim() === '') return void Taro.showToast({ title: '请先扫描会员码', icon: 'none' })
    const outcome = await checkInByCard(activityId, value.trim(), newRequestId())
    if (!outcome.ok) {
      setResult(null)
      return showError(outcome.error)
    }
    setResult(outcome.data)
    setCode('')
  }

  const scan = async () => {
    const scanned = await scanCode({ onlyFromCamera: true })
    if (!scanned.ok) {
      if (!scanned.cancelled) void Taro.showToast({ title: '扫码失败，请重试', icon: 'none' })
      return
    }
    await checkIn(scanned.value.result)
  }

  return (
    <View className="page e2e-staff-checkin">
      <Text className="section-title">{title}</Text>
      <Button type="primary" block className="e2e-checkin-scan" onClick={() => void scan()}>
        扫描会员码签到
      </Button>
      <View className="checkin-manual">
        <Input className="checkin-input e2e-checkin-code" value={code} placeholder="或粘贴会员码" onChange={(value: string) => setCode(value)} />
        <Button className="e2e-checkin-submit" onClick={() => void checkIn(code)}>
          签到
        </Button>
      </View>
      {result && (
        <View className={`checkin-result ${result.alreadyCheckedIn ? 'checkin-result--again' : ''} e2e-checkin-result`}>
          <Text className="checkin-result__title e2e-checkin-verdict">{result.alreadyCheckedIn ? '已签到过' : '签到成功'}</Text>
          <Text className="e2e-checkin-name">{result.name}</Text>
          <Text>{result.memberNumber ? `会员号 ${result.memberNumber}` : '非会员'}</Text>
        </View>
      )}

      <View className="act-panel checkin-event">
        <Text className="act-panel__title">现场签到码</Text>
        <Text className="act-hint">放在入口的屏幕上，报名者在“我的活动”中扫码签到。签到码每分钟更换，截图转发无效。</Text>
        {showing && eventCode ? (
          <>
            <Image className="checkin-event__qr e2e-checkin-event-code" src={eventCode.qrImage} mode="aspectFit" />
            <Button block className="e2e-checkin-event-hide" onClick={() => setShowing(false)}>
              收起
            </Button>
          </>
        ) : (
          <Button block className="e2e-checkin-event-show" onClick={() => setShowing(true)}>
            显示现场签到码
          </Button>
        )}
      </View>
    </View>
  )
}
