import { Text, View } from '@tarojs/components'
import { Toggle } from '../../../components/Toggle'
import { setTextSizeChoice, useLargeText } from '../../../services/text-size'

/** 长辈模式 in 我的: on or off for this phone; until the person touches it, the phone's font size decides. */
export function TextSizeSwitch() {
  const on = useLargeText()
  return (
    <View className="panel me__text-size">
      <Toggle checked={on} onChange={(checked) => setTextSizeChoice(checked ? 'large' : 'standard')} e2e="e2e-me-large-text">
        <Text>长辈模式（大字）</Text>
        <Text className="hint">文字放大 1.3 倍。默认跟随微信（或浏览器）的字体大小设置，改过后以这里为准，只对本机有效。</Text>
      </Toggle>
    </View>
  )
}
