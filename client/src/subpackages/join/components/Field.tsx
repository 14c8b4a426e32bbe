import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import './join.css'

export interface FieldProps {
  label: string
  /** The field's `e2e-…` class; its error line gets `<e2e>-error`. */
  e2e: string
  value: string
  onChange: (value: string) => void
  onBlur?: () => void
  placeholder?: string
  error?: string
  hint?: string
  type?: 'text' | 'idcard' | 'number'
  maxLength?: number
}

/** A labelled input with its Chinese error line underneath. */
export function Field({ label, e2e, value, onChange, onBlur, placeholder, error, hint, type = 'text', maxLength = 50 }: FieldProps) {
  return (
    <View className="join-field">
      <Text className="join-field__label">{label}</Text>
      <Input
        className={`join-field__input ${e2e}`}
        type={type}
        value={value}
        placeholder={placeholder}
        maxLength={maxLength}
        onChange={(next: string) => onChange(next)}
        onBlur={() => onBlur?.()}
      />
      {hint && !error && <Text className="join-hint">{hint}</Text>}
      {error && <Text className={`join-field__error ${e2e}-error`}>{error}</Text>}
    </View>
  )
}
