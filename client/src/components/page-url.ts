/** `page` with the query encoded (values may be Chinese: 美团, 滨江区). */
export function pageUrl(page: string, query: Record<string, string | undefined> = {}): string {
  const pairs = Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
  return pairs.length === 0 ? page : `${page}?${pairs.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`
}

/** A query value, decoded once whether or not the platform already decoded it. */
export function queryValue(params: Record<string, string | undefined>, key: string): string | undefined {
  const raw = params[key]
  if (raw === undefined || raw === '') return undefined
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}
