import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { checkInByCard, fetchActivity, fetchCheckInCode, type CheckInResult } from '../../../../../services/activities'
import { newRequestId, showError } from '../../../../../services/cloud'
import { CodeEntry } from '../../../components/CodeEntry'
import { withTextSize } from '../../../../../components/TextSize'
import './index.css'

interface EventCode {
  qrImage: string
  refreshAt: string
}

/**
 * Staff at the door: scan the member's card code (or type it) to check them in, or put the
 * activity's rotating code on a screen for members to scan themselves.
 */
function StaffCheckInPage() {
  const { params } = useRouter()
  const activityId = params.id ?? ''
  const [title, setTitle] = useState('')
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

  const checkIn = async (code: string) => {
    const outcome = await checkInByCard(activityId, code, newRequestId())
    if (!outcome.ok) {
      setResult(null)
      showError(outcome.error)
      return false
    }
    setResult(outcome.data)
    return true
  }

  return (
    <View className="page e2e-staff-checkin">
      <Text className="section-title">{title}</Text>
      <CodeEntry scanLabel="扫描会员码签到" submitLabel="签到" missing="请先扫描会员码" e2e="e2e-checkin" onCode={checkIn} />
      {result && (
        <View className={`verdict ${result.alreadyCheckedIn ? 'verdict--warning' : 'verdict--success'} e2e-checkin-result`}>
          <Text className="verdict__title e2e-checkin-verdict">{result.alreadyCheckedIn ? '已签到过' : '签到成功'}</Text>
          <Text className="e2e-checkin-name">{result.name}</Text>
          <Text>{result.memberNumber ? `会员号 ${result.memberNumber}` : '非会员'}</Text>
        </View>
      )}

      <View className="panel checkin-event">
        <Text className="panel__title">现场签到码</Text>
        <Text className="hint">放在入口的屏幕上，报名者在“我的活动”中扫码签到。签到码每分钟更换，截图转发无效。</Text>
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

export default withTextSize(StaffCheckInPage)
