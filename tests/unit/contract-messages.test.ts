import type * as z from 'zod/mini'
import { contract } from '@shared/contract'

// zod/mini has no default messages: a check without its own message says "Invalid input", which the
// router could only turn into "<path> 格式不正确". This sweeps every input field of every action with
// the wrong values a JSON caller can send and requires each message to be the schema's own Chinese.

/** Every value a JSON body can carry that some field must refuse; `undefined` is a missing field. */
const HOSTILE: unknown[] = [undefined, null, true, 0, -1, 1.5, 1e21, '', '   ', 'x', '工'.repeat(3000), {}, { $ne: null }, [], ['x'], [1, 2]]

const CHINESE = /[\u4e00-\u9fa5]/

type Case = [string, string, z.ZodMiniType]
const actions: Case[] = Object.entries(contract).flatMap(([fn, actions]) =>
  Object.entries(actions).map(([name, spec]): Case => [fn, name, (spec as { input: z.ZodMiniType }).input]),
)

function shapeOf(schema: z.ZodMiniType): Record<string, unknown> {
  const def = schema._zod.def as { type: string; shape?: Record<string, unknown> }
  if (def.type !== 'object' || !def.shape) throw new Error('every action input is an object schema')
  return def.shape
}

describe('every action input answers in Chinese', () => {
  it.each(actions)('%s.%s: each field refuses wrong values with its own Chinese message', (_fn, _action, input) => {
    const foreign: string[] = []
    for (const field of Object.keys(shapeOf(input))) {
      for (const value of HOSTILE) {
        const result = input.safeParse({ [field]: value })
        for (const issue of result.success ? [] : result.error.issues) {
          if (!CHINESE.test(issue.message)) foreign.push(`${field}=${JSON.stringify(value)} → ${issue.path.join('.')}: ${issue.message}`)
        }
      }
    }
    expect(foreign).toEqual([])
  })

  it('covers every action with an input to sweep', () => {
    expect(actions.length).toBeGreaterThan(40)
    expect(actions.filter(([, , input]) => Object.keys(shapeOf(input)).length > 0).length).toBeGreaterThan(30)
  })
})
