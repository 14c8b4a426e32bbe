/**
 * The actions the audit log records, in the words 操作记录 shows them, and the groups its filter
 * offers. An action is `<function>.<what>[.<detail>]`; filtering by `membership` or
 * `membership.review` takes every action that starts with it.
 */

export const AUDIT_GROUPS = ['staff', 'unions', 'membership', 'complaints', 'activities'] as const
export type AuditGroup = (typeof AUDIT_GROUPS)[number]

export const AUDIT_GROUP_LABELS: Record<AuditGroup, string> = {
  staff: '工作人员',
  unions: '组织架构',
  membership: '入会与会籍',
  complaints: '维权',
  activities: '活动',
}

const ACTION_LABELS: Record<string, string> = {
  'staff.bootstrap': '初始化首位管理员',
  'staff.invite': '邀请工作人员',
  'staff.accept': '接受邀请',
  'staff.revoke': '撤销工作人员',
  'unions.create': '新建工会',
  'unions.update': '修改工会信息',
  'unions.move': '调整上级工会',
  'unions.retire': '撤销工会',
  'membership.review.approve': '通过入会申请',
  'membership.review.reject': '驳回入会申请',
  'membership.viewPersonalData': '查看完整身份证号或手机号',
  'membership.verifyCard': '核验会员卡',
  'complaints.view': '查看维权案件',
  'complaints.reply': '回复求助人',
  'complaints.revealContact': '查看求助人电话',
  'complaints.transition.accepted': '受理案件',
  'complaints.transition.in_progress': '开始办理案件',
  'complaints.transition.resolved': '办结案件',
  'complaints.transition.rejected': '不予受理',
  'complaints.transition.escalated': '发出一函两书',
  'complaints.extend': '延长期限',
  'complaints.refer': '转办',
  'complaints.referralFeedback': '记录转办反馈',
  'complaints.callback': '回访',
  'complaints.qualityCheck': '质检',
  'complaints.intake': '热线来电登记',
  'complaints.saveTierSettings': '设置案件分级期限',
  'complaints.saveHoliday': '设置节假日',
  'complaints.removeHoliday': '删除节假日',
  'activities.cancelActivity': '取消活动',
  'activities.draw': '活动抽签',
  'activities.checkIn': '活动签到',
  'activities.roster.view': '查看报名名单',
  'activities.roster.export': '导出报名名单',
}

/** The action in words; one not listed yet reads as its group and code, never as nothing. */
export function auditActionLabel(action: string): string {
  const known = ACTION_LABELS[action]
  if (known) return known
  const group = action.split('.')[0] as AuditGroup
  return `${AUDIT_GROUP_LABELS[group] ?? '其他'}（${action}）`
}

/** Whether `action` is `filter` or below it: `membership.review` takes `membership.review.approve`. */
export function matchesAuditFilter(action: string, filter: string): boolean {
  return action === filter || action.startsWith(`${filter}.`)
}

/** The fields audit entries record, in words. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  name: '名称',
  staffName: '姓名',
  kind: '类型',
  parent: '上级工会',
  city: '城市',
  sector: '所属行业',
  district: '所在区县',
  platforms: '服务平台',
  takesMembers: '接收入会申请',
  contactPhone: '联系电话',
  address: '办公地址',
  status: '状态',
  role: '角色',
  expiresAt: '有效期至',
  inviterName: '邀请人',
  activeMembers: '在册会员',
  reason: '原因',
  memberNumber: '会员号',
  field: '查看的字段',
  trackingNumber: '案件编号',
  from: '原状态',
  to: '新状态',
  letterType: '文书',
  tier: '案件分级',
  deadline: '期限',
  stage: '延期的阶段',
  days: '延长（工作日）',
  departmentName: '转办部门',
  late: '反馈逾期',
  reached: '联系上求助人',
  satisfaction: '满意度',
  passed: '质检通过',
  note: '说明',
  category: '求助类型',
  callerName: '来电人',
  date: '日期',
  general: '一般（受理/办结 工作日）',
  difficult: '难点（受理/办结 工作日）',
  complex: '特别复杂（受理/办结 工作日）',
  referralDays: '转办反馈（工作日）',
}

/** What an entry acted on, in words. */
export const AUDIT_TARGET_LABELS: Record<string, string> = {
  unions: '工会',
  staff: '工作人员',
  invitations: '邀请',
  applications: '入会申请',
  members: '会员',
  complaints: '维权案件',
  activities: '活动',
  signups: '报名',
  holidays: '节假日',
  complaintSettings: '案件分级期限',
}
