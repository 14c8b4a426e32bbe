import { FEEDBACK_PAGE } from '@shared/rules/places'

/** The 服务阵地 pages by name, so pages link to each other in one way. */
export const PLACE_PAGES = {
  nearby: '/subpackages/places/pages/nearby/index',
  detail: '/subpackages/places/pages/detail/index',
  report: '/subpackages/places/pages/report/index',
  suggest: '/subpackages/places/pages/suggest/index',
  /** Fixed by the server: the feedback notice opens it. */
  feedback: `/${FEEDBACK_PAGE}`,
} as const

export { pageUrl, queryValue } from '../../../components/page-url'

/** A position carried in a page's query (`lng`, `lat`), so the next page can show distances too. */
export function pointQuery(point: { longitude: number; latitude: number } | undefined): Record<string, string | undefined> {
  return point ? { lng: point.longitude.toFixed(6), lat: point.latitude.toFixed(6) } : {}
}

/** The position `pointQuery` put in a query, if any. */
export function pointFromQuery(params: Record<string, string | undefined>): { longitude: number; latitude: number } | undefined {
  const longitude = Number(params.lng)
  const latitude = Number(params.lat)
  return params.lng && params.lat && Number.isFinite(longitude) && Number.isFinite(latitude) ? { longitude, latitude } : undefined
}
