import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { DEV_IDENTITIES } from '../../../emulator/seed/identities'
import { wageCase } from '../../functions/complaints-fixtures'
import { artifactDir, type AxeViolation, type Query } from '../driver'
import { currentTarget } from '../drivers'
import { journey } from '../journey'
import type { LocalCloud } from '../local-cloud'

/**
 * axe-core on every page of the H5 build, for every dev identity and a person the cloud has never
 * seen: any serious or critical violation fails. The pages come from client/src/app.config.ts, so
 * a page added there is checked without touching this file; a page that needs a query gets one
 * from QUERIES (seed data, or a complaint filed here), the others open bare.
 */

/** Serious and critical are what block a person (unreadable text, an unlabelled control); minor and moderate are listed, not failed. */
const BLOCKING = new Set<AxeViolation['impact']>(['serious', 'critical'])

/** Someone the cloud has never seen: what a first visit shows. */
const NEW_PERSON = 'a11y-newcomer'

interface AppConfig {
  pages: string[]
  subPackages?: Array<{ root: string; pages: string[] }>
}

/** Every route of the app, read from the config the build reads (defineAppConfig is a global there). */
async function appRoutes(): Promise<string[]> {
  const holder = globalThis as unknown as { defineAppConfig?: (config: AppConfig) => AppConfig }
  holder.defineAppConfig = (config) => config
  const config = ((await import('../../../client/src/app.config')) as unknown as { default: AppConfig }).default
  return [...config.pages, ...(config.subPackages ?? []).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`))]
}

/** What the journey set up for pages that show one thing (a case, an application). */
interface Fixtures {
  complaintId: string
  applicationId: string
}

/** The query a page needs to show something real; a route not listed opens without one. */
const QUERIES: Record<string, (fixtures: Fixtures) => Query> = {
  'subpackages/activity/pages/detail/index': () => ({ id: 'act-summer-care' }),
  'subpackages/activity/pages/verify/index': () => ({ id: 'act-summer-care' }),
  'subpackages/complaint/pages/case/index': ({ complaintId }) => ({ id: complaintId }),
  'subpackages/join/pages/form/index': () => ({ unionId: 'u-courier' }),
  'subpackages/places/pages/detail/index': () => ({ placeId: 'pl-bj-jiangnan' }),
  'subpackages/places/pages/report/index': () => ({ placeId: 'pl-bj-jiangnan', name: '江南大道快递员爱心驿站' }),
  'subpackages/staff/pages/applications/detail/index': ({ applicationId }) => ({ applicationId }),
  'subpackages/casework/pages/complaints/case/index': ({ complaintId }) => ({ id: complaintId }),
  'subpackages/staff/pages/activities/edit/index': () => ({ id: 'act-summer-care' }),
  'subpackages/staff/pages/activities/manage/index': () => ({ id: 'act-summer-care' }),
  'subpackages/staff/pages/activities/checkin/index': () => ({ id: 'act-summer-care' }),
  'subpackages/admin/pages/unions/edit/index': () => ({ unionId: 'u-courier' }),
  'subpackages/places-staff/pages/places/edit/index': () => ({ placeId: 'pl-bj-jiangnan' }),
  'subpackages/admin/pages/team/index': () => ({ unionId: 'u-courier', unionName: '示范市快递行业工会联合会' }),
}

async function setUp(cloud: LocalCloud): Promise<Fixtures> {
  const filed = await cloud.callAs('demo-member', 'complaints', 'file', wageCase())
  const applications = await cloud.collection<{ _id: string; openid: string }>('applications')
  const application = applications.find((item) => item.openid === 'demo-member') ?? applications[0]
  if (!application) throw new Error('the seed has no membership application to show on the staff detail page')
  return { complaintId: filed.complaintId, applicationId: application._id }
}

interface PageResult {
  route: string
  openid: string
  violations: AxeViolation[]
}

function blocking(result: PageResult): AxeViolation[] {
  return result.violations.filter((violation) => BLOCKING.has(violation.impact))
}

/** The table testers read: one row per page, how many rules it breaks for each identity, then each broken rule and its elements. */
function report(routes: string[], identities: string[], results: PageResult[]): string {
  const count = (route: string, openid: string) => blocking(results.find((result) => result.route === route && result.openid === openid) as PageResult).length
  const lines = [`| page | ${identities.join(' | ')} |`, `|---|${identities.map(() => '---:').join('|')}|`]
  for (const route of routes) lines.push(`| ${route} | ${identities.map((openid) => count(route, openid)).join(' | ')} |`)
  const total = results.reduce((sum, result) => sum + blocking(result).length, 0)
  lines.push('', `serious or critical violations: ${total} on ${routes.length} pages × ${identities.length} identities`)
  for (const result of results) {
    for (const violation of blocking(result)) {
      lines.push(`- ${result.route} as ${result.openid}: ${violation.impact} ${violation.id} (${violation.help}) at ${violation.targets.join(', ')}`)
    }
  }
  return lines.join('\n')
}

const skipReason = currentTarget() === 'h5' ? null : 'axe-core needs a browser that lays pages out; it runs on the H5 leg'

journey(
  'accessibility: no page has a serious or critical axe-core violation, whoever is signed in',
  async ({ driver, step, cloud }) => {
    const browser = driver.browser
    if (!browser || !cloud) throw new Error('the accessibility check needs the H5 leg (a browser and the local cloud)')
    const fixtures = await step('file a complaint as 张师傅, so the case pages have one to show', () => setUp(cloud))
    const routes = await appRoutes()
    // A page that moved would otherwise be audited without its query, showing only an error state.
    const unknown = Object.keys(QUERIES).filter((route) => !routes.includes(route))
    if (unknown.length > 0) throw new Error(`QUERIES names pages app.config.ts does not have: ${unknown.join(', ')}`)
    const identities = [...DEV_IDENTITIES.map((identity) => identity.openid as string), NEW_PERSON]
    const results: PageResult[] = []
    const started = Date.now()
    for (const openid of identities) {
      await step(`sign in as ${openid} and audit every page`, async () => {
        await driver.open(routes[0] as string)
        await driver.signIn(openid)
        for (const route of routes) {
          await driver.open(route, QUERIES[route]?.(fixtures))
          results.push({ route, openid, violations: await browser.audit() })
        }
      })
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(0)
    const text = `${report(routes, identities, results)}\n\n${results.length} pages audited in ${seconds} s`
    const file = path.join(artifactDir('h5'), 'accessibility.md')
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, `${text}\n`)
    process.stdout.write(`\naxe-core, serious + critical violations per page (also in ${path.relative(process.cwd(), file)}):\n${text}\n`)
    await step('no page has a serious or critical violation', async () => {
      expect(results.filter((result) => blocking(result).length > 0).map((result) => `${result.route} as ${result.openid}`)).toEqual([])
    })
  },
  // Five people times every page: longer than one journey's default limit.
  { skipReason, timeoutMs: 15 * 60_000 },
)
