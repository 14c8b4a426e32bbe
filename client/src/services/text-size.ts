import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'

/**
 * 长辈模式 (large-text mode): every font size in theme.css is multiplied by --font-scale, which its
 * .large-text class sets to 1.3. It follows the phone: WeChat's own font-size setting on weapp, the browser's
 * default font size on H5, until the person picks 开 or 关 in 我的 (kept on this phone only).
 */
/** The person's choice in 我的; 'system' follows the phone's setting. */
export type TextSizeChoice = 'system' | 'large' | 'standard'

const STORAGE_KEY = 'unionhub.textSize'

/** Above these sizes the person has asked their phone for larger text: WeChat's 标准 is 17 px, a browser's default 16 px. */
const WECHAT_STANDARD_PX = 17
const BROWSER_STANDARD_PX = 16

/** The font size the person set for the whole phone (WeChat) or browser, in px. */
function systemFontSize(): number {
  if (process.env.TARO_ENV === 'h5') {
    // `medium` is the browser's default font size, whatever the page set on <html>.
    const probe = document.createElement('div')
    probe.style.cssText = 'font-size: medium; position: absolute; visibility: hidden'
    document.body.appendChild(probe)
    const size = parseFloat(getComputedStyle(probe).fontSize)
    probe.remove()
    return Number.isFinite(size) ? size : BROWSER_STANDARD_PX
  }
  // getAppBaseInfo since base library 2.20.1 (WeChat returns fontSizeSetting, Taro's types omit it);
  // getSystemInfoSync before that, deprecated since.
  const setting = typeof Taro.getAppBaseInfo === 'function' ? (Taro.getAppBaseInfo() as { fontSizeSetting?: number }).fontSizeSetting : Taro.getSystemInfoSync().fontSizeSetting
  return setting ?? WECHAT_STANDARD_PX
}

export function systemWantsLargeText(): boolean {
  return systemFontSize() > (process.env.TARO_ENV === 'h5' ? BROWSER_STANDARD_PX : WECHAT_STANDARD_PX)
}

export function textSizeChoice(): TextSizeChoice {
  const stored: unknown = Taro.getStorageSync(STORAGE_KEY)
  return stored === 'large' || stored === 'standard' ? stored : 'system'
}

export function largeTextOn(choice: TextSizeChoice = textSizeChoice()): boolean {
  return choice === 'system' ? systemWantsLargeText() : choice === 'large'
}

const listeners = new Set<(on: boolean) => void>()

/** Shows the mode: H5 sets the class on <html> that theme.css scales from; weapp pages read useLargeText. */
function apply(on: boolean): void {
  if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('large-text', on)
  for (const listener of listeners) listener(on)
}

/** Called once when the app starts. */
export function applyTextSize(): void {
  apply(largeTextOn())
}

/** The switch in 我的: from then on this phone keeps the person's choice, whatever the font setting. */
export function setTextSizeChoice(choice: Exclude<TextSizeChoice, 'system'>): void {
  Taro.setStorageSync(STORAGE_KEY, choice)
  apply(largeTextOn(choice))
}

/** Whether large text is on now, kept current when the person changes it in 我的. */
export function useLargeText(): boolean {
  const [on, setOn] = useState(largeTextOn)
  useEffect(() => {
    listeners.add(setOn)
    return () => void listeners.delete(setOn)
  }, [])
  return on
}
