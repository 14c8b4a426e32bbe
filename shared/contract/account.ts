import * as z from 'zod/mini'
import { STAFF_ROLES } from '../vocabulary'
import { action } from './define'

export const staffRole = z.enum(STAFF_ROLES)

export const membershipStatus = z.enum(['none', 'pending', 'rejected', 'member'])

/** The caller as the server sees them: the client never tells the server who it is. */
export const accountContract = {
  me: action({
    role: 'user',
    input: z.object({}),
    output: z.object({
      membership: z.object({
        status: membershipStatus,
        unionId: z.nullable(z.string()),
        unionName: z.nullable(z.string()),
        memberNumber: z.nullable(z.string()),
      }),
      staffOf: z.array(z.object({ unionId: z.string(), unionName: z.string(), role: staffRole })),
      /** The caller's own folder inside each photo folder: uploads go to `<dir>/<uploadFolder>/<random>.<ext>`. */
      uploadFolder: z.string(),
    }),
  }),
}
