import { Text, View } from '@tarojs/components'
import './join.css'

export interface Choice<T extends string> {
  value: T
  label: string
}

export interface ChipsProps<T extends string> {
  choices: Choice<T>[]
  value: T | undefined
  onChange: (value: T) => void
  /** Chip i gets `<e2e>-<i>`; the selected one also `<e2e>-on`. */
  e2e: string
}

/** One choice out of a few, as tappable chips (shorter than a picker for a handful of options). */
export function Chips<T extends string>({ choices, value, onChange, e2e }: ChipsProps<T>) {
  return (
    <View className="join-chips">
      {choices.map((choice, index) => (
        <View
          key={choice.value}
          className={`join-chip ${e2e}-${index}${choice.value === value ? ` join-chip--on ${e2e}-on` : ''}`}
          onClick={() => onChange(choice.value)}
        >
          <Text>{choice.label}</Text>
        </View>
      ))}
    </View>
  )
}
