import type { ActionOutput } from '@shared/contract'
import { callCloud } from './cloud'

export type Me = ActionOutput<'account', 'me'>

/** The signed-in person's membership status and staff roles. */
export function fetchMe() {
  return callCloud('account', 'me', {})
}
