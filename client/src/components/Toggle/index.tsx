import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { a11y, announced } from '../a11y'
import '../Field/index.css'
import './index.css'

export interface ToggleProps {
  checked: boolean
  onChange: (checked: boolean) => void
  /** The row's selector; `<e2e>-on` while ticked, `<e2e>-error` on the error line. */
  e2e: string
  error?: string
  children: ReactNode
}

/** A yes/no the person ticks (consent, anonymity), with its error line like a field's. */
export function Toggle({ checked, onChange, e2e, error, children }: ToggleProps) {
  return (
    <View>
      <View className={`toggle ${e2e}${checked ? ` toggle--on ${e2e}-on` : ''}`} {...a11y('checkbox', undefined, { checked })} onClick={() => onChange(!checked)}>
        <Text className="toggle__box">{checked ? '✓' : ''}</Text>
        <View className="toggle__text">{children}</View>
      </View>
      {error && (
        <Text className={`field__error ${e2e}-error`} {...announced()}>
          {error}
        </Text>
      )}
    </View>
  )
}
