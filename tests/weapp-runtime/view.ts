import { selectAll } from 'css-select'
import { Element, Text, type ChildNode } from 'domhandler'
import { evaluateValue, type RenderWarning, type Scope, type WxmlFile, type WxmlLibrary } from './wxml'

/*
 * The view model: what WeChat's view layer would show for a page, as a tree of elements with the
 * tag names and attributes the templates produce (`view`, `text`, `button open-type=…`,
 * `class="… e2e-home"`, `data-sid`, `bindtap="eh"`). Custom components are hosts whose content
 * sits in a separate shadow tree, as in WeChat: a page-level query does not see into them.
 */

/** The page or component whose template made an element; its methods handle the element's events. */
export interface ViewOwner {
  /** Build-relative path of its WXML: `pages/index/index.wxml`, `comp.wxml`. */
  readonly wxml: string
  readonly data: Scope
  /** For messages: `page pages/index/index`, `component comp`. */
  readonly label: string
}

/** Finds the custom component behind a tag in an owner's template and keeps its instance across renders. */
export interface ComponentResolver {
  /** The instance for the host `key`, created on first sight, its properties set; undefined for a built-in tag. */
  resolve(owner: ViewOwner, tag: string, key: string, properties: Record<string, unknown>): ViewOwner | undefined
}

export class ViewElement extends Element {
  /** Attribute values as the template computed them, types kept (objects, booleans, numbers). */
  props: Record<string, unknown> = {}
  owner: ViewOwner
  /** Stable across renders: the Taro node's `data-sid`, else the `id`, else the path from the nearest keyed ancestor. */
  key: string
  /** A custom component host's own tree. */
  shadowRoot: ViewElement | null = null
  /** Set on a shadow root: the host it belongs to. */
  host: ViewElement | null = null

  constructor(name: string, attribs: Record<string, string>, owner: ViewOwner, key: string) {
    super(name, attribs)
    this.owner = owner
    this.key = key
  }
}

export const SHADOW_ROOT = '#shadow-root'

/** A number per parsed WXML element, so an element's key names the template node that made it. */
const templateNodeIds = new WeakMap<Element, number>()
let nextTemplateNodeId = 1

function templateNodeId(node: Element): number {
  let id = templateNodeIds.get(node)
  if (id === undefined) {
    id = nextTemplateNodeId++
    templateNodeIds.set(node, id)
  }
  return id
}

function append(parent: ViewElement, child: ChildNode): void {
  const last = parent.children[parent.children.length - 1] ?? null
  child.parent = parent
  child.prev = last
  child.next = null
  if (last) last.next = child
  parent.children.push(child)
}

function isTruthy(value: unknown): boolean {
  return Boolean(value)
}

/** wx:for accepts an array, an object (its values), a number (0…n-1) or a string (its characters). */
function forItems(value: unknown): Array<[unknown, unknown]> {
  if (Array.isArray(value)) return value.map((item, index) => [item, index])
  if (typeof value === 'number') return Array.from({ length: Math.max(0, Math.floor(value)) }, (_, index) => [index, index])
  if (typeof value === 'string') return [...value].map((item, index) => [item, index])
  if (value && typeof value === 'object') return Object.entries(value).map(([key, item]) => [item, key])
  return []
}

/** Renders owners' templates into view elements; one instance per page render. */
export class ViewRenderer {
  /** Component hosts seen in this render, so the runtime can detach the ones that disappeared. */
  readonly hostKeys = new Set<string>()
  /** Templates this render used, by name. */
  readonly templatesUsed = new Set<string>()

  constructor(
    private readonly library: WxmlLibrary,
    private readonly components: ComponentResolver,
    private readonly warn: RenderWarning,
  ) {}

  /**
   * The key of an element without a sid or id: its parent's, the template node that made it and
   * the loop items it sits in, so an element handle keeps pointing at the same thing when a
   * wx:if sibling comes or goes.
   */
  private derivedKey(parent: ViewElement, node: Element): string {
    const base = `${parent.key}/${node.name}#${templateNodeId(node)}${this.loopKeys.map((key) => `[${key}]`).join('')}`
    let key = base
    for (let repeat = 2; this.keysGiven.has(key); repeat += 1) key = `${base}~${repeat}`
    this.keysGiven.add(key)
    return key
  }

  /** A page renders under a `page` root; a component under a shadow root. */
  renderOwner(owner: ViewOwner, rootName: string, key: string): ViewElement {
    const root = new ViewElement(rootName, {}, owner, key)
    const file = this.library.load(owner.wxml)
    this.renderNodes(file.nodes, this.scopeFor(file, owner.data), file, root, owner)
    return root
  }

  private scopeFor(file: WxmlFile, data: Scope): Scope {
    return Object.assign(Object.create(null) as Scope, data, file.wxs)
  }

  /** `item` keys of the wx:for loops an element sits in, for keys that survive a list changing around it. */
  private loopKeys: string[] = []
  /** Keys given in this render, so a template used twice under one parent still gives distinct keys. */
  private readonly keysGiven = new Set<string>()

  private renderNodes(nodes: ChildNode[], scope: Scope, file: WxmlFile, parent: ViewElement, owner: ViewOwner): void {
    // The state of a wx:if / wx:elif / wx:else chain among siblings.
    let chain: 'none' | 'open' | 'taken' = 'none'
    for (const node of nodes) {
      if (node instanceof Text) {
        if (node.data.trim() === '') continue
        chain = 'none'
        const value = evaluateValue(node.data, scope, this.warn)
        const text = value === undefined || value === null ? '' : String(value)
        if (text !== '') append(parent, new Text(text))
        continue
      }
      if (!(node instanceof Element)) continue
      const attribs = node.attribs
      if ('wx:if' in attribs) {
        const taken = isTruthy(evaluateValue(attribs['wx:if']!, scope, this.warn))
        chain = taken ? 'taken' : 'open'
        if (!taken) continue
      } else if ('wx:elif' in attribs) {
        if (chain !== 'open') continue
        const taken = isTruthy(evaluateValue(attribs['wx:elif']!, scope, this.warn))
        chain = taken ? 'taken' : 'open'
        if (!taken) continue
      } else if ('wx:else' in attribs) {
        const taken = chain === 'open'
        chain = 'none'
        if (!taken) continue
      } else {
        chain = 'none'
      }
      if ('wx:for' in attribs || 'wx:for-items' in attribs) {
        const itemName = attribs['wx:for-item'] ?? 'item'
        const indexName = attribs['wx:for-index'] ?? 'index'
        const list = evaluateValue(attribs['wx:for'] ?? attribs['wx:for-items']!, scope, this.warn)
        const keyName = attribs['wx:key']
        for (const [item, index] of forItems(list)) {
          const itemScope = Object.assign(Object.create(scope) as Scope, { [itemName]: item, [indexName]: index })
          const itemKey = keyName === '*this' ? item : keyName && typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[keyName] : index
          this.loopKeys.push(String(itemKey))
          try {
            this.renderElement(node, itemScope, file, parent, owner)
          } finally {
            this.loopKeys.pop()
          }
        }
      } else {
        this.renderElement(node, scope, file, parent, owner)
      }
    }
  }

  private renderElement(node: Element, scope: Scope, file: WxmlFile, parent: ViewElement, owner: ViewOwner): void {
    switch (node.name) {
      case 'template': {
        if (node.attribs.is === undefined) return
        const name = String(evaluateValue(node.attribs.is, scope, this.warn))
        const found = this.library.findTemplate(file, name)
        const data = node.attribs.data === undefined ? {} : evaluateValue(node.attribs.data, scope, this.warn, true)
        if (!found) {
          // WeChat renders nothing there; name the Taro node it was for, when there is one.
          const node = (data as { i?: { nn?: unknown; cl?: unknown; sid?: unknown } } | null)?.i
          const which = node ? ` (node nn=${String(node.nn)} sid=${String(node.sid)} class="${String(node.cl ?? '').trim()}")` : ''
          this.warn(`template "${name}" is not defined or imported in ${file.path}, so WeChat renders nothing here${which}`)
          return
        }
        this.templatesUsed.add(name)
        // A template sees only the data passed to it and the wxs modules of the file that defines it.
        const templateScope = this.scopeFor(found.definedIn, typeof data === 'object' && data !== null ? (data as Scope) : {})
        this.renderNodes(found.template.children, templateScope, found.definedIn, parent, owner)
        return
      }
      case 'import':
      case 'wxs':
        return
      case 'include': {
        const included = this.library.load(resolveInclude(file.path, node.attribs.src ?? ''))
        const body = included.nodes.filter((child) => !(child instanceof Element && (child.name === 'template' || child.name === 'wxs' || child.name === 'import')))
        this.renderNodes(body, scope, included, parent, owner)
        return
      }
      case 'block':
        this.renderNodes(node.children, scope, file, parent, owner)
        return
    }
    const props: Record<string, unknown> = {}
    const attribs: Record<string, string> = {}
    for (const [name, raw] of Object.entries(node.attribs)) {
      if (name.startsWith('wx:')) continue
      const value = evaluateValue(raw, scope, this.warn)
      props[name] = value
      if (value !== undefined && value !== null && typeof value !== 'object' && typeof value !== 'function') attribs[name] = String(value)
    }
    const ownKey = props['data-sid'] ?? props.id
    const key = typeof ownKey === 'string' && ownKey !== '' ? ownKey : this.derivedKey(parent, node)
    const element = new ViewElement(node.name, attribs, owner, key)
    element.props = props
    const component = this.components.resolve(owner, node.name, key, props)
    if (component) {
      this.hostKeys.add(key)
      const shadow = this.renderOwner(component, SHADOW_ROOT, `${key}#shadow`)
      shadow.host = element
      element.shadowRoot = shadow
      if (node.children.some((child) => child instanceof Element)) this.warn(`<${node.name}> in ${file.path} has slot content, which the headless runtime does not project`)
    } else {
      this.renderNodes(node.children, scope, file, element, owner)
    }
    append(parent, element)
  }
}

function resolveInclude(from: string, src: string): string {
  const base = from.split('/').slice(0, -1).join('/')
  const target = src.startsWith('/') ? src.slice(1) : `${base ? `${base}/` : ''}${src}`
  return target.endsWith('.wxml') ? target : `${target}.wxml`
}

/** What an element contains for queries and text: a host's shadow tree, anything else's children. */
function contentOf(element: ViewElement): ChildNode[] {
  return (element.shadowRoot ?? element).children
}

/**
 * Elements matching a CSS selector below `scope`, as `page.$$` / `element.$$` find them in DevTools:
 * a page searches its own tree (the `page` root included), an element its descendants, a
 * component host its shadow tree. Nobody sees into a component nested further down.
 */
export function queryAll(scope: ViewElement, selector: string): ViewElement[] {
  const context = scope.name === 'page' && scope.parent === null ? [scope] : contentOf(scope)
  return selectAll<ChildNode, Element>(selector, context, { xmlMode: true }).filter((element): element is ViewElement => element instanceof ViewElement)
}

/** Tags WeChat lays out inline; everything else starts on its own line, as innerText shows it. */
const INLINE_TAGS = new Set(['text', 'image', 'icon', 'label', 'rich-text', 'navigator'])

/** The element's visible text, roughly as `innerText` in DevTools reads it: blocks on their own lines. */
export function textOf(element: ViewElement): string {
  const parts: string[] = []
  const visit = (node: ChildNode) => {
    if (node instanceof Text) parts.push(node.data)
    else if (node instanceof ViewElement) {
      const block = !INLINE_TAGS.has(node.name)
      if (block) parts.push('\n')
      for (const child of contentOf(node)) visit(child)
      if (block) parts.push('\n')
    }
  }
  for (const child of contentOf(element)) visit(child)
  return parts
    .join('')
    .replace(/[ \t]*\n[\s]*/g, '\n')
    .trim()
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;')
}

/** The element as WXML markup, component content inlined where the host is (what `Element.getWXML` returns). */
export function wxmlOf(element: ViewElement, which: 'inner' | 'outer'): string {
  const inner = contentOf(element)
    .map((child) => (child instanceof Text ? escapeText(child.data) : child instanceof ViewElement ? wxmlOf(child, 'outer') : ''))
    .join('')
  if (which === 'inner') return inner
  const attributes = Object.entries(element.attribs)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('')
  return `<${element.name}${attributes}>${inner}</${element.name}>`
}

/** `data-foo-bar="{{1}}"` → `{ fooBar: 1 }`, as WeChat builds `dataset` (typed values kept). */
export function datasetOf(element: ViewElement): Record<string, unknown> {
  const dataset: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(element.props)) {
    if (!name.startsWith('data-')) continue
    const key = name
      .slice(5)
      .toLowerCase()
      .replace(/-([a-z])/g, (_m, letter: string) => letter.toUpperCase())
    dataset[key] = value
  }
  return dataset
}

export interface EventListener {
  element: ViewElement
  /** The method name on the element's owner (`eh` in Taro's templates). */
  method: string
  /** `catch…` binding: the event stops here. */
  stops: boolean
  /** What the listener sees as `target`: the origin, or the host of the shadow tree it came out of. */
  target: ViewElement
}

/** Events that bubble (and cross component boundaries) in WeChat; the rest reach only their target. */
const BUBBLING_EVENTS = new Set([
  'touchstart',
  'touchmove',
  'touchcancel',
  'touchend',
  'touchforcechange',
  'tap',
  'longpress',
  'longtap',
  'transitionend',
  'animationstart',
  'animationiteration',
  'animationend',
])

function binding(element: ViewElement, type: string, phase: 'capture' | 'bubble'): { method: string; stops: boolean } | undefined {
  const forms =
    phase === 'capture'
      ? [
          [`capture-bind:${type}`, false],
          [`capture-catch:${type}`, true],
        ]
      : [
          [`bind${type}`, false],
          [`bind:${type}`, false],
          [`mut-bind:${type}`, false],
          [`catch${type}`, true],
          [`catch:${type}`, true],
        ]
  for (const [attribute, stops] of forms as Array<[string, boolean]>) {
    const method = element.props[attribute]
    if (typeof method === 'string' && method !== '') return { method, stops }
  }
  return undefined
}

/**
 * Who handles an event fired on `target`, in order: capture listeners from the root down, then
 * bubble listeners from the target up (only the target for events that do not bubble), cut off
 * after the first `catch`.
 */
export function eventListeners(target: ViewElement, type: string): EventListener[] {
  const bubbles = BUBBLING_EVENTS.has(type)
  const path: Array<{ element: ViewElement; target: ViewElement }> = []
  let visibleTarget = target
  for (let element: ViewElement | null = target; element; ) {
    path.push({ element, target: visibleTarget })
    if (!bubbles) break
    const parent: ViewElement['parent'] = element.parent
    if (parent instanceof ViewElement && parent.name === SHADOW_ROOT && parent.host) {
      // Leaving a component: listeners outside see its host as the target.
      visibleTarget = parent.host
      element = parent.host
    } else {
      element = parent instanceof ViewElement ? parent : null
    }
  }
  const listeners: EventListener[] = []
  for (const step of [...path].reverse()) {
    const found = binding(step.element, type, 'capture')
    if (found) listeners.push({ element: step.element, ...found, target: step.target })
    if (found?.stops) return listeners
  }
  for (const step of path) {
    const found = binding(step.element, type, 'bubble')
    if (found) listeners.push({ element: step.element, ...found, target: step.target })
    if (found?.stops) break
  }
  return listeners
}

/** Every element of a rendered tree by key, shadow trees included, for resolving element ids. */
export function indexByKey(root: ViewElement): Map<string, ViewElement> {
  const index = new Map<string, ViewElement>()
  const visit = (element: ViewElement) => {
    index.set(element.key, element)
    for (const child of contentOf(element)) if (child instanceof ViewElement) visit(child)
  }
  visit(root)
  return index
}
