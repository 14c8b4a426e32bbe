import type * as z from 'zod/mini'
import { rosterRow } from '@shared/contract/activities'
import { maskName, maskPhone } from '@shared/mask'
import { displayStatus } from '@shared/rules/activity-signup'
import { chinaDateTime } from '@shared/rules/china-time'
import { command } from '../_lib/db'
import { listRows } from '../_lib/list-rows'
import { decrypt } from '../_lib/personal-data'
import type { ActivityRecord } from '../_lib/records/activities'
import { members, type MemberRecord } from '../_lib/records/members'
import type { SignupRecord } from '../_lib/records/signups'

/** The parts of a membership a roster shows (read with a projection). */
type MemberContact = Pick<MemberRecord, '_id' | 'name' | 'phoneCipher' | 'memberNumber'>

export type RosterRow = z.input<typeof rosterRow>

const NON_MEMBER = '非会员（微信用户）'
const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null)

function phoneOf(contact: MemberContact | undefined): string | null {
  if (!contact?.phoneCipher) return null
  try {
    return maskPhone(decrypt(contact.phoneCipher))
  } catch (error) {
    // A key mismatch must not take the whole roster down; the row just shows no phone.
    console.error('[activities] phone of a member could not be decrypted', error)
    return null
  }
}

/** Roster rows with names and phones masked; members are read in one query per page. */
export async function rosterRows(
  rows: SignupRecord[],
  activity: Pick<ActivityRecord, 'allocation' | 'status'>,
  positions: Map<string, number> = new Map(),
): Promise<RosterRow[]> {
  const ids = [...new Set(rows.flatMap((row) => (row.memberId ? [row.memberId] : [])))]
  const contacts = ids.length
    ? new Map((await members.find({ _id: command().in(ids) }, { limit: ids.length, fields: { name: true, phoneCipher: true, memberNumber: true } })).map((m) => [m._id, m]))
    : new Map<string, MemberContact>()
  return listRows('signups', rows, rosterRow, (row) => {
    const contact = row.memberId ? contacts.get(row.memberId) : undefined
    return {
      signupId: row._id,
      status: activity.status === 'cancelled' ? 'cancelled' : displayStatus(row.status, row.allocation),
      name: contact?.name ? maskName(contact.name) : NON_MEMBER,
      memberNumber: row.memberNumber ?? contact?.memberNumber ?? null,
      phoneMasked: phoneOf(contact),
      waitlistPosition: positions.get(row._id) ?? null,
      signedUpAt: iso(row.signedUpAt)!,
      checkedInAt: iso(row.checkedInAt),
      checkInMethod: row.checkInMethod,
    }
  })
}

/** One CSV cell: quoted when needed, and never read by Excel as a formula (=, +, -, @ at the start). */
function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

const STATUS_TEXT: Record<RosterRow['status'], string> = {
  processing: '处理中',
  entered: '待抽签',
  confirmed: '已确认',
  won: '已中签',
  waitlisted: '候补',
  not_drawn: '未中签（候补）',
  checked_in: '已签到',
  cancelled: '已取消',
}

const METHOD_TEXT = { card: '会员码', event_code: '现场签到码' } as const

const chinaTime = (isoText: string | null) => (isoText ? chinaDateTime(isoText) : '')

/** The roster as CSV: UTF-8 with a byte-order mark so that Excel on Windows reads the Chinese. */
export function rosterCsv(rows: RosterRow[]): string {
  const header = ['序号', '状态', '姓名', '会员号', '手机号', '候补顺位', '报名时间', '签到时间', '签到方式']
  const lines = rows.map((row, index) =>
    [
      index + 1,
      STATUS_TEXT[row.status],
      row.name,
      row.memberNumber,
      row.phoneMasked,
      row.waitlistPosition,
      chinaTime(row.signedUpAt),
      chinaTime(row.checkedInAt),
      row.checkInMethod ? METHOD_TEXT[row.checkInMethod] : null,
    ]
      .map(cell)
      .join(','),
  )
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`
}
