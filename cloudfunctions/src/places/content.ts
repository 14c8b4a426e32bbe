import type { FieldError } from '@shared/result'
import { AppFailure } from '../_lib/failure'
import { contentCheck, type ContentScene, type ContentVerdict } from '../_lib/openapi'

/**
 * Checks what a person wrote, field by field (msgSecCheck v2 in the cloud). `risky` is refused,
 * naming each field; `review` is answered so the caller can keep the text away from the public.
 */
export async function checkTexts(
  fields: Array<[path: string, label: string, text: string | null | undefined]>,
  openid: string,
  scene: ContentScene,
): Promise<ContentVerdict> {
  const present = fields.filter((field): field is [string, string, string] => typeof field[2] === 'string' && field[2] !== '')
  const verdicts = await Promise.all(present.map(([, , text]) => contentCheck.check(text, { openid, scene })))
  const refused: FieldError[] = present.flatMap(([path, label], index) =>
    verdicts[index]!.suggest === 'risky' ? [{ path, message: `${label}中有不适合提交的内容，请修改后再提交` }] : [],
  )
  if (refused.length > 0) throw new AppFailure('CONTENT_REJECTED', refused[0]!.message, refused)
  return verdicts.find((verdict) => verdict.suggest === 'review') ?? { suggest: 'pass' }
}
