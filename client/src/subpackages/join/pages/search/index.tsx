import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { showError } from '../../../../services/cloud'
import { searchUnions, type UnionSummary } from '../../../../services/unions'
import { Field } from '../../components/Field'
import { JOIN_PAGES, pageUrl } from '../../components/routes'
import { UnionCard } from '../../components/UnionCard'
import '../../components/join.css'

/** Finds a union by part of its name, for people without a QR code. */
export default function JoinSearchPage() {
  const [keyword, setKeyword] = useState('')
  const [results, setResults] = useState<{ items: UnionSummary[]; total: number; page: number } | null>(null)

  async function search(page: number) {
    if (keyword.trim() === '') return void Taro.showToast({ title: '请输入工会名称中的字词', icon: 'none' })
    const result = await searchUnions(keyword.trim(), page)
    if (!result.ok) return showError(result.error)
    setResults({ items: page === 1 ? result.data.items : [...(results?.items ?? []), ...result.data.items], total: result.data.total, page })
  }

  return (
    <View className="page e2e-join-search-page">
      <View className="join-panel">
        <Field label="工会名称" e2e="e2e-search-keyword" value={keyword} onChange={setKeyword} placeholder="如：快递、纺织、西溪街道" maxLength={30} />
        <Button type="primary" block className="e2e-search-submit" onClick={() => void search(1)}>
          搜索
        </Button>
      </View>
      {results && results.total === 0 && <View className="join-notice e2e-search-none">没有找到名称含“{keyword}”的工会，换个关键词试试。</View>}
      {results?.items.map((union, index) => (
        <UnionCard key={union.unionId} union={union} e2e={`e2e-search-result-${index}`}>
          <Button
            type="primary"
            size="small"
            className={`e2e-search-choose-${index}`}
            onClick={() => Taro.navigateTo({ url: pageUrl(JOIN_PAGES.form, { unionId: union.unionId, district: union.district ?? undefined }) })}
          >
            申请加入
          </Button>
        </UnionCard>
      ))}
      {results && results.items.length < results.total && (
        <Button block className="e2e-search-more" onClick={() => void search(results.page + 1)}>
          加载更多
        </Button>
      )}
    </View>
  )
}
