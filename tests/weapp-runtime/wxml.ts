import path from 'node:path'
import vm from 'node:vm'
import { Element, Text, type ChildNode } from 'domhandler'
import { parseDocument } from 'htmlparser2'

/*
 * A WXML interpreter: it renders the templates a build ships (for Taro, base.wxml, comp.wxml and
 * each page's index.wxml) with a page's setData data, the way WeChat's view layer does, into a
 * tree of view elements. Supported: <template name/is/data>, <import>, <include>, <block>, <wxs>
 * (inline or src), wx:if/elif/else, wx:for (item, index, for-item, for-index), {{ }} expressions in
 * text and attributes, and custom components as hosts with their own shadow tree. Not modelled:
 * <slot>, WXSS, layout.
 */

/** One WXML file, parsed once: its top-level nodes, the templates it defines, its wxs modules. */
export interface WxmlFile {
  path: string
  nodes: ChildNode[]
  templates: Map<string, Element>
  wxs: Record<string, unknown>
  imports: string[]
}

/** Where the interpreter reads files from: the build folder, or recorded fixtures in unit tests. */
export type ReadFile = (file: string) => string

/** Values a template sees: page or component data, wxs modules, wx:for items. */
export type Scope = Record<string, unknown>

/** An expression that failed or a template that was not found; the view renders on without it. */
export type RenderWarning = (message: string) => void

const MUSTACHE = /\{\{([\s\S]*?)\}\}/g
const ONLY_MUSTACHE = /^\s*\{\{([\s\S]*?)\}\}\s*$/
const STRING_LITERAL = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g
const NAME = /(?<![.\w$])[A-Za-z_$][\w$]*/g
const NOT_NAMES = new Set(['true', 'false', 'null', 'undefined', 'typeof', 'instanceof', 'in', 'new', 'void', 'delete', 'this', 'NaN', 'Infinity'])

type Compiled = (scope: Scope) => unknown

/**
 * WXML expressions are a JavaScript subset (no functions, no assignments) evaluated against the
 * template's data, where an unknown name is `undefined` rather than an error. Each expression is
 * compiled once into a function of the names it mentions, which the scope supplies.
 */
function compileExpression(source: string): Compiled {
  const names = [...new Set(source.replace(STRING_LITERAL, "''").match(NAME) ?? [])].filter((name) => !NOT_NAMES.has(name))
  const declarations = names.length > 0 ? `var ${names.map((name) => `${name} = __scope.${name}`).join(', ')};` : ''
  return new Function('__scope', `${declarations} return (${source})`) as Compiled
}

/** A raw attribute or text value, compiled: a constant, a lone `{{expr}}` (type kept), or text with parts. */
type Program = { kind: 'constant'; value: string } | { kind: 'expression'; run: Compiled; source: string } | { kind: 'text'; parts: Array<string | { run: Compiled; source: string }> }

const programs = new Map<string, Program>()

function compileValue(raw: string, asObject: boolean): Program {
  const cacheKey = `${asObject ? 'o' : 'v'}${raw}`
  const known = programs.get(cacheKey)
  if (known) return known
  let program: Program
  const lone = ONLY_MUSTACHE.exec(raw)
  if (lone && !lone[1]!.includes('}}')) {
    const source = asObject ? `{${lone[1]}}` : lone[1]!
    program = { kind: 'expression', run: compileExpression(source), source }
  } else if (!raw.includes('{{')) {
    program = { kind: 'constant', value: raw }
  } else {
    const parts: Array<string | { run: Compiled; source: string }> = []
    let last = 0
    for (const match of raw.matchAll(MUSTACHE)) {
      if (match.index > last) parts.push(raw.slice(last, match.index))
      parts.push({ run: compileExpression(match[1]!), source: match[1]! })
      last = match.index + match[0].length
    }
    if (last < raw.length) parts.push(raw.slice(last))
    program = { kind: 'text', parts }
  }
  programs.set(cacheKey, program)
  return program
}

function run(step: { run: Compiled; source: string }, scope: Scope, warn: RenderWarning): unknown {
  try {
    return step.run(scope)
  } catch (error) {
    // WeChat renders an expression that throws (a property of undefined) as empty.
    warn(`{{${step.source.trim()}}}: ${(error as Error).message}`)
    return undefined
  }
}

/** Evaluates an attribute or text value: a lone `{{expr}}` keeps its type, mixed text becomes a string. */
export function evaluateValue(raw: string, scope: Scope, warn: RenderWarning, asObject = false): unknown {
  const program = compileValue(raw, asObject)
  if (program.kind === 'constant') return program.value
  if (program.kind === 'expression') return run(program, scope, warn)
  return program.parts
    .map((part) => {
      if (typeof part === 'string') return part
      const value = run(part, scope, warn)
      return value === undefined || value === null ? '' : String(value)
    })
    .join('')
}

/** Loads a WXS module (`module.exports = …`) in its own context: WXS cannot reach the logic layer. */
function loadWxs(source: string, filename: string): unknown {
  const module = { exports: {} as unknown }
  const run = vm.runInNewContext(`(function (module, exports) {${source}\n})`, {}, { filename }) as (m: typeof module, e: unknown) => void
  run(module, module.exports)
  return module.exports
}

/** Parses WXML files on demand and caches them; paths are relative to the build folder. */
export class WxmlLibrary {
  private readonly files = new Map<string, WxmlFile>()

  constructor(private readonly readFile: ReadFile) {}

  load(file: string): WxmlFile {
    const normalized = path.posix.normalize(file)
    const known = this.files.get(normalized)
    if (known) return known
    const document = parseDocument(this.readFile(normalized), { xmlMode: true, decodeEntities: false })
    const parsed: WxmlFile = { path: normalized, nodes: document.children, templates: new Map(), wxs: {}, imports: [] }
    for (const node of document.children) {
      if (!(node instanceof Element)) continue
      if (node.name === 'template' && node.attribs.name) parsed.templates.set(node.attribs.name, node)
      else if (node.name === 'import' && node.attribs.src) parsed.imports.push(resolveFrom(normalized, node.attribs.src))
      else if (node.name === 'wxs' && node.attribs.module) {
        const src = node.attribs.src
        const source = src ? this.readFile(resolveFrom(normalized, src)) : node.children.map((child) => (child instanceof Text ? child.data : '')).join('')
        parsed.wxs[node.attribs.module] = loadWxs(source, src ? resolveFrom(normalized, src) : `${normalized}#${node.attribs.module}`)
      }
    }
    this.files.set(normalized, parsed)
    return parsed
  }

  /** A template visible from `file`: its own, or one defined directly in a file it imports (not transitively, as in WeChat). */
  findTemplate(file: WxmlFile, name: string): { template: Element; definedIn: WxmlFile } | undefined {
    const own = file.templates.get(name)
    if (own) return { template: own, definedIn: file }
    for (const imported of file.imports) {
      const other = this.load(imported)
      const template = other.templates.get(name)
      if (template) return { template, definedIn: other }
    }
    return undefined
  }
}

/** `src="../../base.wxml"` or `src="/base.wxml"` from `pages/x/index.wxml`, as a build-relative path. */
export function resolveFrom(from: string, src: string): string {
  const target = src.startsWith('/') ? src.slice(1) : path.posix.join(path.posix.dirname(from), src)
  return path.posix.normalize(/\.(wxml|wxs)$/.test(target) ? target : `${target}.wxml`)
}
