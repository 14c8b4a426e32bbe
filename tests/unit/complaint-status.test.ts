import {
  canReply,
  canTransition,
  COMPLAINT_STATUSES,
  isOpen,
  staffTransitionsFrom,
  transitionNeedsNote,
  type ComplaintStatus,
} from '@shared/rules/complaint-status'

const LEGAL: Array<[actor: 'staff' | 'owner' | 'system', from: ComplaintStatus, to: ComplaintStatus]> = [
  ['staff', 'submitted', 'accepted'],
  ['staff', 'submitted', 'rejected'],
  ['staff', 'accepted', 'in_progress'],
  ['staff', 'accepted', 'escalated'],
  ['staff', 'in_progress', 'resolved'],
  ['staff', 'in_progress', 'escalated'],
  ['staff', 'escalated', 'resolved'],
  ['owner', 'resolved', 'closed'],
  ['system', 'resolved', 'closed'],
]

describe('complaint status machine', () => {
  it('allows exactly the listed moves, for each actor', () => {
    for (const actor of ['staff', 'owner', 'system'] as const) {
      for (const from of COMPLAINT_STATUSES) {
        for (const to of COMPLAINT_STATUSES) {
          const expected = LEGAL.some(([a, f, t]) => a === actor && f === from && t === to)
          expect([actor, from, to, canTransition(actor, from, to)]).toEqual([actor, from, to, expected])
        }
      }
    }
  })

  it('never lets staff close a case or reopen a finished one', () => {
    for (const from of COMPLAINT_STATUSES) expect(canTransition('staff', from, 'closed')).toBe(false)
    expect(staffTransitionsFrom('closed')).toEqual([])
    expect(staffTransitionsFrom('rejected')).toEqual([])
    expect(staffTransitionsFrom('resolved')).toEqual([])
  })

  it('lists the buttons staff see', () => {
    expect(staffTransitionsFrom('submitted')).toEqual(['accepted', 'rejected'])
    expect(staffTransitionsFrom('in_progress')).toEqual(['resolved', 'escalated'])
  })

  it('knows which cases are open and may be replied to', () => {
    expect(COMPLAINT_STATUSES.filter(isOpen)).toEqual(['submitted', 'accepted', 'in_progress', 'escalated'])
    expect(canReply('resolved')).toBe(false)
    expect(canReply('accepted')).toBe(true)
  })

  it('asks for a reason when rejecting, resolving or escalating', () => {
    expect(COMPLAINT_STATUSES.filter(transitionNeedsNote)).toEqual(['resolved', 'rejected', 'escalated'])
  })
})
