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

/** The caller's openid as WeChat (or the local cloud) vouches for it; never taken from the event. */
export function callerOpenid(): string | null {
  const openid = wx().getWXContext().OPENID
  return typeof openid === 'string' && openid.length > 0 ? openid : null
}
