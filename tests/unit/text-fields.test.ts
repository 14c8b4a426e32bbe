import * as z from 'zod/mini'
import { optionalText, text, withoutInvisible } from '@shared/fields'

const ZWSP = '\u200b'

describe('text fields drop characters nobody can see before their checks', () => {
  const description = text('情况描述', { min: 10, max: 50 })
  const note = optionalText('备注', 5)

  it('does not count zero-width spaces as content', () => {
    const result = description.safeParse(ZWSP.repeat(12))
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['情况描述至少 10 个字'])
    expect(z.parse(text('标题', { max: 10 }), `${ZWSP}\ufeff 站点\u200d欠薪\u2060 `)).toBe('站点欠薪')
  })

  it('hands the checks the word as it reads, so zero-width characters cannot split a blocked word', () => {
    expect(z.parse(description, `站长叫我们去赌${ZWSP}博\u200c网站还债，拖欠工资三个月`)).toContain('赌博')
  })

  it('keeps what Chinese text needs: line breaks, tabs, punctuation, full-width spaces and emoji', () => {
    const written = '第一行：拖欠工资。\n第二行\t「加班费」　未付！👍'
    expect(withoutInvisible(written)).toBe(written)
    expect(z.parse(description, written)).toBe(written)
  })

  it('removes control characters and direction overrides, and limits the length after removing them', () => {
    expect(withoutInvisible('a\u0000b\u0007c\u001bd\u007fe\u0085f\u202eg\u2066h')).toBe('abcdefgh')
    expect(z.parse(note, `一二三四五${ZWSP.repeat(20)}`)).toBe('一二三四五')
  })
})
