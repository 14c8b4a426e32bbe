import { Text, View } from '@tarojs/components'
import { a11y } from '../../../../components/a11y'
import './index.css'

export interface BarRow {
  key: string
  label: string
  value: number
}

export interface BarsProps {
  title: string
  rows: readonly BarRow[]
  /** `chart`: horizontal bars; `table`: the same numbers as rows of text, for people who cannot read the chart. */
  view: 'chart' | 'table'
  /** Selectors: `<e2e>`, `<e2e>-row-<key>` on each row and `e2e-bar-value` on its number. */
  e2e: string
  unit?: string
  empty?: string
}

/**
 * One chart of 数据看板: bars drawn with views (no chart library fits the staff subpackage's
 * 200 KB budget, see docs/administration.md), or the same rows as a table. A screen reader hears
 * the chart as one image whose label reads every row.
 */
export function Bars({ title, rows, view, e2e, unit = '', empty = '暂无数据' }: BarsProps) {
  const largest = rows.reduce((max, row) => Math.max(max, row.value), 0)
  const spoken = rows.map((row) => `${row.label} ${row.value}${unit}`).join('，')
  return (
    <View className={`bars ${e2e}`}>
      <Text className="bars__title">{title}</Text>
      {rows.length === 0 ? (
        <Text className="bars__empty">{empty}</Text>
      ) : view === 'chart' ? (
        <View className="bars__chart" {...a11y('img', `${title}：${spoken}`)}>
          {rows.map((row) => (
            <View key={row.key} className={`bars__bar-row ${e2e}-row-${row.key}`}>
              <Text className="bars__label">{row.label}</Text>
              <View className="bars__track">
                <View className="bars__bar" style={{ width: `${largest > 0 ? (row.value / largest) * 100 : 0}%` }} />
              </View>
              <Text className="bars__number e2e-bar-value">{row.value}</Text>
            </View>
          ))}
        </View>
      ) : (
        <View className="bars__table">
          <View className="bars__table-row bars__table-head">
            <Text className="bars__cell">项目</Text>
            <Text className="bars__cell bars__cell--number">数量{unit ? `（${unit}）` : ''}</Text>
          </View>
          {rows.map((row) => (
            <View key={row.key} className={`bars__table-row ${e2e}-row-${row.key}`}>
              <Text className="bars__cell">{row.label}</Text>
              <Text className="bars__cell bars__cell--number e2e-bar-value">{row.value}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
