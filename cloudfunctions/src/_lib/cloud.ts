import * as cloud from 'wx-server-sdk'

let initialised = false

/** The SDK, initialised once per instance for the environment the function is deployed in. */
export function wx(): typeof cloud {
  if (!initialised) {
    // DYNAMIC_CURRENT_ENV: the same bundle runs in whichever environment it is deployed to.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    initialised = true
  }
  return cloud
}

const present = (value: unknown) => typeof value === 'string' && value.length > 0

/** The caller's openid as WeChat (or the local cloud) vouches for it; never taken from the event. */
export function callerOpenid(): string | null {
  const openid = wx().getWXContext().OPENID
  return present(openid) ? (openid as string) : null
}

/** Whether the platform names a person behind this call: their openid, or, for a call from another account, theirs there. */
export function hasCallerIdentity(): boolean {
  const context = wx().getWXContext() as { OPENID?: unknown; FROM_OPENID?: unknown }
  return present(context.OPENID) || present(context.FROM_OPENID)
}
