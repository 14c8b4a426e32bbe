import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { a11y } from '../../../../../../components/a11y'
import { Field } from '../../../../../../components/Field'
import './index.css'

export interface RatingFormProps {
  submitting: boolean
  error: string | null
  onSubmit: (score: number, comment: string) => void
}

const WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意']

/** 1–5 stars and an optional comment, once the union has resolved the case. */
export function RatingForm({ submitting, error, onSubmit }: RatingFormProps) {
  const [score, setScore] = useState(0)
  const [comment, setComment] = useState('')
  return (
    <View className="rating-form e2e-rating-form">
      <Text className="rating-form__title">工会的处理结果您满意吗？</Text>
      <View className="rating-form__stars">
        {[1, 2, 3, 4, 5].map((value) => (
          <Text key={value} className={`rating-form__star e2e-rate-star-${value}${value <= score ? ' rating-form__star--on' : ''}`} {...a11y('radio', `${value} 星`, { checked: value === score })} onClick={() => setScore(value)}>
            ★
          </Text>
        ))}
        <Text className="rating-form__word">{WORDS[score]}</Text>
      </View>
      <Field e2e="e2e-rate-comment" multiline rows={3} maxLength={500} value={comment} onChange={setComment} placeholder="说说您的感受（选填）" error={error ?? undefined} />
      <Button type="primary" block disabled={score === 0} loading={submitting} className="e2e-rate-submit" onClick={() => onSubmit(score, comment.trim())}>
        提交评价
      </Button>
    </View>
  )
}
