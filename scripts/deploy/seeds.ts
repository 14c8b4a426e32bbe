import { NATIONAL_HOLIDAYS_SOURCE } from '../../shared/rules/national-holidays'
import { NATIONAL_YEARS } from '../../shared/rules/work-calendar'
import type { SeedSet } from './desired'

/**
 * Data the deployment writes, each set compared with the cloud by `_id` and rewritten only where it
 * differs (the plan's `seed` step). Documents are plain JSON: strings, numbers, booleans, arrays.
 * Nothing needs seeding today: the national holiday calendar ships inside the complaints bundle
 * (see `bundledData`), and each root union's own corrections are entered by its admins in the app.
 */
export function seedSets(): SeedSet[] {
  return []
}

/** Data that reaches the cloud inside a function bundle rather than the database, as the plan shows it. */
export function bundledData(): string[] {
  const first = NATIONAL_YEARS[0]
  const last = NATIONAL_YEARS[NATIONAL_YEARS.length - 1]
  return [`全国法定节假日与调休安排：随云函数 complaints 的代码发布（${NATIONAL_HOLIDAYS_SOURCE}，${first}–${last} 年），不写入数据库`]
}
