/**
 * The staff side's pages by name, across its subpackages (staff: the workbench, join review,
 * activities, the dashboard; casework: complaints; admin: unions, team, audit, invitations, setup; places-staff:
 * places and their feedback), so pages link to each other, and member pages to staff pages, in one way.
 */
export const STAFF_PAGES = {
  home: '/subpackages/staff/pages/home/index',
  applications: '/subpackages/staff/pages/applications/index',
  unionCodes: '/subpackages/staff/pages/union-codes/index',
  verifyCard: '/subpackages/staff/pages/verify-card/index',
  activities: '/subpackages/staff/pages/activities/list/index',
  activityManage: '/subpackages/staff/pages/activities/manage/index',
  complaints: '/subpackages/casework/pages/complaints/list/index',
  complaintCase: '/subpackages/casework/pages/complaints/case/index',
  holidays: '/subpackages/casework/pages/complaints/holidays/index',
  intake: '/subpackages/casework/pages/complaints/intake/index',
  tiers: '/subpackages/casework/pages/complaints/tiers/index',
  setup: '/subpackages/admin/pages/setup/index',
  unions: '/subpackages/admin/pages/unions/index',
  unionEdit: '/subpackages/admin/pages/unions/edit/index',
  team: '/subpackages/admin/pages/team/index',
  invite: '/subpackages/admin/pages/team/invite/index',
  invitation: '/subpackages/admin/pages/invitation/index',
  audit: '/subpackages/admin/pages/audit/index',
  dashboard: '/subpackages/staff/pages/dashboard/index',
  places: '/subpackages/places-staff/pages/places/list/index',
  placeEdit: '/subpackages/places-staff/pages/places/edit/index',
  placeQueue: '/subpackages/places-staff/pages/places/queue/index',
} as const

export { pageUrl, queryValue } from './page-url'
