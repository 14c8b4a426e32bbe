import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { sceneFromQuery, sceneFromScan } from '@shared/rules/scene'
import { isInviteScene } from '@shared/rules/staff'
import { fetchMyMembership, type MyMembership } from '../../../../services/membership'
import { scanOrNotify } from '../../../../services/native'
import { resolveScene, type UnionSummary } from '../../../../services/unions'
import { JOIN_PAGES, pageUrl } from '../../components/routes'
import { UnionCard } from '../../components/UnionCard'
import { a11y } from '../../../../components/a11y'
import { withTextSize } from '../../../../components/TextSize'
import '../../components/join.css'

type Entry = { state: 'choose' } | { state: 'resolving' } | { state: 'refused'; union: UnionSummary } | { state: 'unknown'; message: string }

/** Where an invitation's mini program code opens (the staff function's INVITATION_PAGE). */
const INVITATION_PAGE = '/subpackages/staff/pages/invitation/index'

const NOT_A_JOIN_CODE = '这不是工会的入会二维码。你可以搜索工会名称，或按平台和所在区县查找'

/**
 * Where joining starts: opened by a union's QR code (`scene` in the query) it goes straight to the
 * form with that union; otherwise it offers scanning, routing for gig workers, and search.
 */
function JoinStartPage() {
  const { params } = useRouter()
  const launchScene = sceneFromQuery(params)
  const [entry, setEntry] = useState<Entry>(launchScene ? { state: 'resolving' } : { state: 'choose' })
  const [mine, setMine] = useState<MyMembership | null>(null)

  const open = useCallback(async (scene: string, how: 'redirect' | 'navigate') => {
    setEntry({ state: 'resolving' })
    const result = await resolveScene(scene)
    if (!result.ok) return setEntry({ state: 'unknown', message: result.error.message })
    const { union } = result.data
    if (!union.acceptsMembers) return setEntry({ state: 'refused', union })
    const url = pageUrl(JOIN_PAGES.form, { unionId: union.unionId, district: union.district ?? undefined })
    if (how === 'redirect') void Taro.redirectTo({ url })
    else {
      setEntry({ state: 'choose' })
      void Taro.navigateTo({ url })
    }
  }, [])

  useEffect(() => {
    if (launchScene) void open(launchScene, 'redirect')
  }, [launchScene, open])

  useDidShow(() => {
    void fetchMyMembership().then((result) => setMine(result.ok ? result.data : null))
  })

  async function scan() {
    const scanned = await scanOrNotify()
    if (!scanned) return
    const scene = sceneFromScan(scanned)
    if (!scene) return setEntry({ state: 'unknown', message: NOT_A_JOIN_CODE })
    // A staff invitation scanned here goes to where its own code lands.
    if (isInviteScene(scene)) return void Taro.navigateTo({ url: pageUrl(INVITATION_PAGE, { scene }) })
    await open(scene, 'navigate')
  }

  if (entry.state === 'resolving') return <View className="page e2e-join-start muted">正在识别二维码…</View>

  const existing = mine?.membership
    ? `你已是「${mine.membership.unionName}」的会员`
    : mine?.application?.status === 'pending'
      ? '你有一份入会申请正在审核'
      : null

  return (
    <View className="page e2e-join-start">
      {existing && (
        <View className="notice e2e-join-existing" {...a11y('link')} onClick={() => Taro.navigateTo({ url: JOIN_PAGES.status })}>
          {existing}，点此查看 ›
        </View>
      )}
      {entry.state === 'refused' && (
        <UnionCard union={entry.union} e2e="e2e-join-refused" />
      )}
      {entry.state === 'unknown' && <View className="notice e2e-join-unknown">{entry.message}</View>}

      <View className="panel">
        <Text className="join-title">加入工会</Text>
        <Text className="hint">
          入会后可以享受工会的维权帮助、困难帮扶、技能培训和文体活动。职工请扫所在单位工会的二维码；快递员、外卖骑手、网约车和货车司机等新就业形态劳动者，可以按平台和所在区县找到对应的工会。
        </Text>
        <View className="actions">
          <Button type="primary" block className="e2e-join-scan" onClick={() => void scan()}>
            扫一扫工会入会二维码
          </Button>
          <Button block className="e2e-join-route" onClick={() => Taro.navigateTo({ url: JOIN_PAGES.route })}>
            按平台和区县找工会
          </Button>
          <Button block className="e2e-join-search" onClick={() => Taro.navigateTo({ url: JOIN_PAGES.search })}>
            搜索工会名称
          </Button>
        </View>
      </View>
    </View>
  )
}

export default withTextSize(JoinStartPage)
