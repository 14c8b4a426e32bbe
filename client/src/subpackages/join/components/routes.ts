/** Pages of the join subpackage; their query is read with `queryValue` the same way on weapp and H5. */
export const JOIN_PAGES = {
  start: '/subpackages/join/pages/start/index',
  route: '/subpackages/join/pages/route/index',
  search: '/subpackages/join/pages/search/index',
  form: '/subpackages/join/pages/form/index',
  status: '/subpackages/join/pages/status/index',
  transfer: '/subpackages/join/pages/transfer/index',
} as const

export { pageUrl, queryValue } from '../../../components/page-url'
