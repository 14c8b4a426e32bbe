import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { RATING_COMMENT_MAX } from '@shared/rules/places'
import { newRequestId } from '../../../../../services/cloud'
import { ratePlace, type PlaceDetail } from '../../../../../services/places'
import { a11y, announced } from '../../../../../components/a11y'
import { Field } from '../../../../../components/Field'
import '../../../components/places.css'

const WORDS = ['', '很差', '较差', '一般', '不错', '很好']

export interface RateBoxProps {
  place: PlaceDetail
  /** After a rating is stored: reload the place (its average and the person's rating today). */
  onRated: () => void
}

/**
 * 评价这次到访: 1–5 stars and a short comment. One a person, place and day; the server enforces it
 * and its message (already rated today, a comment the content check refused) shows under the box.
 */
export function RateBox({ place, onRated }: RateBoxProps) {
  const [score, setScore] = useState(0)
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const requestId = useRef<string | null>(null)

  if (place.myRatingToday) {
    return (
      <Text className="hint e2e-rate-done">
        今天已评价 {'★'.repeat(place.myRatingToday.score)}
        {place.myRatingToday.comment ? `：${place.myRatingToday.comment}` : ''}（每个服务点每天可评价一次）
      </Text>
    )
  }

  async function submit() {
    setBusy(true)
    requestId.current ??= newRequestId()
    const result = await ratePlace({ placeId: place.placeId, score, comment: comment.trim() || undefined }, requestId.current)
    setBusy(false)
    if (!result.ok) {
      requestId.current = null
      return setError(result.error.message)
    }
    setError(null)
    onRated()
  }

  return (
    <View className="e2e-rate">
      <View className="place-stars">
        {[1, 2, 3, 4, 5].map((value) => (
          <Text
            key={value}
            className={`place-star e2e-rate-star-${value}${value <= score ? ' place-star--on' : ''}`}
            {...a11y('radio', `${value} 星，${WORDS[value]}`, { checked: value === score })}
            onClick={() => {
              requestId.current = null
              setScore(value)
            }}
          >
            ★
          </Text>
        ))}
      </View>
      <Field
        e2e="e2e-rate-comment"
        multiline
        rows={2}
        maxLength={RATING_COMMENT_MAX}
        showCount
        value={comment}
        onChange={(value) => {
          requestId.current = null
          setComment(value)
        }}
        placeholder="说说这次到访（选填）"
      />
      {error && (
        <Text className="field__error e2e-rate-error" {...announced()}>
          {error}
        </Text>
      )}
      <Button type="primary" block disabled={score === 0 || busy} loading={busy} className="tappable e2e-rate-submit" onClick={() => void submit()}>
        提交评价
      </Button>
    </View>
  )
}
