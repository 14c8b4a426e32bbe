import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { showError } from '../../../../services/cloud'
import { fetchJoinCode, fetchServedUnions, type JoinCode, type ServedUnion } from '../../../../services/unions'
import { imageAlt } from '../../../../components/a11y'
import { RemoteList } from '../../../../components/Remote'
import { usePagedList } from '../../../../hooks/usePagedList'
import { withTextSize } from '../../../../components/TextSize'
import './index.css'

/** The join QR code of each union the staff member serves, to save and print. */
function StaffUnionCodesPage() {
  const unions = usePagedList<ServedUnion>(fetchServedUnions)
  const [code, setCode] = useState<JoinCode | null>(null)

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
          <Image className="union-code__image e2e-union-code-image" src={code.imageUrl} mode="aspectFit" showMenuByLongpress {...imageAlt(`「${code.unionName}」的入会二维码`)} />
          <Text className="muted">长按图片保存，打印后张贴在单位、驿站或服务站。职工扫码即可进入入会申请，工会已自动选好。</Text>
          <Text className="muted">二维码内容：{code.scene}</Text>
        </View>
      )}
      <RemoteList list={unions} empty="没有你服务的工会">
        {(union, index) => (
          <View key={union.unionId} className={`list-link e2e-union-code-row-${index}`}>
            <Text className="list-link__title">{union.name}</Text>
            <Text className="muted">{union.refusal ?? (union.parentName ? `上级：${union.parentName}` : '')}</Text>
            {union.acceptsMembers && (
              <Button size="small" type="primary" className={`union-code__show e2e-union-code-show-${index}`} onClick={() => void show(union)}>
                显示入会二维码
              </Button>
            )}
          </View>
        )}
      </RemoteList>
    </View>
  )
}

export default withTextSize(StaffUnionCodesPage)
