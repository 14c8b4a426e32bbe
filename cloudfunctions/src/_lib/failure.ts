import type { ErrorCode, FieldError } from '@shared/result'

/**
 * Thrown by handlers for an outcome the caller should see (`CONFLICT`, `NOT_FOUND`, …); the router
 * turns it into an error envelope. Anything else thrown becomes `INTERNAL` with nothing leaked.
 */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message)
    this.name = 'AppFailure'
  }
}
