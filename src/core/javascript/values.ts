/**
 * Resolves JavaScript expressions to abstract strings (literal pieces with document offsets, and
 * holes that remember where they come from) and object literals to their entries, through
 * concatenation, template literals, `concat`, `new URL()` + `searchParams`, `URLSearchParams`,
 * spreads, single-assignment constants and `process.env` in the same file.
 */
import type { SyntaxNode } from '../parser';
import type { AbstractString, HoleOrigin, HolePart, QueryParam, Span, StringPart } from '../model';
import { isSecretEnvName, isSecretIdentifier } from '../secretNames';
import { calleePath } from './clients';
import type { SymbolTable } from './symbols';
import { unquote } from './symbols';

export interface ResolveContext {
  symbols: SymbolTable;
  /** `X.set(…)`/`X.append(…)` calls by receiver text (`u.searchParams`, `params`). */
  paramWrites: Map<string, SyntaxNode[]>;
}

/** Where resolved query parameters that are not URL text (`searchParams.set`, `URLSearchParams`) go. */
export type QuerySink = QueryParam[] | undefined;

const MAX_DEPTH = 12;
const TRANSPARENT_CALLS = new Set(['encodeURIComponent', 'encodeURI', 'String', 'escape']);
const TRANSPARENT_METHODS = new Set(['trim', 'toString', 'trimEnd', 'trimStart', 'valueOf']);

export function span(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

/** Strips wrappers that do not change a value: parentheses, `as`, `!`, `satisfies`. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  for (;;) {
    if (n.type === 'parenthesized_expression' || n.type === 'as_expression' || n.type === 'non_null_expression' ||
        n.type === 'satisfies_expression' || n.type === 'type_assertion') {
      const inner = n.namedChildren.find((c) => c && c.type !== 'type_annotation' && !c.type.endsWith('_type') && c.type !== 'type_identifier');
      if (!inner) return n;
      n = inner;
    } else return n;
  }
}

export function resolveString(node: SyntaxNode, ctx: ResolveContext, sink?: QuerySink): AbstractString {
  const parts: StringPart[] = [];
  collect(node, ctx, sink, parts, 0, new Set());
  return { parts, span: span(node) };
}

function hole(origin: HoleOrigin, node: SyntaxNode, secret?: boolean): HolePart {
  const s = secret ?? (origin.kind === 'env' ? isSecretEnvName(origin.name) : isSecretIdentifier(origin.name));
  return { kind: 'hole', origin, secret: s, span: span(node) };
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X` → X. */
export function envName(node: SyntaxNode): string | undefined {
  if (node.type !== 'member_expression' && node.type !== 'subscript_expression') return undefined;
  const obj = node.childForFieldName('object');
  if (!obj) return undefined;
  const o = obj.text.replace(/\s+/g, '');
  if (o !== 'process.env' && o !== 'import.meta.env' && o !== 'Deno.env') return undefined;
  if (node.type === 'member_expression') return node.childForFieldName('property')?.text;
  const index = node.childForFieldName('index');
  return index?.type === 'string' ? unquote(index.text) : undefined;
}

function collect(raw: SyntaxNode, ctx: ResolveContext, sink: QuerySink, out: StringPart[], depth: number, seen: Set<number>): void {
  const node = unwrap(raw);
  if (depth > MAX_DEPTH) {
    out.push(hole({ kind: 'other', name: node.text.slice(0, 40) }, node, false));
    return;
  }
  switch (node.type) {
    case 'string':
    case 'template_string':
      literalPieces(node, ctx, sink, out, depth, seen);
      return;
    case 'number':
      out.push({ kind: 'literal', value: node.text, span: span(node), exact: true });
      return;
    case 'binary_expression': {
      const op = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (op === '+' && left && right) {
        collect(left, ctx, sink, out, depth + 1, seen);
        collect(right, ctx, sink, out, depth + 1, seen);
        return;
      }
      if ((op === '||' || op === '??') && left) {
        // `process.env.KEY || 'fallback'`: the value is the left side in the case that matters.
        const inner: StringPart[] = [];
        collect(left, ctx, sink, inner, depth + 1, seen);
        const h = inner.find((p): p is HolePart => p.kind === 'hole');
        out.push(h ? { ...h, span: span(node) } : hole({ kind: 'other', name: node.text.slice(0, 40) }, node, false));
        return;
      }
      break;
    }
    case 'identifier':
    case 'shorthand_property_identifier':
      identifierValue(node, ctx, sink, out, depth, seen);
      return;
    case 'member_expression':
    case 'subscript_expression':
      memberValue(node, ctx, sink, out, depth, seen);
      return;
    case 'call_expression':
      callValue(node, ctx, sink, out, depth, seen);
      return;
    case 'new_expression': {
      const ctor = node.childForFieldName('constructor')?.text;
      if (ctor === 'URL') {
        urlValue(node, ctx, sink, out, depth, seen, undefined);
        return;
      }
      if (ctor === 'URLSearchParams') {
        searchParamsValue(node, ctx, sink, depth, undefined);
        out.push(hole({ kind: 'other', name: 'URLSearchParams' }, node, false));
        return;
      }
      break;
    }
  }
  out.push(hole({ kind: 'other', name: node.text.slice(0, 40) }, node, false));
}

function literalPieces(node: SyntaxNode, ctx: ResolveContext, sink: QuerySink, out: StringPart[], depth: number, seen: Set<number>): void {
  const quote = node.text[0];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'string_fragment') {
      out.push({ kind: 'literal', value: child.text, span: span(child), exact: true, quote });
    } else if (child.type === 'escape_sequence') {
      out.push({ kind: 'literal', value: cook(child.text), span: span(child), exact: false, quote });
    } else if (child.type === 'template_substitution') {
      const expr = child.namedChildren[0];
      if (!expr) continue;
      const before = out.length;
      collect(expr, ctx, sink, out, depth + 1, seen);
      for (let i = before; i < out.length; i++) {
        const p = out[i];
        const where = p.kind === 'hole' ? p.span : p.at;
        if (where && where.start >= child.startIndex && where.end <= child.endIndex) out[i] = { ...p, outer: span(child) };
      }
    }
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

function cook(escape: string): string {
  const c = escape.slice(1);
  if (c in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[c];
  if (/^x[0-9a-f]{2}$/i.test(c)) return String.fromCharCode(parseInt(c.slice(1), 16));
  if (/^u[0-9a-f]{4}$/i.test(c)) return String.fromCharCode(parseInt(c.slice(1), 16));
  if (/^u\{[0-9a-f]+\}$/i.test(c)) return String.fromCodePoint(parseInt(c.slice(2, -1), 16));
  if (c.startsWith('\n') || c.startsWith('\r')) return '';
  return c;
}

/** The single value of an identifier's declaration, or undefined. */
export function declaredValue(id: SyntaxNode, ctx: ResolveContext): { value: SyntaxNode; property?: string; name: string } | undefined {
  if (id.type !== 'identifier' && id.type !== 'shorthand_property_identifier') return undefined;
  const found = ctx.symbols.lookup(id);
  if (found.kind !== 'declaration' || !found.declaration.single || !found.declaration.value) return undefined;
  return { value: found.declaration.value, property: found.declaration.property, name: id.text };
}

function identifierValue(node: SyntaxNode, ctx: ResolveContext, sink: QuerySink, out: StringPart[], depth: number, seen: Set<number>): void {
  const name = node.text;
  if (name === 'undefined') {
    out.push(hole({ kind: 'other', name }, node, false));
    return;
  }
  const found = ctx.symbols.lookup(node);
  if (found.kind === 'parameter') {
    out.push(hole({ kind: 'parameter', name }, node));
    return;
  }
  if (found.kind !== 'declaration' || !found.declaration.single || !found.declaration.value || seen.has(found.declaration.declarator.id)) {
    out.push(hole({ kind: 'variable', name }, node));
    return;
  }
  const d = found.declaration;
  const value = d.value!;
  if (d.property !== undefined) {
    // const { KEY } = process.env / const { apiKey } = config
    const obj = unwrap(value);
    if (/^(process\.env|import\.meta\.env)$/.test(obj.text.replace(/\s+/g, ''))) {
      out.push(hole({ kind: 'env', name: d.property }, node));
      return;
    }
    const entries = resolveObject(obj, ctx, depth + 1);
    const entry = entries?.find((e) => e.key === d.property);
    if (!entry?.value) {
      out.push(hole({ kind: 'variable', name }, node));
      return;
    }
    resolveThrough(entry.value, node, name, ctx, sink, out, depth, seen, d.declarator.id);
    return;
  }
  const unwrapped = unwrap(value);
  if (unwrapped.type === 'new_expression' && unwrapped.childForFieldName('constructor')?.text === 'URL') {
    const inner = new Set(seen).add(d.declarator.id);
    urlValue(unwrapped, ctx, sink, out, depth + 1, inner, { name, from: d.declarator.endIndex, to: d.scopeEnd });
    return;
  }
  if (unwrapped.type === 'new_expression' && unwrapped.childForFieldName('constructor')?.text === 'URLSearchParams') {
    searchParamsValue(unwrapped, ctx, sink, depth + 1, { name, from: d.declarator.endIndex, to: d.scopeEnd });
    out.push(hole({ kind: 'variable', name }, node, false));
    return;
  }
  resolveThrough(value, node, name, ctx, sink, out, depth, seen, d.declarator.id);
}

/**
 * Resolves a declaration's value at its use: literal pieces keep their own offsets, holes move to
 * the use (that is the text a fix can reuse), and a secret-looking variable name marks its holes.
 */
function resolveThrough(value: SyntaxNode, use: SyntaxNode, name: string, ctx: ResolveContext, sink: QuerySink, out: StringPart[], depth: number, seen: Set<number>, declId: number): void {
  const inner: StringPart[] = [];
  const nextSeen = new Set(seen).add(declId);
  collect(value, ctx, sink, inner, depth + 1, nextSeen);
  if (inner.length === 1 && inner[0].kind === 'hole') {
    // One unknown value: it moves to the use, whose text a fix can reuse (`apiKey`, not its definition).
    const p = inner[0];
    const origin: HoleOrigin = p.origin.kind === 'other' ? { kind: 'variable', name } : p.origin;
    out.push({ kind: 'hole', origin, secret: p.secret || isSecretIdentifier(name), span: span(use) });
    return;
  }
  // Text read from elsewhere is, for ranges and fixes, at the use.
  const u = span(use);
  for (const p of inner) {
    const where = p.kind === 'literal' ? (p.at ?? p.span) : p.span;
    if (p.kind === 'literal' && !(where.start >= u.start && where.end <= u.end)) out.push({ ...p, at: u, outer: undefined });
    else out.push(p);
  }
}

function memberValue(node: SyntaxNode, ctx: ResolveContext, sink: QuerySink, out: StringPart[], depth: number, seen: Set<number>): void {
  const env = envName(node);
  if (env !== undefined) {
    out.push(hole({ kind: 'env', name: env }, node));
    return;
  }
  const obj = node.childForFieldName('object');
  const prop = node.type === 'member_expression' ? node.childForFieldName('property')?.text : unquoteIndex(node.childForFieldName('index'));
  if (obj && prop) {
    if (prop === 'href' && obj.type === 'identifier') {
      const dv = declaredValue(obj, ctx);
      if (dv && unwrap(dv.value).type === 'new_expression' && unwrap(dv.value).childForFieldName('constructor')?.text === 'URL') {
        collect(obj, ctx, sink, out, depth + 1, seen);
        return;
      }
    }
    const entries = resolveObject(obj, ctx, depth + 1);
    const entry = entries?.find((e) => e.key === prop);
    if (entry?.value) {
      resolveThrough(entry.value, node, prop, ctx, sink, out, depth, seen, -1 - node.id);
      return;
    }
    out.push(hole({ kind: 'variable', name: prop }, node));
    return;
  }
  out.push(hole({ kind: 'other', name: node.text.slice(0, 40) }, node, false));
}

function unquoteIndex(index: SyntaxNode | null): string | undefined {
  return index?.type === 'string' ? unquote(index.text) : undefined;
}

function callValue(node: SyntaxNode, ctx: ResolveContext, sink: QuerySink, out: StringPart[], depth: number, seen: Set<number>): void {
  const fn = node.childForFieldName('function');
  const args = node.childForFieldName('arguments')?.namedChildren.filter((a): a is SyntaxNode => !!a) ?? [];
  if (fn?.type === 'identifier' && TRANSPARENT_CALLS.has(fn.text) && args.length === 1) {
    collect(args[0], ctx, sink, out, depth + 1, seen);
    return;
  }
  if (fn?.type === 'member_expression') {
    const obj = fn.childForFieldName('object');
    const method = fn.childForFieldName('property')?.text;
    if (obj && method && TRANSPARENT_METHODS.has(method) && args.length === 0) {
      collect(obj, ctx, sink, out, depth + 1, seen);
      return;
    }
    if (obj && method === 'concat') {
      collect(obj, ctx, sink, out, depth + 1, seen);
      for (const a of args) collect(a, ctx, sink, out, depth + 1, seen);
      return;
    }
  }
  const path = fn ? calleePath(fn) : undefined;
  const name = path ? path[path.length - 1] : (fn?.text ?? 'call').slice(0, 40);
  out.push(hole({ kind: 'call', name }, node));
}

/** `new URL(path, base)`: base text then path text, and the `searchParams` writes on the variable. */
function urlValue(node: SyntaxNode, ctx: ResolveContext, sink: QuerySink, out: StringPart[], depth: number, seen: Set<number>, variable: Variable | undefined): void {
  const args = node.childForFieldName('arguments')?.namedChildren.filter((a): a is SyntaxNode => !!a) ?? [];
  if (args.length === 0) {
    out.push(hole({ kind: 'other', name: 'URL' }, node, false));
    return;
  }
  const path: StringPart[] = [];
  collect(args[0], ctx, sink, path, depth + 1, seen);
  const first = path[0];
  const absolute = first?.kind === 'literal' && /^[a-z][a-z0-9+.-]*:/i.test(first.value);
  if (args.length > 1 && !absolute) collect(args[1], ctx, sink, out, depth + 1, seen);
  out.push(...path);
  if (variable && sink) {
    for (const call of writesIn(ctx.paramWrites.get(`${variable.name}.searchParams`), variable)) addParamWrite(call, ctx, sink);
  }
}

/** `new URLSearchParams({…})` entries and `.set/.append` calls on the variable holding it. */
function searchParamsValue(node: SyntaxNode, ctx: ResolveContext, sink: QuerySink, depth: number, variable: Variable | undefined): void {
  if (!sink) return;
  const arg = node.childForFieldName('arguments')?.namedChildren[0];
  if (arg) {
    for (const e of resolveObject(arg, ctx, depth + 1) ?? []) {
      if (e.value) sink.push({ name: e.key, value: resolveString(e.value, ctx), span: e.span, origin: 'search-params' });
    }
  }
  if (variable) for (const call of writesIn(ctx.paramWrites.get(variable.name), variable)) addParamWrite(call, ctx, sink);
}

/** A variable holding a URL or URLSearchParams: its name and where it is in scope after its declaration. */
interface Variable {
  name: string;
  from: number;
  to: number;
}

/** The `.set/.append` calls (in document order) that sit where the variable is in scope. */
function writesIn(calls: readonly SyntaxNode[] | undefined, v: Variable): SyntaxNode[] {
  if (!calls) return [];
  let lo = 0;
  let hi = calls.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (calls[mid].startIndex < v.from) lo = mid + 1;
    else hi = mid;
  }
  const out: SyntaxNode[] = [];
  for (let i = lo; i < calls.length && calls[i].startIndex < v.to; i++) out.push(calls[i]);
  return out;
}

function addParamWrite(call: SyntaxNode, ctx: ResolveContext, sink: QueryParam[]): void {
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  const nameNode = args[0];
  const valueNode = args[1];
  if (nameNode?.type !== 'string' || !valueNode) return;
  sink.push({ name: unquote(nameNode.text), value: resolveString(valueNode, ctx), span: span(call), origin: 'search-params' });
}

export interface ObjectEntry {
  key: string;
  keySpan: Span;
  /** The value expression; for `{ token }` the shorthand identifier itself. */
  value: SyntaxNode | undefined;
  /** The whole entry (`key: value`). */
  span: Span;
  node: SyntaxNode;
}

/**
 * The entries of an object expression, following constants, spreads, `new Headers({…})`,
 * `new URLSearchParams({…})` and `cfg.headers` where `cfg` is a constant object. Undefined when the
 * value is not an object the resolver can see.
 */
export function resolveObject(raw: SyntaxNode, ctx: ResolveContext, depth = 0): ObjectEntry[] | undefined {
  const node = unwrap(raw);
  if (depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case 'object': {
      const entries: ObjectEntry[] = [];
      for (const c of node.namedChildren) {
        if (!c) continue;
        if (c.type === 'pair') {
          const keyNode = c.childForFieldName('key');
          const key = keyNode ? propertyKey(keyNode, ctx) : undefined;
          if (keyNode && key !== undefined) entries.push({ key, keySpan: span(keyNode), value: c.childForFieldName('value') ?? undefined, span: span(c), node: c });
        } else if (c.type === 'shorthand_property_identifier') {
          entries.push({ key: c.text, keySpan: span(c), value: c, span: span(c), node: c });
        } else if (c.type === 'spread_element') {
          const inner = c.namedChildren[0];
          const spread = inner ? resolveObject(inner, ctx, depth + 1) : undefined;
          if (spread) entries.push(...spread);
        }
      }
      return entries;
    }
    case 'identifier':
    case 'shorthand_property_identifier': {
      const dv = declaredValue(node, ctx);
      if (!dv) return undefined;
      if (dv.property !== undefined) {
        const entry = resolveObject(dv.value, ctx, depth + 1)?.find((e) => e.key === dv.property);
        return entry?.value ? resolveObject(entry.value, ctx, depth + 1) : undefined;
      }
      return resolveObject(dv.value, ctx, depth + 1);
    }
    case 'new_expression': {
      const ctor = node.childForFieldName('constructor')?.text;
      const arg = node.childForFieldName('arguments')?.namedChildren[0];
      if ((ctor === 'Headers' || ctor === 'URLSearchParams') && arg) return resolveObject(arg, ctx, depth + 1);
      return undefined;
    }
    case 'member_expression': {
      const obj = node.childForFieldName('object');
      const prop = node.childForFieldName('property')?.text;
      const entry = obj && prop ? resolveObject(obj, ctx, depth + 1)?.find((e) => e.key === prop) : undefined;
      return entry?.value ? resolveObject(entry.value, ctx, depth + 1) : undefined;
    }
  }
  return undefined;
}

function propertyKey(key: SyntaxNode, ctx: ResolveContext): string | undefined {
  if (key.type === 'property_identifier' || key.type === 'number') return key.text;
  if (key.type === 'string') return unquote(key.text);
  if (key.type === 'computed_property_name') {
    const inner = key.namedChildren[0];
    if (!inner) return undefined;
    const s = resolveString(inner, ctx);
    let text = '';
    for (const p of s.parts) {
      if (p.kind !== 'literal') return undefined;
      text += p.value;
    }
    return text;
  }
  return undefined;
}

/** The text of an abstract string with each hole as U+0000 (for pattern checks). */
export function flatText(s: AbstractString): string {
  return s.parts.map((p) => (p.kind === 'literal' ? p.value : '\u0000')).join('');
}
