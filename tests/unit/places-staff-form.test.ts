// The staff place form: each day's hours typed as text become the contract's periods, and the
// contract (the same check the server runs) names the day when the text is not a period.
import { placesContract } from '@shared/contract/places'
import { blankForm, parseDay, toInput, type PlaceForm } from '../../client/src/subpackages/staff/pages/places/edit/form'

function filled(patch: Partial<PlaceForm> = {}): PlaceForm {
  return {
    ...blankForm('u-courier'),
    name: '浦沿街道社区爱心驿站',
    type: 'outdoor_station',
    district: '滨江区',
    address: '滨江区浦沿路 88 号 社区服务中心一楼',
    longitude: '120.1688',
    latitude: '30.1802',
    facilities: ['water', 'charging'],
    ...patch,
  }
}

describe('the staff place form', () => {
  it('reads a day as periods, whatever dash or separator staff type', () => {
    expect(parseDay('08:00-12:00、14:00–18:00')).toEqual([
      { open: '08:00', close: '12:00' },
      { open: '14:00', close: '18:00' },
    ])
    expect(parseDay('20:00~08:00')).toEqual([{ open: '20:00', close: '08:00' }])
    expect(parseDay('  ')).toEqual([])
  })

  it('gives the contract what the server stores: coordinates as numbers, a closed day as none, no phone as null', () => {
    const parsed = placesContract.save.input.safeParse(toInput(filled({ days: { ...blankForm('u').days, sun: '' } }), undefined))
    expect(parsed.success).toBe(true)
    if (!parsed.success) return
    expect(parsed.data.location).toEqual({ longitude: 120.1688, latitude: 30.1802 })
    expect(parsed.data.hours).toMatchObject({ always: false, weekly: { mon: [{ open: '09:00', close: '17:30' }], sun: [] } })
    expect(parsed.data.phone).toBeNull()
  })

  it('names the day whose text is not a period, and the missing position', () => {
    const parsed = placesContract.save.input.safeParse(toInput(filled({ longitude: '', days: { ...blankForm('u').days, wed: '早上八点' } }), undefined))
    expect(parsed.success).toBe(false)
    if (parsed.success) return
    const messages = parsed.error.issues.map((issue) => [issue.path.slice(0, 3).join('.'), issue.message])
    expect(messages).toContainEqual(['hours.weekly.wed', '开门时间格式不正确，应为 时:分，如 08:30'])
    expect(messages).toContainEqual(['location.longitude', '请在地图上选择位置'])
  })
})
