import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { announced } from '../a11y'
import './index.css'

export interface FormItemProps {
  /** What the person reads above the box; leave it out where a heading above says it. */
  label?: string
  /**
   * The box's selector, `e2e-<form>-<field>` with the field named as in the contract
   * (`e2e-join-idNumber`); the lines under it get `<e2e>-error` and `<e2e>-hint`.
   */
  e2e: string
  error?: string
  /** A line under the box, shown while there is no error. */
  hint?: string
  children: ReactNode
  /** Draws the box as a text field's (a sunken background). */
  boxed?: boolean
}

/**
 * One entry of a form: label, the control (an input, chips, a picker) and the Chinese error line
 * under it.
 */
export function FormItem({ label, e2e, error, hint, children, boxed = false }: FormItemProps) {
  return (
    <View className="field">
      {label && <Text className="field__label">{label}</Text>}
      <View className={`field__box${boxed ? ' field__box--boxed' : ''} ${e2e}`}>{children}</View>
      {hint && !error && <Text className={`field__hint ${e2e}-hint`}>{hint}</Text>}
      {error && (
        <Text className={`field__error ${e2e}-error`} {...announced()}>
          {error}
        </Text>
      )}
    </View>
  )
}

export interface FieldProps extends Omit<FormItemProps, 'children' | 'boxed'> {
  value: string
  onChange: (value: string) => void
  onBlur?: () => void
  placeholder?: string
  /** The keyboard: `idcard` and `digit` are WeChat's (H5 falls back to text); `password` hides what is typed. */
  type?: 'text' | 'idcard' | 'number' | 'digit' | 'tel' | 'password'
  maxLength?: number
  /** A text area, growing with its text unless `rows` fixes its height. */
  multiline?: boolean
  rows?: number
  /** Shows `typed/maxLength` under a text area. */
  showCount?: boolean
}

/** A labelled text input (or text area) with its error line: the one way forms take text. */
export function Field({ value, onChange, onBlur, placeholder, type = 'text', maxLength = 100, multiline = false, rows, showCount = false, ...item }: FieldProps) {
  return (
    <FormItem {...item} boxed>
      {multiline ? (
        <TextArea
          value={value}
          placeholder={placeholder}
          maxLength={maxLength}
          showCount={showCount}
          {...(rows ? { rows } : { autoSize: true })}
          onChange={(next: string) => onChange(next)}
          onBlur={() => onBlur?.()}
        />
      ) : (
        <Input type={type} value={value} placeholder={placeholder} maxLength={maxLength} onChange={(next: string) => onChange(next)} onBlur={() => onBlur?.()} />
      )}
    </FormItem>
  )
}
