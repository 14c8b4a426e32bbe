/** The dev identities of DESIGN §7: stable openids the sign-in page offers and tests sign in as. */
export interface DevIdentity {
  openid: string
  /** The person's name as the seed data knows them. */
  name: string
  /** One line saying who they are, shown on the sign-in page. */
  label: string
}

export const DEV_IDENTITIES = [
  { openid: 'demo-admin', name: '王主席', label: '示范市总工会 · 管理员' },
  { openid: 'demo-staff', name: '李干事', label: '示范市快递行业工会联合会 · 工作人员' },
  { openid: 'demo-member', name: '张师傅', label: '已入会会员（快递员）' },
  { openid: 'demo-worker', name: '陈小妹', label: '尚未入会的外卖骑手' },
] as const satisfies readonly DevIdentity[]

export type DevOpenid = (typeof DEV_IDENTITIES)[number]['openid']

export const DEMO_ADMIN: DevOpenid = 'demo-admin'
export const DEMO_STAFF: DevOpenid = 'demo-staff'
export const DEMO_MEMBER: DevOpenid = 'demo-member'
export const DEMO_WORKER: DevOpenid = 'demo-worker'
