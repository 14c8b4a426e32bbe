/** The staff pages by name, so pages link to each other in one way. */
export const STAFF_PAGES = {
  home: '/subpackages/staff/pages/home/index',
  setup: '/subpackages/staff/pages/setup/index',
  unions: '/subpackages/staff/pages/unions/index',
  unionEdit: '/subpackages/staff/pages/unions/edit/index',
  team: '/subpackages/staff/pages/team/index',
  invite: '/subpackages/staff/pages/team/invite/index',
  invitation: '/subpackages/staff/pages/invitation/index',
  audit: '/subpackages/staff/pages/audit/index',
  places: '/subpackages/staff/pages/places/list/index',
  placeEdit: '/subpackages/staff/pages/places/edit/index',
  placeQueue: '/subpackages/staff/pages/places/queue/index',
} as const

export { pageUrl, queryValue } from '../../../components/page-url'
