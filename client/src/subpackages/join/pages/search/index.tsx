import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { ok } from '@shared/result'
import { searchUnions, type UnionSummary } from '../../../../services/unions'
import { Field } from '../../../../components/Field'
import { RemoteList } from '../../../../components/Remote'
import { usePagedList } from '../../../../hooks/usePagedList'
import { JOIN_PAGES, pageUrl } from '../../components/routes'
import { UnionCard } from '../../components/UnionCard'
import { withTextSize } from '../../../../components/TextSize'
import '../../components/join.css'

/** Before the first search: an empty list, without asking the cloud. */
const NOTHING_ASKED = ok({ items: [] as UnionSummary[], page: 1, pageSize: 0, total: 0 })

/** Finds a union by part of its name, for people without a QR code. */
function JoinSearchPage() {
  const [keyword, setKeyword] = useState('')
  // The keyword last searched for; results show only once there is one.
  const [asked, setAsked] = useState('')
  const results = usePagedList<UnionSummary>((page) => (asked ? searchUnions(asked, page) : Promise.resolve(NOTHING_ASKED)), { key: asked })

  function search() {
    if (keyword.trim() === '') return void Taro.showToast({ title: '请输入工会名称中的字词', icon: 'none' })
    if (keyword.trim() === asked) void results.reload()
    else setAsked(keyword.trim())
  }

  return (
    <View className="page e2e-join-search-page">
      <View className="panel">
        <Field label="工会名称" e2e="e2e-search-keyword" value={keyword} onChange={setKeyword} placeholder="如：快递、纺织、西溪街道" maxLength={30} />
        <Button type="primary" block className="e2e-search-submit" onClick={search}>
          搜索
        </Button>
      </View>
      {asked && (
        <RemoteList list={results} empty={<View className="notice e2e-search-none">没有找到名称含“{asked}”的工会，换个关键词试试。</View>}>
          {(union, index) => (
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
          )}
        </RemoteList>
      )}
    </View>
  )
}

export default withTextSize(JoinSearchPage)
