import type * as z from 'zod/mini'

/**
 * Who may call an action. The router checks this from the caller's real identity before it looks
 * at the input; finer rules ("staff of THIS union") live in the handler.
 * - `anyone`: no identity needed (e.g. resolving a QR scene before sign-in)
 * - `user`: any caller with an openid
 * - `member`: an approved union member
 * - `staff`: staff or admin of at least one union
 * - `admin`: admin of at least one union
 */
export type Role = 'anyone' | 'user' | 'member' | 'staff' | 'admin'

export interface ActionSpec<I extends z.ZodMiniType = z.ZodMiniType, O extends z.ZodMiniType = z.ZodMiniType, R extends Role = Role> {
  input: I
  output: O
  role: R
  /** A write that a double tap could repeat: the router makes it idempotent on `requestId`. */
  idempotent?: boolean
}

/** Declares one action; the identity function only pins the generic types. */
export function action<I extends z.ZodMiniType, O extends z.ZodMiniType, R extends Role>(
  spec: ActionSpec<I, O, R>,
): ActionSpec<I, O, R> {
  return spec
}

export type FunctionContract = Record<string, ActionSpec>
