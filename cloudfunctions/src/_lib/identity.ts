import { collection, type Doc } from './db'

export interface StaffRecord extends Doc {
  openid: string
  unionId: string
  role: 'staff' | 'admin'
  name: string
}

export interface MemberRecord extends Doc {
  openid: string
  unionId: string
  memberNumber: string
  status: 'active' | 'transferred' | 'left'
}

export const staffCollection = collection<StaffRecord>('staff')
export const memberCollection = collection<MemberRecord>('members')

/**
 * The person calling, as the server establishes it from the openid WeChat vouches for. Roles are
 * read from the database on first use and kept for this invocation only.
 */
export class Caller {
  private staff?: Promise<StaffRecord[]>
  private member?: Promise<MemberRecord | null>

  constructor(readonly openid: string) {}

  staffRoles(): Promise<StaffRecord[]> {
    this.staff ??= staffCollection.find({ openid: this.openid }, { limit: 100 })
    return this.staff
  }

  membership(): Promise<MemberRecord | null> {
    this.member ??= memberCollection.findOne({ openid: this.openid, status: 'active' })
    return this.member
  }

  async servesUnion(unionId: string): Promise<boolean> {
    return (await this.staffRoles()).some((role) => role.unionId === unionId)
  }
}
