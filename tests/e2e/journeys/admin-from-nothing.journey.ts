import { itemReading, waitForText } from '../driver'
import { journey } from '../journey'
import { openNewestPendingApplication } from './join-steps'
import { application, idFrom } from '../../functions/membership-fixtures'

const FIRST_ADMIN = 'e2e-first-admin'
const NEW_STAFF = 'e2e-new-staff'
const WORKER = 'e2e-new-worker'
const GRASSROOTS = '示范速运有限公司工会'

/** The deployment's setup secret: the runner passes the local cloud's; on DevTools set it to your environment's (which must have no admin yet). */
const SETUP_SECRET = process.env.E2E_SETUP_SECRET

// A union deploys 工会通 and sets itself up from nothing: the holder of the setup secret becomes the
// first admin, builds the tree (city federation → courier sector federation → a company's union),
// invites a colleague, who accepts on their own phone and reviews the first join application. The
// journey ends on the staff workbench, where the dashboard step follows (issue 11's 数据看板).
journey(
  'administration: from an empty cloud to a reviewed application',
  async ({ driver, step, cloud }) => {
    await step('the first admin opens the setup page and sets up 示范市总工会', async () => {
      await driver.open('pages/index/index')
      await driver.signIn(FIRST_ADMIN)
      await driver.open('subpackages/staff/pages/setup/index')
      await driver.fill('.e2e-setup-secret', 'not-the-secret')
      await driver.fill('.e2e-setup-unionName', '示范市总工会')
      await driver.fill('.e2e-setup-city', '示范市')
      await driver.fill('.e2e-setup-name', '王主席')
      await driver.tap('#setup-submit')
      await waitForText(driver, '.e2e-setup-secret-error', '初始化口令不正确')
      await driver.fill('.e2e-setup-secret', SETUP_SECRET!)
      await driver.tap('#setup-submit')
      await driver.waitFor('.e2e-setup-done')
    })

    await step('组织架构 opens inside the new root union', async () => {
      await driver.tap('.e2e-setup-tree')
      await waitForText(driver, '.e2e-tree-parent-name', '示范市总工会')
      await driver.waitFor('.e2e-staff-unions .e2e-empty')
    })

    await step('create the courier sector federation: its platforms come with the sector', async () => {
      await driver.tap('.e2e-tree-create')
      await driver.waitFor('.e2e-staff-union-edit')
      await driver.fill('.e2e-union-form-name', '示范市快递行业工会联合会')
      await driver.tap('.e2e-union-form-kind-sector')
      await driver.tap('#union-form-submit')
      await waitForText(driver, '.e2e-union-form-sector-error', '行业工会联合会请选择所属行业')
      await driver.tap('.e2e-union-form-sector-courier')
      await driver.tap('#union-form-submit')
      await waitForText(driver, '.e2e-union-0 .e2e-union-name', '示范市快递行业工会联合会')
    })

    await step('enter it and create a company union below it', async () => {
      await driver.tap('.e2e-union-0 .e2e-union-name')
      await waitForText(driver, '.e2e-tree-parent-name', '示范市快递行业工会联合会')
      await driver.tap('.e2e-tree-create')
      await driver.waitFor('.e2e-union-form-kind-enterprise.e2e-union-form-kind-on')
      await driver.fill('.e2e-union-form-name', GRASSROOTS)
      await driver.fill('.e2e-union-form-district', '滨江区')
      await driver.fill('.e2e-union-form-contactPhone', '0571-87654321')
      await driver.tap('#union-form-submit')
      await driver.tap(await itemReading(driver, '.e2e-union', GRASSROOTS, { inner: '.e2e-union-name' }))
      await waitForText(driver, '.e2e-tree-parent-name', GRASSROOTS)
    })

    let code = ''
    await step('invite 吴小敏 as staff of the company union: a code to scan', async () => {
      await driver.tap('.e2e-tree-invite')
      await driver.fill('.e2e-invite-name', '吴小敏')
      await driver.tap('#invite-submit')
      await driver.waitFor('.e2e-invite-qr')
      code = await driver.text('.e2e-invite-code')
      expect(code).toMatch(/^[A-Za-z0-9]{20}$/)
    })

    await step('吴小敏 scans the code on her own phone and accepts', async () => {
      await driver.signIn(NEW_STAFF)
      await driver.open('subpackages/staff/pages/invitation/index', { scene: `i.${code}` })
      await waitForText(driver, '.e2e-invitation-offer', `王主席邀请你成为「${GRASSROOTS}」的工作人员`)
      await driver.tap('#invitation-accept')
      await driver.waitFor('.e2e-invitation-accepted')
    })

    if (cloud) {
      await step('a worker applies to the company union (off screen)', async () => {
        const union = (await cloud.collection<{ _id: string; name: string }>('unions')).find((doc) => doc.name === GRASSROOTS)
        await cloud.callAs(WORKER, 'membership', 'apply', application({ unionId: union!._id, name: '郑小军', idNumber: idFrom('33010619950303301'), employmentType: 'employee', employer: '示范速运有限公司', platform: '' }))
      })

      await step('吴小敏 reviews it from her workbench and approves', async () => {
        await driver.tap('.e2e-invitation-home')
        await driver.waitFor('.e2e-staff-tool-applications')
        await openNewestPendingApplication(driver, '郑小军')
        await driver.tap('.e2e-application-approve')
        await driver.tap('.e2e-application-approve-confirm')
        await waitForText(driver, '.e2e-application-status', '已通过')
      })

      await step('the decision is hers, and every step is in the audit log', async () => {
        const [approved] = (await cloud.collection<{ status: string; decidedBy: string }>('applications')).filter((doc) => doc.status === 'approved')
        expect(approved?.decidedBy).toBe(NEW_STAFF)
        const actions = (await cloud.collection<{ action: string }>('auditLog')).map((entry) => entry.action).sort()
        expect(actions).toEqual(['membership.review.approve', 'staff.accept', 'staff.bootstrap', 'staff.invite', 'unions.create', 'unions.create'].sort())
      })
    }

    await step('back on the staff workbench', async () => {
      await driver.open('subpackages/staff/pages/home/index')
      await driver.waitFor('.e2e-staff-tool-applications')
    })
  },
  {
    seed: false,
    skipReason: SETUP_SECRET ? null : 'E2E_SETUP_SECRET is not set: the setup secret of a cloud environment with no admin yet (npm run test:e2e sets the local one)',
  },
)
