import type { PropsWithChildren } from 'react'
import { Text, View } from '@tarojs/components'
import type { UnionSummary } from '../../../services/unions'
import './join.css'

const KIND_LABEL: Record<UnionSummary['kind'], string> = {
  federation: '总工会',
  sector: '行业工会联合会',
  district: '街道·乡镇工会联合会',
  enterprise: '单位工会',
}

export interface UnionCardProps {
  union: UnionSummary
  /** Why this union can take the person (routing). */
  reason?: string
  e2e: string
}

/** A union as a worker sees it when choosing where to join. */
export function UnionCard({ union, reason, e2e, children }: PropsWithChildren<UnionCardProps>) {
  const meta = [KIND_LABEL[union.kind], union.district, union.parentName && `上级：${union.parentName}`].filter(Boolean).join(' · ')
  return (
    <View className={`list-link ${e2e}`}>
      <Text className="list-link__title e2e-union-name">{union.name}</Text>
      <Text className="join-union__meta">{meta}</Text>
      {reason && <Text className="join-union__reason">{reason}</Text>}
      {union.refusal && <Text className="notice e2e-union-refusal">{union.refusal}</Text>}
      {children}
    </View>
  )
}
