import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '../admin.css'

export interface ConfirmBarProps {
  /** What will happen, in full, so the person decides knowing it. */
  question: string
  confirmLabel: string
  busy: boolean
  /** Selectors `<e2e>-confirm` and `<e2e>-cancel` on the two buttons. */
  e2e: string
  onConfirm: () => void
  onCancel: () => void
}

/**
 * A second tap for something that cannot be undone from here (retiring a union, revoking a role),
 * on the page itself rather than in a native dialog that tests and screen readers handle unevenly.
 */
export function ConfirmBar({ question, confirmLabel, busy, e2e, onConfirm, onCancel }: ConfirmBarProps) {
  return (
    <View className="admin-confirm">
      <Text className="admin-confirm__question">{question}</Text>
      <View className="button-row">
        <Button type="danger" className={`tappable ${e2e}-confirm`} loading={busy} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button className={`tappable ${e2e}-cancel`} disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
