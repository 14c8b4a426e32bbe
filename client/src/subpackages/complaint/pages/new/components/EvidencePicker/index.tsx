import { Image, Text, View } from '@tarojs/components'
import { MAX_EVIDENCE_FILES } from '@shared/rules/complaint-evidence'
import type { EvidenceDraft } from '../../../../draft'
import { a11y, imageAlt } from '../../../../../../components/a11y'
import './index.css'

export interface EvidencePickerProps {
  items: EvidenceDraft[]
  /** Field errors by index, from the server's `attachments.<i>`. */
  errors: Record<number, string>
  onAdd: () => void
  onRetry: (index: number) => void
  onRemove: (index: number) => void
}

/** Evidence photos with upload progress, a retry for failed ones, and removal. */
export function EvidencePicker({ items, errors, onAdd, onRetry, onRemove }: EvidencePickerProps) {
  return (
    <View className="evidence-picker">
      <View className="evidence-picker__grid">
        {items.map((item, index) => (
          <View key={item.key} className={`evidence-picker__item e2e-evidence-item e2e-evidence-${item.status}`}>
            <Image className="evidence-picker__image" src={item.localPath} mode="aspectFill" {...imageAlt(`第 ${index + 1} 张证据照片`)} />
            {item.status === 'uploading' && <Text className="evidence-picker__overlay">{item.progress}%</Text>}
            {item.status === 'failed' && (
              <View className="evidence-picker__overlay evidence-picker__overlay--failed e2e-evidence-retry" {...a11y('button')} onClick={() => onRetry(index)}>
                点击重试
              </View>
            )}
            <View className="evidence-picker__remove e2e-evidence-remove" {...a11y('button', `删除第 ${index + 1} 张照片`)} onClick={() => onRemove(index)}>
              ×
            </View>
            {(errors[index] ?? item.message) && <Text className="evidence-picker__error">{errors[index] ?? item.message}</Text>}
          </View>
        ))}
        {items.length < MAX_EVIDENCE_FILES && (
          <View className="evidence-picker__add e2e-evidence-add" {...a11y('button', `添加照片 ${items.length}/${MAX_EVIDENCE_FILES}`)} onClick={onAdd}>
            <Text className="evidence-picker__plus">+</Text>
            <Text className="muted">
              {items.length}/{MAX_EVIDENCE_FILES}
            </Text>
          </View>
        )}
      </View>
    </View>
  )
}
