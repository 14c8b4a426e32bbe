import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { a11y } from '../a11y'
import './index.css'

export interface PageLink {
  /** A code for the selector: the entry gets `<e2e>-<key>`. */
  key: string
  title: string
  summary?: string
  url: string
  /** A tab page, which only switchTab can reach. */
  tab?: boolean
}

/** Entries that each open a page: the home services, 我的 records, the staff workbench. */
export function LinkList({ links, e2e }: { links: readonly PageLink[]; e2e: string }) {
  const open = (link: PageLink) => void (link.tab ? Taro.switchTab({ url: link.url }) : Taro.navigateTo({ url: link.url }))
  return (
    <View>
      {links.map((link) => (
        <View key={link.key} className={`list-link ${e2e}-${link.key}`} {...a11y('link')} onClick={() => open(link)}>
          <Text className="list-link__title">{link.title}</Text>
          {link.summary && <Text className="link-summary">{link.summary}</Text>}
        </View>
      ))}
    </View>
  )
}
