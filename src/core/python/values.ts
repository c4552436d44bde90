/**
 * Resolves Python expressions to abstract strings (literal pieces with document offsets, and holes
 * that remember where they come from): f-strings, `%` formatting, `.format`, `+`, implicit
 * concatenation, `urlencode({…})`, single-assignment names, `self.x` set once, and `os.environ`.
 * Dicts (`{…}`, `dict(…)`, names bound to them, `d["k"] = v` writes) resolve to their entries.
 */
import type { SyntaxNode } from '../parser';
import type { AbstractString, HoleOrigin, HolePart, QueryParam, Span, StringPart } from '../model';
import { isSecretEnvName, isSecretIdentifier } from '../secretNames';
import type { Imports } from './imports';
import type { Scopes } from './scopes';
import { callArguments, contentPieces, dottedText, named, plainString, span, stringInfo, unwrap } from './syntax';

export interface ResolveContext {
  scopes: Scopes;
  imports: Imports;
  /** `name["key"] = value` assignments by the receiver's text. */
  subscriptWrites: Map<string, SyntaxNode[]>;
}

/** Where `urlencode({…})` entries go when a URL is resolved. */
export type QuerySink = QueryParam[] | undefined;

const MAX_DEPTH = 12;
/** Calls that return their argument's text unchanged, as far as a URL or header is concerned. */
const TRANSPARENT = new Set(['str', 'quote', 'quote_plus', 'urllib.parse.quote', 'urllib.parse.quote_plus', 'parse.quote', 'parse.quote_plus', 'requests.utils.quote', 'requote_uri', 'requests.utils.requote_uri']);
const TRANSPARENT_METHODS = new Set(['strip', 'rstrip', 'lstrip', 'encode', 'decode']);
const URLENCODE = new Set(['urllib.parse.urlencode', 'urlencode', 'parse.urlencode']);

function hole(origin: HoleOrigin, node: SyntaxNode, secret?: boolean): HolePart {
  const s = secret ?? (origin.kind === 'env' ? isSecretEnvName(origin.name) : isSecretIdentifier(origin.name));
  return { kind: 'hole', origin, secret: s, span: span(node) };
}

export function resolveString(node: SyntaxNode, ctx: ResolveContext, sink?: QuerySink): AbstractString {
  const parts: StringPart[] = [];
  collect(node, ctx, sink, parts, 0, new Set());
  return { parts, span: span(node) };
}

/** `os.environ["X"]`, `os.environ.get("X")`, `os.getenv("X")`, `environ["X"]` → X. */
export function envName(raw: SyntaxNode, ctx: ResolveContext): string | undefined {
  const node = unwrap(raw);
  if (node.type === 'subscript') {
    const value = node.childForFieldName('value');
    const key = plainString(node.childForFieldName('subscript'));
    if (!value || key === undefined) return undefined;
    const name = ctx.imports.canonical(value);
    return name === 'os.environ' || name === 'environ' ? key : undefined;
  }
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    const name = fn ? ctx.imports.canonical(fn) : undefined;
    if (name !== 'os.environ.get' && name !== 'os.getenv' && name !== 'environ.get' && name !== 'getenv') return undefined;
    return plainString(callArguments(node).positional[0]);
  }
  return undefined;
}

function collect(raw: SyntaxNode, ctx: ResolveContext, sink: QuerySink, out: StringPart[], depth: number, seen: Set<string>): void {
  const node = unwrap(raw);
  if (depth > MAX_DEPTH) {
    out.push(hole({ kind: 'other', name: node.text.slice(0, 40) }, node, false));
    return;
  }
  switch (node.type) {
    case 'string':
      stringPieces(node, ctx, sink, out, depth, seen);
      return;
    case 'concatenated_string':
      for (const s of named(node)) if (s.type === 'string') stringPieces(s, ctx, sink, out, depth, seen);
      return;
    case 'integer':
    case 'float':
      out.push({ kind: 'literal', value: node.text, span: span(node), exact: true });
      return;
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (op === '+' && left && right) {
        collect(left, ctx, sink, out, depth + 1, seen);
        collect(right, ctx, sink, out, depth + 1, seen);
        return;
      }
      if (op === '%' && left && right && unwrap(left).type === 'string') {
        percentFormat(unwrap(left), right, ctx, sink, out, depth, seen);
        return;
      }
      break;
    }
    case 'boolean_operator': {
      // `os.environ.get("KEY") or "fallback"`: the left side is the value that matters.
      const left = node.childForFieldName('left');
      if (node.childForFieldName('operator')?.text === 'or' && left) {
        const inner: StringPart[] = [];
        collect(left, ctx, sink, inner, depth + 1, seen);
        const h = inner.find((p): p is HolePart => p.kind === 'hole');
        out.push(h ? { ...h, span: span(node) } : hole({ kind: 'other', name: node.text.slice(0, 40) }, node, false));
        return;
      }
      break;
    }
    case 'identifier':
      identifierValue(node, ctx, sink, out, depth, seen);
      return;
    case 'attribute': {
      const b = ctx.scopes.lookup(node);
      const name = node.childForFieldName('attribute')?.text ?? node.text;
      if (b.kind === 'value' && !seen.has(b.key)) {
        resolveThrough(b.value, node, name, b.key, ctx, sink, out, depth, seen);
        return;
      }
      out.push(hole({ kind: 'variable', name }, node));
      return;
    }
    case 'subscript': {
      const env = envName(node, ctx);
      if (env !== undefined) {
        out.push(hole({ kind: 'env', name: env }, node));
        return;
      }
      const key = plainString(node.childForFieldName('subscript'));
      const value = node.childForFieldName('value');
      if (key !== undefined && value) {
        const entry = resolveDict(value, ctx, depth + 1)?.find((e) => e.key === key);
        if (entry && !seen.has(`sub:${entry.span.start}`)) {
          resolveThrough(entry.value, node, key, `sub:${entry.span.start}`, ctx, sink, out, depth, seen);
          return;
        }
        out.push(hole({ kind: 'variable', name: key }, node));
        return;
      }
      break;
    }
    case 'call':
      callValue(node, ctx, sink, out, depth, seen);
      return;
  }
  out.push(hole({ kind: 'other', name: node.text.slice(0, 40) }, node, false));
}

function stringPieces(node: SyntaxNode, ctx: ResolveContext, sink: QuerySink, out: StringPart[], depth: number, seen: Set<string>): void {
  const info = stringInfo(node);
  if (!info) {
    out.push(hole({ kind: 'other', name: node.text.slice(0, 40) }, node, false));
    return;
  }
  const quote = info.quote[0];
  for (const c of named(node)) {
    if (c.type === 'string_content') {
      for (const p of contentPieces(c, info.isRaw)) out.push({ kind: 'literal', value: p.value, span: { start: p.start, end: p.end }, exact: p.exact, quote });
    } else if (c.type === 'interpolation') {
      const expr = c.childForFieldName('expression');
      if (!expr) continue;
      const before = out.length;
      collect(expr, ctx, sink, out, depth + 1, seen);
      for (let i = before; i < out.length; i++) {
        const p = out[i];
        if (p.kind === 'hole' && p.span.start >= c.startIndex && p.span.end <= c.endIndex) out[i] = { ...p, outer: span(c) };
      }
    }
  }
}

/** Pushes an argument's parts; a single hole is pointed at the placeholder it fills. */
function fill(arg: SyntaxNode | undefined, placeholder: Span, ctx: ResolveContext, sink: QuerySink, out: StringPart[], depth: number, seen: Set<string>): void {
  if (!arg) {
    out.push({ kind: 'hole', origin: { kind: 'other', name: 'missing argument' }, secret: false, span: placeholder });
    return;
  }
  const inner: StringPart[] = [];
  collect(arg, ctx, sink, inner, depth + 1, seen);
  if (inner.length === 1 && inner[0].kind === 'hole') out.push({ ...inner[0], outer: placeholder });
  else out.push(...inner);
}

const PERCENT = /%(?:\(([^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;

/** `"…?key=%s" % key`, `"%s/%s" % (a, b)`, `"%(key)s" % {"key": k}`. */
function percentFormat(fmt: SyntaxNode, argsNode: SyntaxNode, ctx: ResolveContext, sink: QuerySink, out: StringPart[], depth: number, seen: Set<string>): void {
  const info = stringInfo(fmt);
  const args = unwrap(argsNode);
  const positional = args.type === 'tuple' ? named(args) : [args];
  const dict = args.type === 'dictionary' ? resolveDict(args, ctx, depth + 1) : undefined;
  let next = 0;
  for (const c of named(fmt)) {
    if (c.type !== 'string_content' || !info) continue;
    for (const p of contentPieces(c, info.isRaw)) {
      if (!p.exact) {
        out.push({ kind: 'literal', value: p.value, span: { start: p.start, end: p.end }, exact: false, quote: info.quote[0] });
        continue;
      }
      let at = 0;
      for (const m of p.value.matchAll(PERCENT)) {
        const i = m.index ?? 0;
        if (i > at) out.push({ kind: 'literal', value: p.value.slice(at, i), span: { start: p.start + at, end: p.start + i }, exact: true, quote: info.quote[0] });
        const ph = { start: p.start + i, end: p.start + i + m[0].length };
        if (m[2] === '%') out.push({ kind: 'literal', value: '%', span: ph, exact: false, quote: info.quote[0] });
        else if (m[1] !== undefined) fill(dict?.find((e) => e.key === m[1])?.value, ph, ctx, sink, out, depth, seen);
        else fill(positional[next++], ph, ctx, sink, out, depth, seen);
        at = i + m[0].length;
      }
      if (at < p.value.length) out.push({ kind: 'literal', value: p.value.slice(at), span: { start: p.start + at, end: p.end }, exact: true, quote: info.quote[0] });
    }
  }
}

const FIELD = /\{\{|\}\}|\{([^{}]*)\}/g;

/** `"{}/{name}?key={0}".format(a, name=b)`. */
function formatMethod(fmt: SyntaxNode, call: SyntaxNode, ctx: ResolveContext, sink: QuerySink, out: StringPart[], depth: number, seen: Set<string>): void {
  const info = stringInfo(fmt);
  const args = callArguments(call);
  let next = 0;
  for (const c of named(fmt)) {
    if (c.type !== 'string_content' || !info) continue;
    for (const p of contentPieces(c, info.isRaw)) {
      if (!p.exact) {
        out.push({ kind: 'literal', value: p.value, span: { start: p.start, end: p.end }, exact: false, quote: info.quote[0] });
        continue;
      }
      let at = 0;
      for (const m of p.value.matchAll(FIELD)) {
        const i = m.index ?? 0;
        if (i > at) out.push({ kind: 'literal', value: p.value.slice(at, i), span: { start: p.start + at, end: p.start + i }, exact: true, quote: info.quote[0] });
        const ph = { start: p.start + i, end: p.start + i + m[0].length };
        if (m[1] === undefined) out.push({ kind: 'literal', value: m[0][0], span: ph, exact: false, quote: info.quote[0] });
        else {
          const field = /^[^!:.[]*/.exec(m[1])![0];
          const simple = field === m[1] || /^[^.[]*[!:]/.test(m[1]);
          const arg = field === '' ? args.positional[next++] : /^\d+$/.test(field) ? args.positional[Number(field)] : args.keywords.get(field);
          if (simple) fill(arg, ph, ctx, sink, out, depth, seen);
          else out.push({ kind: 'hole', origin: { kind: 'other', name: m[1] }, secret: false, span: arg ? span(arg) : ph, outer: ph });
        }
        at = i + m[0].length;
      }
      if (at < p.value.length) out.push({ kind: 'literal', value: p.value.slice(at), span: { start: p.start + at, end: p.end }, exact: true, quote: info.quote[0] });
    }
  }
}

function identifierValue(node: SyntaxNode, ctx: ResolveContext, sink: QuerySink, out: StringPart[], depth: number, seen: Set<string>): void {
  const name = node.text;
  if (name === 'None') {
    out.push(hole({ kind: 'other', name }, node, false));
    return;
  }
  const b = ctx.scopes.lookup(node);
  if (b.kind === 'parameter') {
    out.push(hole({ kind: 'parameter', name }, node));
    return;
  }
  if (b.kind !== 'value' || seen.has(b.key)) {
    out.push(hole({ kind: 'variable', name }, node));
    return;
  }
  resolveThrough(b.value, node, name, b.key, ctx, sink, out, depth, seen);
}

/**
 * Resolves a bound value at its use: literal pieces keep their own offsets, a single unknown moves
 * to the use (the text a fix can reuse), and a secret-looking name marks its holes.
 */
function resolveThrough(value: SyntaxNode, use: SyntaxNode, name: string, key: string, ctx: ResolveContext, sink: QuerySink, out: StringPart[], depth: number, seen: Set<string>): void {
  const inner: StringPart[] = [];
  collect(value, ctx, sink, inner, depth + 1, new Set(seen).add(key));
  if (inner.length === 1 && inner[0].kind === 'hole') {
    const p = inner[0];
    const origin: HoleOrigin = p.origin.kind === 'other' ? { kind: 'variable', name } : p.origin;
    out.push({ kind: 'hole', origin, secret: p.secret || isSecretIdentifier(name), span: span(use) });
    return;
  }
  out.push(...inner);
}

function callValue(node: SyntaxNode, ctx: ResolveContext, sink: QuerySink, out: StringPart[], depth: number, seen: Set<string>): void {
  const env = envName(node, ctx);
  if (env !== undefined) {
    out.push(hole({ kind: 'env', name: env }, node));
    return;
  }
  const fn = node.childForFieldName('function');
  const args = callArguments(node);
  const name = fn ? ctx.imports.canonical(fn) : undefined;
  if (name && TRANSPARENT.has(name) && args.positional.length >= 1) {
    collect(args.positional[0], ctx, sink, out, depth + 1, seen);
    return;
  }
  if (name && URLENCODE.has(name) && args.positional[0]) {
    if (sink) {
      for (const e of resolveDict(args.positional[0], ctx, depth + 1) ?? []) {
        sink.push({ name: e.key, value: resolveString(e.value, ctx), span: e.span, origin: 'search-params' });
      }
    }
    out.push(hole({ kind: 'other', name: 'urlencode' }, node, false));
    return;
  }
  if (fn?.type === 'attribute') {
    const obj = fn.childForFieldName('object');
    const method = fn.childForFieldName('attribute')?.text;
    if (obj && method === 'format' && unwrap(obj).type === 'string') {
      formatMethod(unwrap(obj), node, ctx, sink, out, depth, seen);
      return;
    }
    if (obj && method && TRANSPARENT_METHODS.has(method)) {
      collect(obj, ctx, sink, out, depth + 1, seen);
      return;
    }
  }
  const last = fn ? (dottedText(fn)?.split('.').pop() ?? fn.text.slice(0, 40)) : 'call';
  out.push(hole({ kind: 'call', name: last }, node));
}

export interface DictEntry {
  key: string;
  keySpan: Span;
  value: SyntaxNode;
  /** The whole entry: `"key": value`, `key=value`, or the `d["key"] = value` statement. */
  span: Span;
  kind: 'pair' | 'keyword' | 'tuple' | 'write';
}

/** The entries of a dict expression, or undefined when the value is not a dict the resolver sees. */
export function resolveDict(raw: SyntaxNode, ctx: ResolveContext, depth = 0, seen = new Set<string>()): DictEntry[] | undefined {
  const node = unwrap(raw);
  if (depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case 'dictionary': {
      const entries: DictEntry[] = [];
      for (const c of named(node)) {
        if (c.type === 'pair') {
          const k = c.childForFieldName('key');
          const v = c.childForFieldName('value');
          const key = k ? dictKey(k, ctx) : undefined;
          if (k && v && key !== undefined) entries.push({ key, keySpan: span(k), value: v, span: span(c), kind: 'pair' });
        } else if (c.type === 'dictionary_splat') {
          const inner = named(c)[0];
          entries.push(...(inner ? resolveDict(inner, ctx, depth + 1, seen) ?? [] : []));
        }
      }
      return entries;
    }
    case 'list':
    case 'tuple': {
      // `params=[("api_key", key), ("q", q)]`
      const entries: DictEntry[] = [];
      for (const c of named(node)) {
        const t = unwrap(c);
        const [k, v] = t.type === 'tuple' ? named(t) : [];
        const key = k ? plainString(k) : undefined;
        if (!k || !v || key === undefined) return undefined;
        entries.push({ key, keySpan: span(k), value: v, span: span(c), kind: 'tuple' });
      }
      return entries;
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      const args = callArguments(node);
      if (fn?.type === 'identifier' && fn.text === 'dict') {
        const entries = args.positional[0] ? resolveDict(args.positional[0], ctx, depth + 1, seen) ?? [] : [];
        for (const [key, kw] of args.keywordNodes) {
          const v = args.keywords.get(key)!;
          entries.push({ key, keySpan: span(kw.childForFieldName('name')!), value: v, span: span(kw), kind: 'keyword' });
        }
        return entries;
      }
      return undefined;
    }
    case 'identifier':
    case 'attribute': {
      const b = ctx.scopes.lookup(node);
      if (b.kind !== 'value' || seen.has(b.key)) return undefined;
      const entries = resolveDict(b.value, ctx, depth + 1, new Set(seen).add(b.key));
      if (!entries) return undefined;
      const receiver = dottedText(node);
      for (const w of receiver ? ctx.subscriptWrites.get(receiver) ?? [] : []) {
        const left = w.childForFieldName('left');
        const k = left?.childForFieldName('subscript');
        const key = plainString(k);
        const v = w.childForFieldName('right');
        if (k && v && key !== undefined) entries.push({ key, keySpan: span(k), value: v, span: span(w), kind: 'write' });
      }
      return entries;
    }
  }
  return undefined;
}

function dictKey(k: SyntaxNode, ctx: ResolveContext): string | undefined {
  const plain = plainString(k);
  if (plain !== undefined) return plain;
  if (unwrap(k).type === 'identifier') {
    const s = resolveString(k, ctx);
    if (s.parts.every((p) => p.kind === 'literal')) return s.parts.map((p) => (p.kind === 'literal' ? p.value : '')).join('');
  }
  return undefined;
}
