import { cloudOpenApi, isLocalCloud, type MsgSecCheckReply, type OpenApi } from './runtime'

/** Where the text will appear, as msgSecCheck names it (1 资料, 2 评论, 3 论坛, 4 社交日志). */
export type ContentScene = 'profile' | 'comment' | 'forum' | 'social_log'

export type ContentSuggestion = 'pass' | 'review' | 'risky'

export interface ContentVerdict {
  suggest: ContentSuggestion
  /** What kind of problem, in Chinese (广告, 辱骂, 违法犯罪, …); absent on `pass`. */
  label?: string
  /** The words that matched, when the check says so. */
  keywords?: string[]
}

export interface ContentCheck {
  /** Checks text a person wrote (a complaint, a comment) before it is stored or shown. */
  check(text: string, options: { openid: string; scene: ContentScene }): Promise<ContentVerdict>
}

const SCENES: Record<ContentScene, number> = { profile: 1, comment: 2, forum: 3, social_log: 4 }

/** msgSecCheck v2 label codes. */
const LABELS: Record<number, string> = {
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他',
}

/** msgSecCheck takes at most 2500 characters per call. */
const CHUNK = 2500
const RANK: Record<ContentSuggestion, number> = { pass: 0, review: 1, risky: 2 }

function worst(verdicts: ContentVerdict[]): ContentVerdict {
  const top = verdicts.reduce<ContentVerdict>((a, b) => (RANK[b.suggest] > RANK[a.suggest] ? b : a), { suggest: 'pass' })
  if (top.suggest === 'pass') return { suggest: 'pass' }
  const keywords = [...new Set(verdicts.filter((v) => v.suggest !== 'pass').flatMap((v) => v.keywords ?? []))]
  return { suggest: top.suggest, ...(top.label ? { label: top.label } : {}), ...(keywords.length > 0 ? { keywords } : {}) }
}

function asSuggestion(value: unknown): ContentSuggestion | null {
  return value === 'pass' || value === 'review' || value === 'risky' ? value : null
}

/** Reads v2's verdict from `result.suggest`; errCode only says the call worked, not what it found. */
export function readMsgSecCheck(reply: MsgSecCheckReply): ContentVerdict {
  const suggest = asSuggestion(reply.result?.suggest)
  // No verdict at all (an error reply): a person looks at it rather than it going out unchecked.
  if (!suggest) return { suggest: 'review', label: '检测未完成' }
  if (suggest === 'pass') return { suggest }
  const label = LABELS[reply.result?.label ?? 21000] ?? '其他'
  const keywords = (reply.detail ?? [])
    .filter((detail) => detail.strategy === 'keyword' && detail.keyword && asSuggestion(detail.suggest) !== 'pass')
    .map((detail) => detail.keyword as string)
  return { suggest, label, ...(keywords.length > 0 ? { keywords: [...new Set(keywords)] } : {}) }
}

/** WeChat's msgSecCheck v2 through `cloud.openapi` (needs `security.msgSecCheck` in config.json). */
export function cloudContentCheck(api: () => OpenApi = cloudOpenApi): ContentCheck {
  return {
    async check(text, { openid, scene }) {
      if (text.trim() === '') return { suggest: 'pass' }
      const verdicts: ContentVerdict[] = []
      for (let start = 0; start < text.length; start += CHUNK) {
        try {
          const reply = await api().security.msgSecCheck({ openid, scene: SCENES[scene], version: 2, content: text.slice(start, start + CHUNK) })
          verdicts.push(readMsgSecCheck(reply))
        } catch (error) {
          console.error('[contentCheck] msgSecCheck failed', error)
          verdicts.push({ suggest: 'review', label: '检测未完成' })
        }
      }
      return worst(verdicts)
    },
  }
}

/** A few words no union platform should carry; replaced by `UNIONHUB_BLOCKED_WORDS` when set. */
export const DEFAULT_BLOCKED_WORDS = ['赌博', '博彩', '代开发票', '办假证', '枪支', '毒品', '裸聊']
/** Words that send text to a person for review; replaced by `UNIONHUB_REVIEW_WORDS` when set. */
export const DEFAULT_REVIEW_WORDS = ['刷单', '加微信', '高额返利', '兼职日结']

/** Spaces and punctuation between characters do not hide a word. */
const normalise = (text: string) => text.toLowerCase().replace(/[\s\p{P}]/gu, '')

function wordList(value: string | undefined, fallback: string[]): string[] {
  if (value === undefined) return fallback
  return value
    .split(/[,，]/)
    .map((word) => normalise(word))
    .filter((word) => word.length > 0)
}

/** The local cloud's stand-in: word lists, read from the environment at every call. */
export function localContentCheck(): ContentCheck {
  return {
    async check(text) {
      const normalised = normalise(text)
      const hits = (words: string[]) => words.filter((word) => normalised.includes(normalise(word)))
      const risky = hits(wordList(process.env.UNIONHUB_BLOCKED_WORDS, DEFAULT_BLOCKED_WORDS))
      if (risky.length > 0) return { suggest: 'risky', label: '其他', keywords: risky }
      const review = hits(wordList(process.env.UNIONHUB_REVIEW_WORDS, DEFAULT_REVIEW_WORDS))
      if (review.length > 0) return { suggest: 'review', label: '其他', keywords: review }
      return { suggest: 'pass' }
    },
  }
}

/** The content check for where this code runs: the cloud's msgSecCheck, or the local word list. */
export const contentCheck: ContentCheck = {
  check: (text, options) => (isLocalCloud() ? localContentCheck() : cloudContentCheck()).check(text, options),
}
