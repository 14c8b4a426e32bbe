import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatFullDateTime } from '@shared/rules/china-time'
import { FEEDBACK_STATUS_LABELS } from '@shared/rules/places'
import { fetchMyFeedback, type MyFeedback } from '../../../../services/places'
import { a11y } from '../../../../components/a11y'
import { RemoteList } from '../../../../components/Remote'
import { usePagedList } from '../../../../hooks/usePagedList'
import { feedbackKindLabel } from '../../components/labels'
import { PLACE_PAGES, pageUrl } from '../../components/routes'
import { withTextSize } from '../../../../components/TextSize'
import '../../components/places.css'

/** 我的反馈: the person's reports and suggestions with the unions' replies (what a feedback notice opens). */
function MyFeedbackPage() {
  const list = usePagedList<MyFeedback>((page) => fetchMyFeedback(page))
  return (
    <View className="page e2e-place-feedback">
      <RemoteList list={list} empty="还没有报告过问题或推荐过服务点">
        {(item, index) => (
          <View
            key={item.feedbackId}
            className={`place-card e2e-feedback-${index}`}
            {...(item.placeId ? a11y('link') : {})}
            onClick={() => (item.placeId ? void Taro.navigateTo({ url: pageUrl(PLACE_PAGES.detail, { placeId: item.placeId }) }) : undefined)}
          >
            <View className="place-card__head">
              <Text className="place-card__name e2e-feedback-title">{item.title}</Text>
              <Text className={`place-badge ${item.status === 'open' ? 'place-badge--stale' : item.status === 'resolved' ? 'place-badge--open' : 'place-badge--closed'} e2e-feedback-status`}>
                {FEEDBACK_STATUS_LABELS[item.status]}
              </Text>
            </View>
            <Text className="place-card__meta">
              {feedbackKindLabel(item.kind)} · {formatFullDateTime(item.createdAt)}
            </Text>
            {item.reply && (
              <Text className="place-card__meta e2e-feedback-reply">
                工会回复：{item.reply}
                {item.handledAt ? `（${formatFullDateTime(item.handledAt)}）` : ''}
              </Text>
            )}
          </View>
        )}
      </RemoteList>
    </View>
  )
}

export default withTextSize(MyFeedbackPage)
