import type { SeedSet } from './desired'

/**
 * Data the deployment writes, each set compared with the cloud by `_id` and rewritten only where it
 * differs (the plan's `seed` step). Documents are plain JSON: strings, numbers, booleans, arrays.
 * The official holiday calendar, which complaint deadlines count working days with, is to be
 * added here by its own work (issue 14); until then a deployment seeds nothing.
 */
export function seedSets(): SeedSet[] {
  return []
}
