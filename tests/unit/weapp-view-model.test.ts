import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { RecordedFixture } from '../weapp-runtime/fixtures/record'
import { replayPage, type BuildFiles } from '../weapp-runtime/fixtures/replay'
import { setByPath } from '../weapp-runtime/runtime'
import { datasetOf, eventListeners, queryAll, textOf, wxmlOf, type ViewElement } from '../weapp-runtime/view'

/*
 * The view model against setData payloads recorded from the test weapp build (Taro 4's node tree:
 * `nn` template numbers, `sid`s, `cl` classes, aliased props) rendered through the templates that
 * build shipped. Re-record with tests/weapp-runtime/fixtures/record.ts.
 */

const fixture = JSON.parse(readFileSync(path.join(__dirname, '..', 'weapp-runtime', 'fixtures', 'taro-pages.json'), 'utf8')) as RecordedFixture

function replay(route: string, files: BuildFiles = fixture.files, upTo?: number) {
  const page = fixture.pages.find((candidate) => candidate.route === route)
  if (!page) throw new Error(`${route} was not recorded`)
  return replayPage(files, route, page.setData.slice(0, upTo))
}

function only(root: ViewElement, selector: string): ViewElement {
  const found = queryAll(root, selector)
  if (found.length !== 1) throw new Error(`${selector}: ${found.length} elements`)
  return found[0]!
}

interface TaroNode {
  nn: string
  sid: string
  v?: string
  cn?: TaroNode[]
}

/** The sids of the element nodes (not text) of a Taro tree, in document order. */
function elementSids(nodes: TaroNode[]): string[] {
  return nodes.flatMap((node) => (node.v !== undefined ? [] : [node.sid, ...elementSids(node.cn ?? [])]))
}

describe('the view model of recorded Taro pages', () => {
  it('renders every element node of the payload once, with its sid, in order, except nodes it warns have no template', () => {
    for (const { route } of fixture.pages) {
      const { root, data, warnings } = replay(route)
      const rendered = queryAll(root, '[data-sid]').map((element) => element.attribs['data-sid'])
      const untemplated = warnings.map((warning) => /is not defined or imported in base\.wxml, so WeChat renders nothing here \(node nn=\w+ sid=(\w+)/.exec(warning)?.[1])
      expect(untemplated).not.toContain(undefined)
      expect(rendered).toEqual(elementSids((data.root as { cn: TaroNode[] }).cn).filter((sid) => !untemplated.includes(sid)))
      expect(rendered.length).toBeGreaterThan(10)
    }
  })

  it('finds a real weapp-only gap: NutUI’s clear icon is an <i>, which Taro’s weapp templates cannot show', () => {
    const { root, warnings } = replay('subpackages/join/pages/search/index')
    expect(warnings).toEqual([expect.stringMatching(/^template "tmpl_\d+_i" is not defined .* class="nut-icon nut-icon-MaskClose nut-input-clear"\)$/)])
    expect(queryAll(root, '.nut-input-clear')).toEqual([])
  })

  it('home: the services are views bound to tap, read as their text', () => {
    const { root } = replay('pages/index/index')
    const join = only(root, '.e2e-home .e2e-service-join')
    expect(join.name).toBe('view')
    expect(join.attribs.bindtap).toBe('eh')
    expect(textOf(join)).toBe('入会扫码或按行业、街道申请加入工会')
    expect(textOf(only(root, '.e2e-home'))).toMatch(/\n职工维权服务热线 12351$/)
  })

  it('a tap on static text bubbles to the service view that Taro bound, as WeChat delivers it', () => {
    const { root } = replay('pages/index/index')
    const join = only(root, '.e2e-service-join')
    const [title] = queryAll(join, 'text')
    if (!title) throw new Error('the service has no text')
    expect(title.attribs.bindtap).toBeUndefined()
    const listeners = eventListeners(title, 'tap')
    expect(listeners).toEqual([{ element: join, method: 'eh', stops: false, target: title }])
    // Taro's eh finds the node by the dataset sid of the element that handles the event.
    expect(datasetOf(join)).toEqual({ sid: join.attribs['data-sid'] })
    expect(join.attribs.id).toBe(join.attribs['data-sid'])
  })

  it('me: a skeleton first, then a path update (root.cn.[0].cn) replaces it and the status reads 还不是会员', () => {
    const loading = replay('pages/me/index', fixture.files, 1)
    expect(queryAll(loading.root, '.e2e-me .e2e-loading')).toHaveLength(1)
    expect(queryAll(loading.root, '.e2e-membership-status')).toEqual([])
    expect(Object.keys(fixture.pages[1]!.setData[1]!)).toContain('root.cn.[0].cn')
    const { root } = replay('pages/me/index')
    expect(queryAll(root, '.e2e-loading')).toEqual([])
    const status = only(root, '.e2e-membership-status')
    expect(status.name).toBe('text')
    expect(textOf(status)).toBe('还不是会员')
    const join = only(root, '.e2e-me-join')
    expect(join.name).toBe('button')
    expect(join.attribs['hover-class']).toBe('button-hover')
    expect(textOf(join)).toBe('申请入会')
  })

  it('search: the typed keyword comes back as the input’s value, and input reaches only the input', () => {
    const beforeTyping = replay('subpackages/join/pages/search/index', fixture.files, 1)
    expect(only(beforeTyping.root, '.e2e-search-keyword input').attribs.value).toBe('')
    const { root } = replay('subpackages/join/pages/search/index')
    const input = only(root, '.e2e-search-keyword input')
    expect(input.attribs.value).toBe('快递')
    expect(input.attribs.placeholder).toBe('如：快递、纺织、西溪街道')
    expect(input.attribs.bindinput).toBe('eh')
    expect(eventListeners(input, 'input').map((listener) => listener.element)).toEqual([input])
  })

  it('search: the result cards from the cloud are there, with the union’s name', () => {
    const { root } = replay('subpackages/join/pages/search/index')
    expect(textOf(only(root, '.e2e-search-result-0 .e2e-union-name'))).toBe('示范市快递行业工会联合会')
    expect(wxmlOf(only(root, '.e2e-search-result-0 .e2e-union-name'), 'outer')).toMatch(/^<text [^>]*class="[^"]*e2e-union-name[^"]*"[^>]*>示范市快递行业工会联合会<\/text>$/)
  })

  it('a fault in a class binding of base.wxml is a missing element, though the data is right', () => {
    const broken = { ...fixture.files, 'base.wxml': fixture.files['base.wxml']!.replace(/(<template name="tmpl_0_5">\s*<text [^>]*?)class="\{\{i\.cl\}\}"/, '$1class="{{i.cls}}"') }
    expect(broken['base.wxml']).not.toBe(fixture.files['base.wxml'])
    expect(queryAll(replay('pages/me/index', broken).root, '.e2e-membership-status')).toEqual([])
    expect(queryAll(replay('pages/me/index').root, '.e2e-membership-status')).toHaveLength(1)
  })

  it('a node whose template the build lacks renders nothing, and says which node it was', () => {
    const files = { ...fixture.files, 'base.wxml': fixture.files['base.wxml']!.replace('<template name="tmpl_0_14">', '<template name="tmpl_0_14_gone">') }
    const { root, warnings } = replay('pages/me/index', files)
    expect(queryAll(root, '.e2e-me-join')).toEqual([])
    expect(warnings).toEqual([expect.stringMatching(/^template "tmpl_0_14" is not defined or imported in base\.wxml, so WeChat renders nothing here \(node nn=14 sid=_A\w+ class=".*e2e-me-join"\)$/)])
  })
})

describe('setData paths', () => {
  it('sets through WeChat and Taro path forms, creating arrays for indexes', () => {
    const data: Record<string, unknown> = { root: { cn: [{ v: 'a' }] } }
    setByPath(data, 'root.cn.[0].v', 'b')
    setByPath(data, 'root.cn[1].cl', 'x')
    setByPath(data, 'list[2]', 3)
    setByPath(data, 'a.b.c', true)
    expect(data).toEqual({ root: { cn: [{ v: 'b' }, { cl: 'x' }] }, list: [undefined, undefined, 3], a: { b: { c: true } } })
  })

  it('ignores a path into __proto__', () => {
    const data: Record<string, unknown> = {}
    setByPath(data, '__proto__.polluted', 1)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('WXML beyond Taro’s templates', () => {
  const files = (page: string): BuildFiles => ({
    'pages/x/index.wxml': page,
    'pages/x/index.json': '{}',
    'parts.wxml': '<template name="card"><view class="card {{tone}}">{{title}}{{outer}}</view></template>',
  })

  it('wx:if / wx:elif / wx:else, wx:for over arrays, objects and numbers, unknown names as empty', () => {
    const page = `
      <view wx:if="{{n > 1}}" class="many">many</view>
      <view wx:elif="{{n === 1}}" class="one">one</view>
      <view wx:else class="none">none</view>
      <view wx:for="{{list}}" wx:for-item="entry" wx:for-index="at" class="row">{{at}}={{entry}}</view>
      <view wx:for="{{map}}" class="pair">{{index}}:{{item}}</view>
      <view wx:for="{{3}}" class="n">{{item}}</view>
      <view class="missing">[{{nobody}}]</view>`
    const render = (n: number) => replayPage(files(page), 'pages/x/index', [{ n, list: ['a', 'b'], map: { k: 'v' } }])
    const one = render(1)
    expect(queryAll(one.root, '.one, .many, .none').map((element) => element.attribs.class)).toEqual(['one'])
    expect(queryAll(render(0).root, '.one, .many, .none').map((element) => element.attribs.class)).toEqual(['none'])
    expect(queryAll(one.root, '.row').map(textOf)).toEqual(['0=a', '1=b'])
    expect(queryAll(one.root, '.pair').map(textOf)).toEqual(['k:v'])
    expect(queryAll(one.root, '.n').map(textOf)).toEqual(['0', '1', '2'])
    expect(textOf(only(one.root, '.missing'))).toBe('[]')
  })

  it('an imported template sees only the data passed to it', () => {
    const page = `<import src="/parts.wxml" /><template is="card" data="{{title: heading, tone: 'warm'}}" />`
    const { root } = replayPage(files(page), 'pages/x/index', [{ heading: '标题', outer: '外面的' }])
    const card = only(root, '.card')
    expect(card.attribs.class).toBe('card warm')
    expect(textOf(card)).toBe('标题')
  })

  it('an expression that throws renders empty and is reported', () => {
    const { root, warnings } = replayPage(files('<view class="x">{{a.b.c}}</view>'), 'pages/x/index', [{}])
    expect(textOf(only(root, '.x'))).toBe('')
    expect(warnings).toEqual([expect.stringMatching(/^\{\{a\.b\.c\}\}: Cannot read properties of undefined/)])
  })
})
