import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * A function's timers are declared twice by necessity: to WeChat in its config.json `triggers` (what
 * the platform fires) and to its router in index.ts (what runs). The two lists must be the same, or
 * a trigger fires and is refused, or a job is never fired.
 */
const sourceDir = path.resolve(__dirname, '../../cloudfunctions/src')
const functions = readdirSync(sourceDir).filter((name) => !name.startsWith('_') && existsSync(path.join(sourceDir, name, 'index.ts')))

describe('timer triggers', () => {
  it.each(functions)('%s declares to its router exactly the timer triggers of its config.json', async (name) => {
    const config = JSON.parse(readFileSync(path.join(sourceDir, name, 'config.json'), 'utf8')) as { triggers?: Array<{ name: string; type: string }> }
    const triggers = config.triggers ?? []
    expect(triggers.every((trigger) => trigger.type === 'timer')).toBe(true)
    const { main } = (await import(path.join(sourceDir, name, 'index.ts'))) as { main: { timers: string[] } }
    expect([...main.timers].sort()).toEqual(triggers.map((trigger) => trigger.name).sort())
  })

  it('are found for the functions that have them', () => {
    expect(functions).toEqual(expect.arrayContaining(['activities', 'complaints']))
  })
})
