import {
  canMove,
  canReply,
  COMPLAINT_STATUSES,
  isOpen,
  staffTransitionsFrom,
  statusesBefore,
  transitionNeedsNote,
  type ComplaintStatus,
  type ComplaintStep,
} from '@shared/rules/complaint-status'

const STEPS: ComplaintStep[] = ['transition', 'refer', 'referralFeedback', 'callback', 'rate', 'qualityCheck', 'autoClose']

const LEGAL: Array<[step: ComplaintStep, from: ComplaintStatus, to: ComplaintStatus]> = [
  ['transition', 'submitted', 'accepted'],
  ['transition', 'submitted', 'rejected'],
  ['transition', 'accepted', 'in_progress'],
  ['transition', 'accepted', 'escalated'],
  ['transition', 'in_progress', 'resolved'],
  ['transition', 'in_progress', 'escalated'],
  ['transition', 'escalated', 'resolved'],
  ['refer', 'accepted', 'referred'],
  ['refer', 'in_progress', 'referred'],
  ['refer', 'escalated', 'referred'],
  ['referralFeedback', 'referred', 'in_progress'],
  ['callback', 'resolved', 'reviewing'],
  ['rate', 'resolved', 'reviewing'],
  ['qualityCheck', 'reviewing', 'closed'],
  ['qualityCheck', 'reviewing', 'in_progress'],
  ['autoClose', 'resolved', 'closed'],
]

describe('complaint status machine', () => {
  it('allows exactly the listed moves, each by its own step', () => {
    for (const step of STEPS) {
      for (const from of COMPLAINT_STATUSES) {
        for (const to of COMPLAINT_STATUSES) {
          const expected = LEGAL.some(([s, f, t]) => s === step && f === from && t === to)
          expect([step, from, to, canMove(step, from, to)]).toEqual([step, from, to, expected])
        }
      }
    }
  })

  it('closes a case only through the quality check or the 7-day timer, and never reopens a finished one', () => {
    const closers = LEGAL.filter(([, , to]) => to === 'closed').map(([step]) => step)
    expect(closers).toEqual(['qualityCheck', 'autoClose'])
    for (const step of STEPS) for (const to of COMPLAINT_STATUSES) expect(canMove(step, 'closed', to) || canMove(step, 'rejected', to)).toBe(false)
    expect(staffTransitionsFrom('closed')).toEqual([])
    expect(staffTransitionsFrom('resolved')).toEqual([])
    expect(staffTransitionsFrom('referred')).toEqual([])
  })

  it('lists the buttons staff see, and where each other step starts', () => {
    expect(staffTransitionsFrom('submitted')).toEqual(['accepted', 'rejected'])
    expect(staffTransitionsFrom('in_progress')).toEqual(['resolved', 'escalated'])
    expect(statusesBefore('refer')).toEqual(['accepted', 'in_progress', 'escalated'])
    expect(statusesBefore('qualityCheck')).toEqual(['reviewing'])
  })

  it('knows which cases are open and may be replied to', () => {
    expect(COMPLAINT_STATUSES.filter(isOpen)).toEqual(['submitted', 'accepted', 'in_progress', 'escalated', 'referred'])
    expect(canReply('resolved')).toBe(false)
    expect(canReply('reviewing')).toBe(false)
    expect(canReply('referred')).toBe(true)
  })

  it('asks for a reason when rejecting, resolving or escalating', () => {
    expect(COMPLAINT_STATUSES.filter(transitionNeedsNote)).toEqual(['escalated', 'resolved', 'rejected'])
  })
})
