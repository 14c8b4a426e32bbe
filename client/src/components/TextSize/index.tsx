import type { ComponentType } from 'react'
import { View } from '@tarojs/components'
import { useLargeText } from '../../services/text-size'

/**
 * Every page's default export goes through this, so 长辈模式 reaches it. On weapp the `page` node
 * takes no class from script, so the page is wrapped in a view that sets --font-scale (theme.css
 * declares the font sizes again on .text-scale). H5 needs nothing: the class is on <html>.
 */
export function withTextSize<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  if (process.env.TARO_ENV === 'h5') return Page
  function TextSizePage(props: P) {
    const large = useLargeText()
    return (
      <View className={`text-scale${large ? ' large-text e2e-large-text' : ''}`}>
        <Page {...props} />
      </View>
    )
  }
  TextSizePage.displayName = `withTextSize(${Page.displayName ?? Page.name})`
  return TextSizePage
}
