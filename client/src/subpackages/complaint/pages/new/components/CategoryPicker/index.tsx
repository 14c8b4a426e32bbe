import { Text, View } from '@tarojs/components'
import { CATEGORY_RULES, COMPLAINT_CATEGORIES, type ComplaintCategory } from '@shared/rules/complaint-categories'
import { a11y } from '../../../../../../components/a11y'
import './index.css'

export interface CategoryPickerProps {
  value: ComplaintCategory | null
  onChange: (category: ComplaintCategory) => void
}

/** The eight kinds of help, as large tap targets; the picked one's hint says what to write. */
export function CategoryPicker({ value, onChange }: CategoryPickerProps) {
  return (
    <View className="category-picker">
      <View className="category-picker__grid">
        {COMPLAINT_CATEGORIES.map((category) => (
          <View
            key={category}
            className={`category-picker__item e2e-complaint-category-${category}${value === category ? ' category-picker__item--active' : ''}`}
            {...a11y('radio', undefined, { checked: value === category })}
            onClick={() => onChange(category)}
          >
            {CATEGORY_RULES[category].label}
          </View>
        ))}
      </View>
      {value && <Text className="category-picker__hint e2e-complaint-category-hint">{CATEGORY_RULES[value].hint}</Text>}
    </View>
  )
}
