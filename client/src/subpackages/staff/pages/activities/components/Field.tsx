import { Text, View } from '@tarojs/components'
import { Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import './activities.css'

export interface FieldProps {
  label: string
  /** The field's `e2e-…` class; its error line gets `<e2e>-error`. */
  e2e: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  error?: string
  hint?: string
  type?: 'text' | 'number'
  maxLength?: number
  multiline?: boolean
}

/** A labelled input (or text area) with its Chinese error line underneath. */
export function Field({ label, e2e, value, onChange, placeholder, error, hint, type = 'text', maxLength = 100, multiline = false }: FieldProps) {
  return (
    <View className="act-field">
      <Text className="act-field__label">{label}</Text>
      {multiline ? (
        <TextArea className={`act-field__input ${e2e}`} value={value} placeholder={placeholder} maxLength={maxLength} autoSize onChange={(next: string) => onChange(next)} />
      ) : (
        <Input className={`act-field__input ${e2e}`} type={type} value={value} placeholder={placeholder} maxLength={maxLength} onChange={(next: string) => onChange(next)} />
      )}
      {hint && !error && <Text className="act-hint">{hint}</Text>}
      {error && <Text className={`act-field__error ${e2e}-error`}>{error}</Text>}
    </View>
  )
}

export interface Choice<T extends string> {
  value: T
  label: string
}

/** One choice out of a few, as chips; chip i gets `<e2e>-<value>`, the selected one also `<e2e>-on`. */
export function Chips<T extends string>({ choices, value, onChange, e2e }: { choices: Choice<T>[]; value: T | undefined; onChange: (value: T) => void; e2e: string }) {
  return (
    <View className="act-chips">
      {choices.map((choice) => (
        <View
          key={choice.value}
          className={`act-chip ${e2e}-${choice.value}${choice.value === value ? ` act-chip--on ${e2e}-on` : ''}`}
          onClick={() => onChange(choice.value)}
        >
          <Text>{choice.label}</Text>
        </View>
      ))}
    </View>
  )
}
