import { OTHER_PLATFORM, type UnionKind, type UnionStatus } from '../vocabulary'

/**
 * Joining rules that both the form and the cloud function apply: who may join which union, the
 * vocabulary of the form, and how a gig worker without a QR code is routed (DESIGN §4).
 */

export const EMPLOYMENT_TYPES = ['employee', 'platform', 'flexible'] as const
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number]

export const EMPLOYMENT_TYPE_LABELS: Record<EmploymentType, string> = {
  employee: '单位职工',
  platform: '平台劳动者（快递、外卖、网约车、货运）',
  flexible: '灵活就业人员',
}

/** Legal minimum working age (劳动法 §15): younger people cannot join a union as workers. */
export const MIN_JOIN_AGE = 16

/** Reasons staff pick from when rejecting; they may also type their own. */
export const REJECT_REASONS = [
  '姓名与身份证号不一致，请核对后重新提交',
  '工作单位或平台信息不完整，请补充后重新提交',
  '不属于本工会的服务范围，请向所在行业或街道工会申请',
  '联系电话无法接通，请核对手机号后重新提交',
] as const

/** The union fields routing and joining look at. */
export interface JoinableUnion {
  _id: string
  name: string
  kind: UnionKind
  district: string | null
  platforms: string[]
  status: UnionStatus
  /** Whether people may apply to it, as its admins set it; absent on unions stored before the setting existed. */
  takesMembers?: boolean
}

/**
 * Whether a union takes applications when its admins have not said: a city federation (总工会) does
 * not take members itself (workers join an enterprise union or a sector or district federation
 * below it); every other kind does.
 */
export function takesMembersByDefault(kind: UnionKind): boolean {
  return kind !== 'federation'
}

const takesMembers = (union: Pick<JoinableUnion, 'kind' | 'takesMembers'>) => union.takesMembers ?? takesMembersByDefault(union.kind)

/** Whether people can apply to this union directly: it is active and its admins let it take members. */
export function acceptsMembers(union: Pick<JoinableUnion, 'kind' | 'status' | 'takesMembers'>): boolean {
  return union.status === 'active' && takesMembers(union)
}

/** Why a union cannot take an application, in words for the person; null when it can. */
export function refusalFor(union: Pick<JoinableUnion, 'kind' | 'status' | 'name' | 'takesMembers'>): string | null {
  if (union.status !== 'active') return `「${union.name}」已撤销，不再接收入会申请，请搜索其他工会`
  if (takesMembers(union)) return null
  if (union.kind === 'federation') return `「${union.name}」不直接发展会员，请选择所在单位、行业或街道的工会`
  return `「${union.name}」暂不接收入会申请，请选择所在单位、行业或街道的其他工会`
}

export interface RouteRequest {
  employmentType: EmploymentType
  platform?: string | undefined
  district: string
}

export interface RouteOption<U extends JoinableUnion = JoinableUnion> {
  union: U
  /** One sentence saying why this union can take the person. */
  reason: string
}

/**
 * The unions a worker without a QR code may join: the sector federation of their platform first,
 * then the federation of their district (which takes every worker there, including those whose
 * platform has no sector federation and those whose employer has no union).
 */
export function routeWorker<U extends JoinableUnion>(unions: U[], request: RouteRequest): RouteOption<U>[] {
  const open = unions.filter(acceptsMembers)
  const options: RouteOption<U>[] = []
  const platform = request.platform?.trim()
  if (request.employmentType === 'platform' && platform && platform !== OTHER_PLATFORM) {
    for (const union of open) {
      if (union.kind === 'sector' && union.platforms.includes(platform)) {
        options.push({ union, reason: `你在「${platform}」平台工作，可以加入本市这个行业的工会联合会，行业工会熟悉平台规则和劳动者诉求` })
      }
    }
  }
  for (const union of open) {
    if (union.kind === 'district' && union.district === request.district) {
      const why =
        request.employmentType === 'employee'
          ? '所在单位还没有建立工会的职工，可以先加入工作地所在街道的工会联合会'
          : `你在${request.district}工作，可以就近加入所在街道的工会联合会，参加身边的活动、寻求帮助`
      options.push({ union, reason: why })
    }
  }
  return options
}

/** The districts and platforms the routing form offers, read from the union tree. */
export function routeChoices(unions: JoinableUnion[]): { districts: string[]; platforms: string[] } {
  const open = unions.filter(acceptsMembers)
  const districts = [...new Set(open.filter((u) => u.kind === 'district' && u.district).map((u) => u.district as string))]
  const platforms = [...new Set(open.filter((u) => u.kind === 'sector').flatMap((u) => u.platforms))]
  return { districts: districts.sort((a, b) => a.localeCompare(b, 'zh')), platforms: [...platforms, OTHER_PLATFORM] }
}
