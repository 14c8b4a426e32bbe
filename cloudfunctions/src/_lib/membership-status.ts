import { applications } from './records/applications'

/** The status of the caller's latest join application, for people who are not (yet) members. */
export async function applicationStatusOf(openid: string): Promise<'none' | 'pending' | 'rejected'> {
  const [latest] = await applications.find({ openid }, { orderBy: [['createdAt', 'desc']], limit: 1, fields: { status: true } })
  if (latest?.status === 'pending') return 'pending'
  if (latest?.status === 'rejected') return 'rejected'
  return 'none'
}
