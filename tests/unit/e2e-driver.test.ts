import { artifactName, isStubFailure, normalizeRoute, pollUntil, routeUrl, selectorParts, WaitTimeout, waitForText, type Driver } from '../e2e/driver'

describe('journey driver helpers', () => {
  it('accepts e2e classes, ids and descendant chains, and nothing else', () => {
    expect(selectorParts('.e2e-home')).toEqual(['.e2e-home'])
    expect(selectorParts(' .e2e-card  #join-submit.e2e-primary ')).toEqual(['.e2e-card', '#join-submit.e2e-primary'])
    for (const bad of ['', 'view', '.home', '.e2e-a > .e2e-b', '[data-e2e=x]', '.e2e-a:first-child', 'taro-view-core']) {
      expect(() => selectorParts(bad)).toThrow(/\.e2e-/)
    }
  })

  it('writes routes without leading slash and with a query', () => {
    expect(routeUrl('/pages/me/index', { x: 1, tab: 'a b' })).toBe('pages/me/index?x=1&tab=a+b')
    expect(routeUrl('pages/index/index')).toBe('pages/index/index')
    expect(normalizeRoute('/pages/me/index?x=1')).toBe('pages/me/index')
  })

  it('makes file-safe artifact names that keep Chinese', () => {
    expect(artifactName('first visit: 我的 / 会员?')).toBe('first-visit-我的-会员')
  })

  it('tells a stubbed failure from a result by the WeChat errMsg', () => {
    expect(isStubFailure({ errMsg: 'scanCode:fail cancel' })).toBe(true)
    expect(isStubFailure({ errMsg: 'scanCode:ok', result: 'x' })).toBe(false)
    expect(isStubFailure({ code: 'c' })).toBe(false)
  })

  it('polls until true, treating errors as not yet, and times out with the last error', async () => {
    let calls = 0
    await pollUntil(() => ++calls >= 3, 'three calls', { timeoutMs: 1_000, intervalMs: 5 })
    expect(calls).toBe(3)
    const failing = pollUntil(
      () => {
        throw new Error('page is navigating')
      },
      'something',
      { timeoutMs: 50, intervalMs: 5 },
    )
    await expect(failing).rejects.toThrow(new WaitTimeout('waited 50 ms for something (last error: page is navigating)'))
  })

  it('waitForText says what the screen read instead', async () => {
    const screen: Record<string, string> = { '.e2e-membership-status': '还不是会员' }
    const driver = {
      exists: async (selector: string) => selector in screen,
      text: async (selector: string) => screen[selector] ?? '',
    } as unknown as Driver
    await waitForText(driver, '.e2e-membership-status', '还不是会员', { timeoutMs: 100 })
    await waitForText(driver, '.e2e-membership-status', /会员/, { timeoutMs: 100 })
    await expect(waitForText(driver, '.e2e-membership-status', '工会会员', { timeoutMs: 60, intervalMs: 10 })).rejects.toThrow(
      'waited 60 ms for .e2e-membership-status to read 工会会员; it reads "还不是会员"',
    )
    await expect(waitForText(driver, '.e2e-missing', 'x', { timeoutMs: 30, intervalMs: 10 })).rejects.toThrow(/the element never appeared/)
  })
})
