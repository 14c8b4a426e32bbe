import type { ReactNode } from 'react'
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

/** The chips, wrapped onto lines or on one line that scrolls sideways. */
function ChipRow({ scroll, children }: { scroll: boolean; children: ReactNode }) {
  return scroll ? (
    <ScrollView scrollX className="chips chips--scroll">
      {children}
    </ScrollView>
  ) : (
    <View className="chips">{children}</View>
  )
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
  return <ChipRow scroll={scroll}>{chips}</ChipRow>
}

export interface MultiChipsProps<T extends string> {
  choices: readonly Choice<T>[]
  value: readonly T[]
  onChange: (value: T[]) => void
  /** Chip selectors: `<e2e>-<value>`, and `<e2e>-<value>-on` on each chosen one. */
  e2e: string
  /** One line that scrolls sideways, for a row too long to wrap. */
  scroll?: boolean
}

/** Any number of choices out of a few (facilities a place has, or that a worker needs), as chips that tick on and off. */
export function MultiChips<T extends string>({ choices, value, onChange, e2e, scroll = false }: MultiChipsProps<T>) {
  const toggle = (choice: T) => onChange(value.includes(choice) ? value.filter((item) => item !== choice) : [...value, choice])
  const chips = choices.map((choice) => {
    const on = value.includes(choice.value)
    return (
      <View
        key={choice.value}
        className={`chip ${e2e}-${choice.value}${on ? ` chip--on ${e2e}-${choice.value}-on` : ''}`}
        {...a11y('checkbox', undefined, { checked: on })}
        onClick={() => toggle(choice.value)}
      >
        <Text>{choice.label}</Text>
      </View>
    )
  })
  return <ChipRow scroll={scroll}>{chips}</ChipRow>
}
