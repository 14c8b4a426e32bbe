import { largeTextRun, waitForText, type Box } from '../driver'
import { journey } from '../journey'

// 长辈模式 on the member card: the switch in 我的 scales the text by 1.3, and at the widths of a
// small, a common and a large phone the QR code stays whole, square and inside the card, in both
// modes. Screenshots: member-card-<mode>-<width>.png. The large-text run opens with the browser's
// font size raised, so the switch starts on there: the app follows the browser until it is touched.
// Headless weapp has no layout: there the switch must put the page wrapper into large text and back.

const WIDTHS = [320, 390, 430]
const HEIGHT = 844
/** The smallest QR side a phone camera reads at arm's length without trouble, in CSS px. */
const QR_MIN_PX = 100

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5
}

journey(
  'large text: the member card stays whole at 320, 390 and 430 px, with standard and large text',
  async ({ driver, step }) => {
    await step('sign in as demo-member and open 我的', async () => {
      await driver.open('pages/me/index')
      await driver.signIn('demo-member')
      await driver.waitFor('.e2e-member-card-qr')
      await waitForText(driver, '.e2e-member-card-name', '张师傅')
    })

    await step(`长辈模式 starts ${largeTextRun() ? 'on, following the browser’s larger font' : 'off, as the browser’s font is standard'}`, async () => {
      expect(await driver.exists('.e2e-me-large-text-on')).toBe(largeTextRun())
    })

    const browser = driver.browser
    if (!browser) {
      await step('the switch turns large text on for the page and off again', async () => {
        await driver.tap('.e2e-me-large-text')
        await driver.waitFor('.e2e-large-text')
        await driver.tap('.e2e-me-large-text')
        await driver.waitFor(async () => !(await driver.exists('.e2e-large-text')))
      })
      return
    }
    const nameSize: Record<string, number> = {}
    for (const mode of ['standard', 'large'] as const) {
      await step(`turn 长辈模式 ${mode === 'large' ? 'on' : 'off'}`, async () => {
        if ((await driver.exists('.e2e-me-large-text-on')) !== (mode === 'large')) await driver.tap('.e2e-me-large-text')
        await driver.waitFor(async () => (await driver.exists('.e2e-me-large-text-on')) === (mode === 'large'))
      })
      for (const width of WIDTHS) {
        await step(`at ${width} px with ${mode} text the QR code is whole, square and inside the card`, async () => {
          await browser.resize(width, HEIGHT)
          if (width === 390) nameSize[mode] = await browser.fontSize('.e2e-member-card-name')
          const frame = await browser.box('.e2e-member-card-qr', { scrollIntoView: true })
          const qr = await browser.imageBox('.e2e-member-card-qr')
          const card = await browser.box('.e2e-member-card')
          await driver.screenshot(`member-card-${mode}-${width}`)
          if (!card || !frame || !qr) throw new Error('the member card or its QR code is not laid out')
          // The picture itself, not only its element: an img wider than its element is cut off.
          expect({ width, inViewport: inside(qr, { x: 0, y: 0, width, height: HEIGHT }), inCard: inside(qr, card), inFrame: inside(qr, frame) }).toEqual({
            width,
            inViewport: true,
            inCard: true,
            inFrame: true,
          })
          expect(Math.abs(qr.width - qr.height)).toBeLessThan(1)
          expect(qr.width).toBeGreaterThanOrEqual(QR_MIN_PX)
        })
      }
    }

    await step('large text is at least 1.3 times the standard size', async () => {
      expect((nameSize.large ?? 0) / (nameSize.standard ?? 1)).toBeGreaterThanOrEqual(1.3 - 0.01)
    })
  },
)
