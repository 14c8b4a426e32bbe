import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CaseView } from '../../services/complaints'
import { a11y, imageAlt } from '../a11y'
import './index.css'

/** A case's evidence photos; tapping one opens the full-size viewer. URLs are temporary. */
export function EvidenceGrid({ evidence }: { evidence: CaseView['evidence'] }) {
  if (evidence.length === 0) return <View className="muted e2e-case-evidence-none">未上传证据图片</View>
  const urls = evidence.map((item) => item.url)
  return (
    <View className="evidence-grid e2e-case-evidence">
      {urls.map((url) => (
        <Image
          key={url}
          className="evidence-grid__image e2e-case-evidence-image"
          src={url}
          mode="aspectFill"
          {...imageAlt('证据照片，点按查看大图')}
          {...a11y('button')}
          onClick={() => void Taro.previewImage({ urls, current: url }).catch(() => undefined)}
        />
      ))}
    </View>
  )
}
