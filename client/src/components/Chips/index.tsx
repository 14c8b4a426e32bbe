import { ScrollView, Text, View } from '@tarojs/components'
import { a11y } from '../a11y'
import './index.css'

export interface Choice<T extends string> {
  value: T
  label: string
}

export interface ChipsProps<T extends string> {
  choices: readonly Choice<T>[]
  value: T | undefined
  onChange: (value: T) => void
  /**
   * Chip selectors: `<e2e>-<key>`, and `<e2e>-on` on the chosen one. The key is the chip's value
   * when values are codes (`e2e-edit-category-talk`); set `keyBy="position"` when they are data
   * such as names (`e2e-route-platform-0`), which journeys then find by their text.
   */
  e2e: string
  keyBy?: 'value' | 'position'
  /** One line that scrolls sideways, for a row too long to wrap. */
  scroll?: boolean
}

/** One choice out of a few, as tappable chips (quicker than a picker for a handful of options). */
export function Chips<T extends string>({ choices, value, onChange, e2e, keyBy = 'value', scroll = false }: ChipsProps<T>) {
  const chips = choices.map((choice, index) => (
    <View
      key={choice.value}
      className={`chip ${e2e}-${keyBy === 'value' ? choice.value : index}${choice.value === value ? ` chip--on ${e2e}-on` : ''}`}
      {...a11y('radio', undefined, { checked: choice.value === value })}
      onClick={() => onChange(choice.value)}
    >
      <Text>{choice.label}</Text>
    </View>
  ))
  return scroll ? (
    <ScrollView scrollX className="chips chips--scroll">
      {chips}
    </ScrollView>
  ) : (
    <View className="chips">{chips}</View>
  )
}
