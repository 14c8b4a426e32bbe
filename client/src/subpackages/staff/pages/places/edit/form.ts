import { formatDay, WEEKDAY_KEYS, type OpeningHours, type TimeRange, type WeekdayKey } from '@shared/rules/places'
import type { PlaceFacility, PlaceType } from '@shared/vocabulary'
import type { PlaceDetail, SavePlaceInput } from '../../../../../services/places'

/** A place's edit form as typed: coordinates and each day's hours as text. */
export interface PlaceForm {
  unionId: string
  name: string
  type: PlaceType | undefined
  district: string
  address: string
  longitude: string
  latitude: string
  always: boolean
  /** `08:00-12:00、14:00-18:00`; empty is a closed day. */
  days: Record<WeekdayKey, string>
  facilities: PlaceFacility[]
  phone: string
  description: string
  photos: Array<{ fileId: string; url: string }>
}

const OFFICE_DAY = '09:00-17:30'

export function blankForm(unionId: string): PlaceForm {
  const days = Object.fromEntries(WEEKDAY_KEYS.map((day) => [day, OFFICE_DAY])) as Record<WeekdayKey, string>
  return { unionId, name: '', type: undefined, district: '', address: '', longitude: '', latitude: '', always: false, days, facilities: [], phone: '', description: '', photos: [] }
}

/** A day's periods as the form shows them: `08:00-12:00、14:00-18:00` (a period past midnight keeps its closing time). */
function dayText(ranges: readonly TimeRange[]): string {
  return ranges.length === 0 ? '' : ranges.map((range) => `${range.open}-${range.close}`).join('、')
}

export function formOf(place: PlaceDetail): PlaceForm {
  const days = Object.fromEntries(WEEKDAY_KEYS.map((day) => [day, place.hours.always ? OFFICE_DAY : dayText(place.hours.weekly[day])])) as Record<WeekdayKey, string>
  return {
    unionId: place.unionId,
    name: place.name,
    type: place.type,
    district: place.district,
    address: place.address,
    longitude: String(place.location.longitude),
    latitude: String(place.location.latitude),
    always: place.hours.always,
    days,
    facilities: place.facilities,
    phone: place.phone ?? '',
    description: place.description ?? '',
    photos: place.photos,
  }
}

/**
 * A day's text as periods: separated by `、` `,` or spaces, each `08:00-20:00` (also `–`, `~`, `至`).
 * Text that is not a period stays as typed, so the contract's check names the day and says how to write it.
 */
export function parseDay(text: string): TimeRange[] {
  return text
    .split(/[、,，;；\s]+/)
    .filter(Boolean)
    .map((part) => {
      const [open = '', close = ''] = part.split(/[-–~至]/)
      return { open: open.trim(), close: close.trim() }
    })
}

export function hoursOf(form: PlaceForm): OpeningHours {
  if (form.always) return { always: true }
  return { always: false, weekly: Object.fromEntries(WEEKDAY_KEYS.map((day) => [day, parseDay(form.days[day])])) as Record<WeekdayKey, TimeRange[]> }
}

/** What the hours read as once saved, under the day's box: `08:00–20:00` or `休息`. */
export function dayPreview(text: string): string {
  return formatDay(parseDay(text).filter((range) => /^\d\d:\d\d$/.test(range.open) && /^\d\d:\d\d$/.test(range.close)))
}

/** The form as the contract takes it (unparsable numbers become NaN, which the contract names). */
export function toInput(form: PlaceForm, placeId: string | undefined): Omit<SavePlaceInput, 'type'> & { type: PlaceType | undefined } {
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text.trim()))
  const longitude = number(form.longitude)
  const latitude = number(form.latitude)
  return {
    ...(placeId ? { placeId } : {}),
    unionId: form.unionId,
    name: form.name.trim(),
    type: form.type,
    district: form.district.trim(),
    address: form.address.trim(),
    location: { longitude: longitude as number, latitude: latitude as number },
    hours: hoursOf(form),
    facilities: form.facilities,
    phone: form.phone.trim() === '' ? null : form.phone.trim(),
    photos: form.photos.map((photo) => photo.fileId),
    description: form.description.trim() || undefined,
  }
}
