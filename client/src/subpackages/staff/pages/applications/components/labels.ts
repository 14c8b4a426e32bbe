import type { Application } from '../../../../../services/membership'

export const STATUS_LABEL: Record<Application['status'], string> = { pending: '待审核', approved: '已通过', rejected: '未通过' }
