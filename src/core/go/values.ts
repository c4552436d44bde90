/**
 * Resolves Go expressions to abstract strings: string literals (interpreted and raw), `+`,
 * `fmt.Sprintf` (each verb a hole, in order; `%q` adds quotes), `strings.Join`, names written once,
 * `os.Getenv`/`os.LookupEnv`, and `url.Values` whose `Encode()` ends up in a URL.
 */
import type { SyntaxNode } from '../parser';
import type { AbstractString, HoleOrigin, HolePart, QueryParam, Span, StringPart } from '../model';
import { isSecretEnvName, isSecretIdentifier } from '../secretNames';
import type { Scopes } from './scopes';
import type { UrlValues } from './urlValues';
import { callParts, calleeName, calleeReceiver, dottedText, goString, named, plainString, span, unwrap } from './syntax';

export interface ResolveContext {
  scopes: Scopes;
  /** `url.Values` variables and what is written into them. */
  values: UrlValues;
}

const MAX_DEPTH = 12;
/** Calls that hand back their argument's text, as far as a URL or header is concerned. */
const TRANSPARENT = new Set(['url.QueryEscape', 'url.PathEscape', 'strings.TrimSpace', 'string', 'strings.ToLower', 'strings.ToUpper']);

function hole(origin: HoleOrigin, node: SyntaxNode, secret?: boolean): HolePart {
  const s = secret ?? (origin.kind === 'env' ? isSecretEnvName(origin.name) : isSecretIdentifier(origin.name));
  return { kind: 'hole', origin, secret: s, span: span(node) };
}

export function resolveString(node: SyntaxNode, ctx: ResolveContext, sink?: QueryParam[]): AbstractString {
  const parts: StringPart[] = [];
  collect(node, ctx, sink, parts, 0, new Set());
  return { parts, span: span(node) };
}

/** `os.Getenv("X")` → X. */
export function getenvName(n: SyntaxNode): string | undefined {
  const c = callParts(n);
  if (!c || dottedText(c.fn) !== 'os.Getenv') return undefined;
  return plainString(c.args[0]);
}

function literalPieces(node: SyntaxNode, out: StringPart[]): boolean {
  const s = goString(node);
  if (!s) return false;
  for (const p of s.pieces) out.push({ kind: 'literal', value: p.value, span: { start: p.start, end: p.end }, exact: p.exact, quote: s.quote });
  return true;
}

function collect(raw: SyntaxNode, ctx: ResolveContext, sink: QueryParam[] | undefined, out: StringPart[], depth: number, seen: Set<string>): void {
  const node = unwrap(raw);
  if (depth > MAX_DEPTH) {
    out.push(hole({ kind: 'other', name: node.text.slice(0, 40) }, node, false));
    return;
  }
  switch (node.type) {
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      if (literalPieces(node, out)) return;
      break;
    case 'int_literal':
      out.push({ kind: 'literal', value: node.text, span: span(node), exact: true });
      return;
    case 'binary_expression': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (node.childForFieldName('operator')?.text === '+' && left && right) {
        collect(left, ctx, sink, out, depth + 1, seen);
        collect(right, ctx, sink, out, depth + 1, seen);
        return;
      }
      break;
    }
    case 'identifier': {
      const b = ctx.scopes.lookup(node);
      const name = node.text;
      if (b.kind === 'parameter') out.push(hole({ kind: 'parameter', name }, node));
      else if (b.kind === 'env') out.push(hole({ kind: 'env', name: b.name }, node, isSecretEnvName(b.name) || isSecretIdentifier(name)));
      else if (b.kind === 'value' && !seen.has(b.key)) resolveThrough(b.value, node, name, b.key, ctx, sink, out, depth, seen);
      else out.push(hole({ kind: 'variable', name }, node));
      return;
    }
    case 'selector_expression': {
      const field = node.childForFieldName('field')?.text ?? node.text;
      out.push(hole({ kind: 'variable', name: field }, node));
      return;
    }
    case 'call_expression':
    case 'type_conversion_expression':
      callValue(node, ctx, sink, out, depth, seen);
      return;
  }
  out.push(hole({ kind: 'other', name: node.text.slice(0, 40) }, node, false));
}

/** A name's value at its use: literal pieces keep their own offsets; a single unknown moves to the use. */
function resolveThrough(value: SyntaxNode, use: SyntaxNode, name: string, key: string, ctx: ResolveContext, sink: QueryParam[] | undefined, out: StringPart[], depth: number, seen: Set<string>): void {
  const inner: StringPart[] = [];
  collect(value, ctx, sink, inner, depth + 1, new Set(seen).add(key));
  if (inner.length === 1 && inner[0].kind === 'hole') {
    const p = inner[0];
    const origin: HoleOrigin = p.origin.kind === 'other' ? { kind: 'variable', name } : p.origin;
    out.push({ kind: 'hole', origin, secret: p.secret || isSecretIdentifier(name), span: span(use) });
    return;
  }
  const at = span(use);
  for (const p of inner) out.push(p.kind === 'literal' ? { ...p, at } : p);
}

function callValue(node: SyntaxNode, ctx: ResolveContext, sink: QueryParam[] | undefined, out: StringPart[], depth: number, seen: Set<string>): void {
  const c = callParts(node);
  const env = getenvName(node);
  if (env !== undefined) {
    out.push(hole({ kind: 'env', name: env }, node));
    return;
  }
  if (!c) {
    out.push(hole({ kind: 'other', name: node.text.slice(0, 40) }, node, false));
    return;
  }
  const full = dottedText(c.fn);
  const last = calleeName(c.fn) ?? 'call';
  if (full && TRANSPARENT.has(full) && c.args.length === 1) {
    collect(c.args[0], ctx, sink, out, depth + 1, seen);
    return;
  }
  if (full === 'fmt.Sprintf' && c.args.length >= 1 && goString(c.args[0])) {
    sprintf(c.args[0], c.args.slice(1), ctx, sink, out, depth, seen);
    return;
  }
  if (full === 'strings.Join' && c.args.length === 2) {
    const list = unwrap(c.args[0]);
    const sep = goString(c.args[1]);
    const body = list.type === 'composite_literal' ? list.childForFieldName('body') : null;
    if (body && sep) {
      named(body).forEach((el, i) => {
        if (i > 0) out.push({ kind: 'literal', value: sep.value, span: span(c.args[1]), exact: false });
        collect(named(el)[0] ?? el, ctx, sink, out, depth + 1, seen);
      });
      return;
    }
  }
  // `q.Encode()` of a url.Values: its entries are query parameters of the URL being built.
  if (last === 'Encode' && c.args.length === 0) {
    const receiver = calleeReceiver(c.fn);
    const key = receiver ? ctx.values.key(receiver) : undefined;
    if (key && sink) sink.push(...ctx.values.entries(key));
    if (key) {
      out.push(hole({ kind: 'other', name: 'Encode' }, node, false));
      return;
    }
  }
  out.push(hole({ kind: 'call', name: last }, node));
}

const VERB = /%(?:\[\d+\])?[-+# 0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?([vTtbcdoOqxXUeEfFgGsp%])/g;

/** `fmt.Sprintf("…%s…", a)`: every verb is a hole filled by the next argument; `%q` adds quotes around it. */
function sprintf(fmtNode: SyntaxNode, args: SyntaxNode[], ctx: ResolveContext, sink: QueryParam[] | undefined, out: StringPart[], depth: number, seen: Set<string>): void {
  const s = goString(fmtNode)!;
  let next = 0;
  for (const p of s.pieces) {
    if (!p.exact) {
      out.push({ kind: 'literal', value: p.value, span: { start: p.start, end: p.end }, exact: false, quote: s.quote });
      continue;
    }
    let at = 0;
    for (const m of p.value.matchAll(VERB)) {
      const i = m.index ?? 0;
      if (i > at) out.push({ kind: 'literal', value: p.value.slice(at, i), span: { start: p.start + at, end: p.start + i }, exact: true, quote: s.quote });
      const ph: Span = { start: p.start + i, end: p.start + i + m[0].length };
      if (m[1] === '%') out.push({ kind: 'literal', value: '%', span: ph, exact: false, quote: s.quote });
      else {
        const quoted = m[1] === 'q';
        if (quoted) out.push({ kind: 'literal', value: '"', span: ph, exact: false, quote: s.quote });
        fill(args[next++], ph, ctx, sink, out, depth, seen);
        if (quoted) out.push({ kind: 'literal', value: '"', span: ph, exact: false, quote: s.quote });
      }
      at = i + m[0].length;
    }
    if (at < p.value.length) out.push({ kind: 'literal', value: p.value.slice(at), span: { start: p.start + at, end: p.end }, exact: true, quote: s.quote });
  }
}

/** An argument's parts in place of a verb; a single hole is pointed at the verb it fills. */
function fill(arg: SyntaxNode | undefined, ph: Span, ctx: ResolveContext, sink: QueryParam[] | undefined, out: StringPart[], depth: number, seen: Set<string>): void {
  if (!arg) {
    out.push({ kind: 'hole', origin: { kind: 'other', name: 'missing argument' }, secret: false, span: ph });
    return;
  }
  const inner: StringPart[] = [];
  collect(arg, ctx, sink, inner, depth + 1, seen);
  if (inner.length === 1 && inner[0].kind === 'hole') out.push({ ...inner[0], outer: ph });
  else if (inner.every((p) => p.kind === 'literal')) {
    // A constant's text lands where the verb is: only the verb's range can be pointed at.
    out.push({ kind: 'literal', value: inner.map((p) => (p.kind === 'literal' ? p.value : '')).join(''), span: ph, exact: false });
  } else out.push(...inner);
}
