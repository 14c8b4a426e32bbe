import type { activitiesContract } from '@shared/contract/activities'
import { ACTIVITY_COVER_DIR } from '@shared/rules/activity-covers'
import { command, serverDate } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { keepImages, type KeptImages } from '../../_lib/images'
import { contentCheck } from '../../_lib/openapi'
import { activities, type ActivityRecord } from '../../_lib/records/activities'
import { signups } from '../../_lib/records/signups'
import type { Handlers } from '../../_lib/router'
import { loadManagedActivity, requireManager } from '../access'
import { detailFor } from '../detail'
import { fillSeats } from '../seats'

type SaveInput = Parameters<Handlers<typeof activitiesContract>['save']>[0]

/**
 * Creates a draft, or edits one. A published activity keeps its union and allocation, never drops
 * its capacity below the seats already taken (checked in the same conditional update), and a lottery
 * keeps its capacity once drawn; more seats let the waitlist move at once.
 */
export const save: Handlers<typeof activitiesContract>['save'] = async (input, { caller }) => {
  await requireManager(caller, input.unionId)
  await checkContent(input, caller.openid)
  const existing = input.activityId ? await loadManagedActivity(input.activityId, caller) : null
  if (existing?.status === 'cancelled') throw new AppFailure('CONFLICT', '已取消的活动不能再编辑')
  const cover = await keepCover(input.coverFileId, existing?.coverFileId ?? null, caller.openid)
  const fields = editableFields(input, cover.fileIDs[0] ?? null)
  let activityId: string
  try {
    activityId = existing ? await edit(existing, input, fields) : await create(input, fields, caller.openid)
  } catch (error) {
    await cover.dropped()
    throw error
  }
  // The activity refers to its cover now; what follows the write must not drop it.
  await cover.taken()
  if (existing?.status === 'published') await followPublishedEdit(existing, input)
  return detailFor(await loadManagedActivity(activityId, caller), caller)
}

/** Covers as staff upload them on the edit page; the same ceiling as the upload's. */
const MAX_COVER_BYTES = 10 * 1024 * 1024

/**
 * The cover as staff send it: the one the activity has stays; a new one must be their own upload
 * and is kept as a clean copy (metadata such as where the photo was taken removed); a replaced
 * cover is deleted once the activity is saved.
 */
function keepCover(fileId: string | null, current: string | null, ownerOpenid: string): Promise<KeptImages> {
  return keepImages(fileId ? [fileId] : [], { dir: ACTIVITY_COVER_DIR, maxBytes: MAX_COVER_BYTES, field: 'coverFileId', list: false }, ownerOpenid, current ? [current] : [])
}

async function create(input: SaveInput, fields: ReturnType<typeof editableFields>, createdBy: string): Promise<string> {
  return activities.add({
    ...fields,
    unionId: input.unionId,
    allocation: input.allocation,
    status: 'draft',
    confirmedCount: 0,
    lineOpen: false,
    promotion: null,
    entryCount: 0,
    drawStatus: input.allocation === 'lottery' ? 'open' : null,
    seedCommitment: null,
    seedSecret: null,
    draw: null,
    publishedAt: null,
    cancelledAt: null,
    cancelReason: null,
    createdBy,
    createdAt: serverDate() as unknown as Date,
    updatedAt: serverDate() as unknown as Date,
  })
}

async function edit(existing: ActivityRecord, input: SaveInput, fields: ReturnType<typeof editableFields>): Promise<string> {
  if (existing.status === 'draft') {
    await activities.updateWhere(
      { _id: existing._id, status: 'draft' },
      { ...fields, unionId: input.unionId, allocation: input.allocation, drawStatus: input.allocation === 'lottery' ? 'open' : null },
    )
  } else {
    await editPublished(existing, input, fields)
  }
  return existing._id
}

async function editPublished(existing: ActivityRecord, input: SaveInput, fields: ReturnType<typeof editableFields>) {
  const _ = command()
  if (input.unionId !== existing.unionId) throw new AppFailure('INVALID_INPUT', '已发布的活动不能更换主办工会', [{ path: 'unionId', message: '已发布的活动不能更换主办工会' }])
  if (input.allocation !== existing.allocation) {
    throw new AppFailure('INVALID_INPUT', '已发布的活动不能更改名额分配方式', [{ path: 'allocation', message: '已发布的活动不能更改名额分配方式' }])
  }
  const capacityChanged = input.capacity !== existing.capacity
  if (capacityChanged && existing.allocation === 'lottery' && existing.drawStatus !== 'open') {
    throw new AppFailure('INVALID_INPUT', '已抽签的活动不能修改名额', [{ path: 'capacity', message: '已抽签的活动不能修改名额' }])
  }
  const updated = await activities.updateWhere(
    {
      _id: existing._id,
      status: 'published',
      confirmedCount: _.lte(input.capacity),
      ...(capacityChanged && existing.allocation === 'lottery' ? { drawStatus: 'open' } : {}),
    },
    fields,
  )
  if (updated === 0) {
    const fresh = await activities.get(existing._id)
    if (!fresh || fresh.status !== 'published') throw new AppFailure('CONFLICT', '活动状态已变化，请刷新后重试')
    if (fresh.confirmedCount <= input.capacity) throw new AppFailure('CONFLICT', '活动已开始抽签，请刷新后重试')
    const message = `名额不能少于已确认的人数（${fresh.confirmedCount} 人）`
    throw new AppFailure('INVALID_INPUT', message, [{ path: 'capacity', message }])
  }
}

/** After a published activity changed: 我的活动 shows the new dates, and new seats go to the waitlist at once. */
async function followPublishedEdit(existing: ActivityRecord, input: SaveInput) {
  if (+new Date(existing.startAt) !== +input.startAt || +new Date(existing.endAt) !== +input.endAt) {
    await signups.updateWhere({ activityId: existing._id }, { activityStartAt: input.startAt, activityEndAt: input.endAt })
  }
  if (input.capacity > existing.capacity) await fillSeats(existing._id, { awaitLateJoiners: true })
}

function editableFields(input: SaveInput, coverFileId: string | null) {
  return {
    title: input.title,
    category: input.category,
    description: input.description,
    place: input.place,
    startAt: input.startAt,
    endAt: input.endAt,
    signupOpensAt: input.signupOpensAt,
    signupClosesAt: input.signupClosesAt,
    cancelCutoffAt: input.cancelCutoffAt,
    capacity: input.capacity,
    membersOnly: input.membersOnly,
    coverFileId,
    updatedAt: serverDate() as unknown as Date,
  }
}

/** Text the public will read goes through WeChat's content check first. */
async function checkContent(input: SaveInput, openid: string) {
  for (const [path, label, value] of [
    ['title', '活动名称', input.title],
    ['description', '活动介绍', input.description],
    ['place', '活动地点', input.place],
  ] as const) {
    const verdict = await contentCheck.check(value, { openid, scene: 'forum' })
    if (verdict.suggest === 'risky') {
      const message = `${label}含有不适合发布的内容${verdict.keywords?.length ? `（${verdict.keywords.join('、')}）` : ''}，请修改`
      throw new AppFailure('CONTENT_REJECTED', message, [{ path, message }])
    }
  }
}
