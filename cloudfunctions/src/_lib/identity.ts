import { members, type MemberRecord } from './records/members'
import { staff, type StaffRecord } from './records/staff'
import { ancestorIds, descendantIds } from './union-tree'

/**
 * The person calling, as the server establishes it from the openid WeChat vouches for. Roles are
 * read from the database on first use and kept for this invocation only.
 */
export class Caller {
  private roles?: Promise<StaffRecord[]>
  private member?: Promise<MemberRecord | null>

  constructor(readonly openid: string) {}

  staffRoles(): Promise<StaffRecord[]> {
    this.roles ??= staff.find({ openid: this.openid }, { limit: 100 })
    return this.roles
  }

  membership(): Promise<MemberRecord | null> {
    this.member ??= members.findOne({ openid: this.openid, status: 'active' })
    return this.member
  }

  /**
   * Staff serve their own union; an admin also serves every union below theirs (the city
   * federation's admin can act for the whole tree when a grassroots union has no one on duty).
   * With `{ as: 'admin' }` only the caller's admin roles count: what an admin may change in the
   * tree and its staff (create, edit, retire, invite, revoke, read the audit log) is exactly that.
   */
  async servesUnion(unionId: string, { as }: RoleFilter = {}): Promise<boolean> {
    const roles = rolesAs(await this.staffRoles(), as)
    if (roles.some((role) => role.unionId === unionId)) return true
    const adminOf = new Set(roles.filter((role) => role.role === 'admin').map((role) => role.unionId))
    return adminOf.size > 0 && (await ancestorIds(unionId)).some((id) => adminOf.has(id))
  }

  /** An admin of this union itself (not of one above it): who may change a root union's own settings. */
  async isAdminOf(unionId: string): Promise<boolean> {
    return (await this.staffRoles()).some((role) => role.role === 'admin' && role.unionId === unionId)
  }

  /** An admin who serves the union: of it, or of a union above it. */
  async isAdminServing(unionId: string): Promise<boolean> {
    const adminOf = new Set((await this.staffRoles()).filter((role) => role.role === 'admin').map((role) => role.unionId))
    if (adminOf.size === 0) return false
    return adminOf.has(unionId) || (await ancestorIds(unionId)).some((id) => adminOf.has(id))
  }

  /** Every union `servesUnion` is true for: the caller's own, plus all below those they administer. */
  async servedUnionIds({ as }: RoleFilter = {}): Promise<string[]> {
    const roles = rolesAs(await this.staffRoles(), as)
    const own = [...new Set(roles.map((role) => role.unionId))]
    const below = await descendantIds(roles.filter((role) => role.role === 'admin').map((role) => role.unionId))
    return [...new Set([...own, ...below])]
  }
}

/** Which of the caller's roles count: all of them, or only where they are admin. */
export interface RoleFilter {
  as?: 'admin'
}

const rolesAs = (roles: StaffRecord[], as: RoleFilter['as']) => (as === 'admin' ? roles.filter((role) => role.role === 'admin') : roles)
