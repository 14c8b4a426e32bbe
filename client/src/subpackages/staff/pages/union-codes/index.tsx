import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { showError } from '../../../../services/cloud'
import { fetchJoinCode, fetchServedUnions, type JoinCode, type ServedUnion } from '../../../../services/unions'
import './index.css'

/** The join QR code of each union the staff member serves, to save and print. */
export default function StaffUnionCodesPage() {
  const [unions, setUnions] = useState<{ items: ServedUnion[]; total: number; page: number } | null>(null)
  const [code, setCode] = useState<JoinCode | null>(null)

  async function load(page: number) {
    const result = await fetchServedUnions(page)
    if (!result.ok) return showError(result.error)
    setUnions({ items: page === 1 ? result.data.items : [...(unions?.items ?? []), ...result.data.items], total: result.data.total, page })
  }

  useDidShow(() => void load(1))

  async function show(union: ServedUnion) {
    const result = await fetchJoinCode(union.unionId)
    if (result.ok) setCode(result.data)
    else showError(result.error)
  }

  return (
    <View className="page e2e-staff-union-codes">
      {code && (
        <View className="union-code e2e-union-code">
          <Text className="union-code__name e2e-union-code-name">{code.unionName}</Text>
          {/* Long-press saves the image on both platforms (weapp: showMenuByLongpress; H5: the browser's menu). */}
          <Image className="union-code__image e2e-union-code-image" src={code.imageUrl} mode="aspectFit" showMenuByLongpress />
          <Text className="muted">长按图片保存，打印后张贴在单位、驿站或服务站。职工扫码即可进入入会申请，工会已自动选好。</Text>
          <Text className="muted">二维码内容：{code.scene}</Text>
        </View>
      )}
      {unions?.items.map((union, index) => (
        <View key={union.unionId} className={`staff-tool e2e-union-code-row-${index}`}>
          <Text className="staff-tool__title">{union.name}</Text>
          <Text className="staff-tool__summary muted">{union.refusal ?? (union.parentName ? `上级：${union.parentName}` : '')}</Text>
          {union.acceptsMembers && (
            <Button size="small" type="primary" className={`e2e-union-code-show-${index}`} onClick={() => void show(union)}>
              显示入会二维码
            </Button>
          )}
        </View>
      ))}
      {unions && unions.items.length < unions.total && (
        <Button block className="e2e-union-codes-more" onClick={() => void load(unions.page + 1)}>
          加载更多
        </Button>
      )}
    </View>
  )
}
