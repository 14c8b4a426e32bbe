import { spawnSync } from 'node:child_process'
import path from 'node:path'

// The architecture's import boundaries are lint rules; these prove the rules bite where they should.
// ESLint runs as its CLI (its flat config is ESM, which jest's module sandbox cannot load).
const root = path.resolve(__dirname, '../..')
const cli = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js')

async function lintMessages(filePath: string, code: string, ...ruleIds: string[]): Promise<string[]> {
  const run = spawnSync(process.execPath, [cli, '--stdin', '--stdin-filename', filePath, '--format', 'json'], { cwd: root, input: code })
  const [result] = JSON.parse(run.stdout.toString()) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>
  return (result?.messages ?? []).filter((m) => ruleIds.includes(m.ruleId ?? '')).map((m) => m.message)
}

const restrictedImportMessages = (filePath: string, code: string) => lintMessages(filePath, code, 'no-restricted-imports', '@typescript-eslint/no-restricted-imports')
const privacyMessages = (filePath: string, code: string) => lintMessages(filePath, code, 'unionhub/package-privacy')

describe('import boundaries', () => {
  it('shared/ refuses Taro, wx-server-sdk, Node built-ins and the rest of the project', async () => {
    const code = [
      "import Taro from '@tarojs/taro'",
      "import cloud from 'wx-server-sdk'",
      "import { createHash } from 'node:crypto'",
      "import fs from 'fs'",
      "import { main } from '../cloudfunctions/src/account'",
      'export const x = [Taro, cloud, createHash, fs, main]',
    ].join('\n')
    expect(await restrictedImportMessages('shared/example.ts', code)).toHaveLength(5)
  })

  it('client/ refuses the cloud functions and the server SDK', async () => {
    const code = "import { main } from '../../../cloudfunctions/src/account'\nimport cloud from 'wx-server-sdk'\nexport const x = [main, cloud]\n"
    expect(await restrictedImportMessages('client/src/pages/x/index.tsx', code)).toHaveLength(2)
  })

  it('cloud functions refuse the emulator and Taro', async () => {
    const code = "import { startGateway } from '../../../emulator/gateway'\nimport Taro from '@tarojs/taro'\nexport const x = [startGateway, Taro]\n"
    expect(await restrictedImportMessages('cloudfunctions/src/account/x.ts', code)).toHaveLength(2)
  })

  it('cloud functions make collection handles only in _lib/records/', async () => {
    const code = "import { collection, command } from '../../_lib/db'\nexport const x = [collection('members'), command]\n"
    expect(await restrictedImportMessages('cloudfunctions/src/activities/actions/x.ts', code)).toHaveLength(1)
    expect(await restrictedImportMessages('cloudfunctions/src/_lib/x.ts', code.replace('../../_lib/db', './db'))).toHaveLength(1)
    expect(await restrictedImportMessages('cloudfunctions/src/_lib/records/members.ts', code.replace('../../_lib/db', '../db'))).toEqual([])
  })

  it('the seed imports only types from the cloud functions', async () => {
    const runs = "import { members } from '../../cloudfunctions/src/_lib/records/members'\nexport const x = members\n"
    const types = "import type { MemberRecord } from '../../cloudfunctions/src/_lib/records/members'\nexport const x: MemberRecord[] = []\n"
    expect(await restrictedImportMessages('emulator/seed/x.ts', runs)).toHaveLength(1)
    expect(await restrictedImportMessages('emulator/seed/x.ts', types)).toEqual([])
  })

  it('refuses classic zod everywhere, type imports included, and allows zod/mini', async () => {
    const classic = [
      "import { z } from 'zod'",
      "import * as zv4 from 'zod/v4'",
      "import type { ZodType } from 'zod/v4/core'",
      "import { z as z3 } from 'zod/v3'",
      'export const x = [z, zv4, z3, null as unknown as ZodType]',
    ].join('\n')
    for (const file of ['shared/example.ts', 'client/src/pages/x/index.tsx', 'cloudfunctions/src/account/x.ts', 'emulator/db/x.ts', 'tests/unit/x.test.ts', 'scripts/x.ts']) {
      const refused = await restrictedImportMessages(file, classic)
      expect({ file, refused: refused.length, all: refused.every((message) => message.includes("from 'zod/mini'")) }).toEqual({ file, refused: 4, all: true })
    }
    expect(await restrictedImportMessages('cloudfunctions/src/account/x.ts', "import type * as z from 'zod/mini'\nexport type X = z.infer<z.ZodMiniString>\n")).toEqual([])
  })

  it('allows what each side may use', async () => {
    const code = "import * as z from 'zod/mini'\nimport dayjs from 'dayjs'\nexport const x = [z.string(), dayjs]\n"
    expect(await restrictedImportMessages('shared/example.ts', code)).toEqual([])
  })

  it('a subpackage refuses a sibling subpackage and the main package pages, however the path is written', async () => {
    const code = [
      "import { CaseFacts } from '../../../../complaint/components/CaseFacts'",
      "import { seatBadge } from '../../../../../pages/activities/format'",
      "export { Chips } from '../../../../join/components/Chips'",
      "export const lazy = () => import('../../../../activity/pages/detail')",
      'export const x = [CaseFacts, seatBadge]',
    ].join('\n')
    const messages = await privacyMessages('client/src/subpackages/staff/pages/complaints/case/index.tsx', code)
    expect(messages).toHaveLength(4)
    expect(messages[0]).toMatch(/subpackages\/complaint is private to itself, and this file is in subpackages\/staff/)
    expect(messages[1]).toMatch(/pages is private to itself/)
  })

  it('main-package pages and shared components refuse subpackages', async () => {
    const code = "import { UnionCard } from '../../subpackages/join/components/UnionCard'\nexport const x = UnionCard\n"
    expect(await privacyMessages('client/src/pages/me/index.tsx', code)).toHaveLength(1)
    expect(await privacyMessages('client/src/components/Other/index.tsx', code)).toHaveLength(1)
  })

  it('allows a part its own files and everything shared', async () => {
    const code = [
      "import { HotlineBar } from '../../components/HotlineBar'",
      "import { hasDraft } from '../../draft'",
      "import { Field } from '../../../../components/Field'",
      "import { useRemote } from '../../../../hooks/useRemote'",
      "import { fetchComplaint } from '../../../../services/complaints'",
      "import { STATUS_LABELS } from '@shared/rules/complaint-status'",
      'export const x = [HotlineBar, hasDraft, Field, useRemote, fetchComplaint, STATUS_LABELS]',
    ].join('\n')
    expect(await privacyMessages('client/src/subpackages/complaint/pages/case/index.tsx', code)).toEqual([])
  })
})
