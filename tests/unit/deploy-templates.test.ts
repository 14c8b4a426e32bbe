import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { clientDeployment, EXAMPLE_FILE, templateVariable } from '../../config/deployment'
import { TEMPLATE_NAMES, templateEnvironment } from '../../scripts/deploy/config'
import type { SUBSCRIBE_TEMPLATES } from '../../shared/subscribe-templates'

type Templates = typeof SUBSCRIBE_TEMPLATES

/** The module as a function instance (or the build) sees it with `env` in its environment. */
function templatesWith(env: Record<string, string>): Templates {
  const saved = { ...process.env }
  Object.assign(process.env, env)
  try {
    let loaded: Templates | undefined
    jest.isolateModules(() => {
      loaded = (jest.requireActual('../../shared/subscribe-templates') as { SUBSCRIBE_TEMPLATES: Templates }).SUBSCRIBE_TEMPLATES
    })
    return loaded!
  } finally {
    for (const name of Object.keys(env)) delete process.env[name]
    Object.assign(process.env, saved)
  }
}

describe('subscribe-message template ids from the deployment configuration', () => {
  it('are read by every template from the variable the deployment and the build set, with a placeholder without it', () => {
    expect(TEMPLATE_NAMES).toEqual(['joinResult', 'complaintProgress', 'activityResult', 'activityCancelled', 'placeFeedback'])
    const configured = Object.fromEntries(TEMPLATE_NAMES.map((name) => [templateVariable(name), `account-id-of-${name}`]))
    const deployed = templatesWith(configured)
    const local = templatesWith({})
    for (const name of TEMPLATE_NAMES) {
      expect(deployed[name as keyof Templates].id).toBe(`account-id-of-${name}`)
      expect(local[name as keyof Templates].id).toMatch(/^unionhub-/)
    }
  })

  it('name the variables from the template names, the same for the functions and the build', () => {
    expect(templateVariable('joinResult')).toBe('UNIONHUB_TEMPLATE_JOIN_RESULT')
    expect(templateVariable('activityCancelled')).toBe('UNIONHUB_TEMPLATE_ACTIVITY_CANCELLED')
    expect(templateEnvironment({ complaintProgress: 'abc' })).toEqual({ UNIONHUB_TEMPLATE_COMPLAINT_PROGRESS: 'abc' })
  })

  it('are all listed, empty, in the committed example', () => {
    const example = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')) as { subscribeTemplates: Record<string, string> }
    expect(example.subscribeTemplates).toEqual(Object.fromEntries(TEMPLATE_NAMES.map((name) => [name, ''])))
  })

  it('are inlined by the build for every template: the configured id, or empty for the placeholder', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'uh-templates-')), 'deploy.config.json')
    writeFileSync(file, JSON.stringify({ cloudEnv: 'unionhub-prod-8g3x', subscribeTemplates: { joinResult: 'JOIN-ID', activityResult: '' } }))
    expect(clientDeployment({ UNIONHUB_DEPLOY_CONFIG: file })).toEqual({
      cloudEnv: 'unionhub-prod-8g3x',
      templateVariables: {
        UNIONHUB_TEMPLATE_JOIN_RESULT: 'JOIN-ID',
        UNIONHUB_TEMPLATE_COMPLAINT_PROGRESS: '',
        UNIONHUB_TEMPLATE_ACTIVITY_RESULT: '',
        UNIONHUB_TEMPLATE_ACTIVITY_CANCELLED: '',
        UNIONHUB_TEMPLATE_PLACE_FEEDBACK: '',
      },
    })
  })
})
