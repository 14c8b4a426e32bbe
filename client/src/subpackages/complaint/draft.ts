import Taro from '@tarojs/taro'
import type { ComplaintCategory } from '@shared/rules/complaint-categories'

/**
 * The complaint being written, kept in local storage on every change so that leaving the page (a
 * phone call, checking a pay slip in the album) loses nothing. Cleared once the case is filed.
 */
export interface EvidenceDraft {
  /** Stable while the list changes under a running upload. */
  key: string
  /** The photo on this phone, for the thumbnail; may be gone after a restart. */
  localPath: string
  size: number
  status: 'uploading' | 'done' | 'failed'
  progress: number
  fileID?: string
  message?: string
}

export interface ComplaintDraft {
  category: ComplaintCategory | null
  description: string
  employer: string
  amountOwed: string
  occurredOn: string
  anonymous: boolean
  contactPhone: string
  district: string
  evidence: EvidenceDraft[]
  /** One id per intended case: a retry after a lost reply files nothing twice. */
  requestId: string
}

const KEY = 'unionhub.complaint.draft.v1'

export function loadDraft(): ComplaintDraft | null {
  try {
    const stored = Taro.getStorageSync(KEY) as ComplaintDraft | '' | undefined
    if (!stored || typeof stored !== 'object') return null
    // An upload cut off by leaving the page cannot resume: offer a retry instead.
    return { ...stored, evidence: stored.evidence.map((item) => (item.status === 'uploading' ? { ...item, status: 'failed', message: '上传中断，请重试' } : item)) }
  } catch {
    return null
  }
}

export function saveDraft(draft: ComplaintDraft): void {
  try {
    Taro.setStorageSync(KEY, draft)
  } catch {
    // Storage full or unavailable: the form still works, only the draft is not kept.
  }
}

export function clearDraft(): void {
  try {
    Taro.removeStorageSync(KEY)
  } catch {
    // Nothing to clear.
  }
}

/** Whether something was typed: the start page then offers to continue. */
export function hasDraft(): boolean {
  const draft = loadDraft()
  return draft !== null && (draft.description.trim() !== '' || draft.employer.trim() !== '' || draft.evidence.length > 0)
}
