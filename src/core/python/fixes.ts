/**
 * Python fixes for the findings of the shared rules (whose own fixes write JavaScript): move a key
 * from the URL into `headers={"Authorization": f"Bearer {key}"}`, rewrite a malformed Bearer value
 * in the same string style, and read a hard-coded key from `os.environ` when `os` is imported.
 */
import type { SyntaxNode, Tree } from '../parser';
import type { HeaderEntry, HolePart, LiteralPart, SecretCandidate, Span, StringPart } from '../model';
import { findKnownKey } from '../keyFormats';
import type { Finding, Fix, TextEdit } from '../types';
import type { PythonFacts, PythonSite } from './facts';
import { addAuthorizationHeader, bearerCode, fString, nodeAt, pyString, pythonQuote, removeItem } from './fixText';
import { named, stringInfo, unwrap } from './syntax';

const MOVE_TITLE = 'Move the credential to the Authorization header';

function inside(s: Span, outer: Span): boolean {
  return s.start >= outer.start && s.end <= outer.end;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function hasAuthorization(ps: PythonSite): boolean {
  return ps.site.headers.some((h) => h.name.toLowerCase() === 'authorization');
}

/** The credential as a token for the header: one hole's expression, or literal text. */
function tokenOf(parts: readonly StringPart[], text: string): { expression: string } | { literal: string } | undefined {
  const holes = parts.filter((p): p is HolePart => p.kind === 'hole');
  const literal = parts.filter((p): p is LiteralPart => p.kind === 'literal').map((p) => p.value).join('');
  if (holes.length === 1 && literal.length === 0) return { expression: text.slice(holes[0].span.start, holes[0].span.end) };
  if (holes.length === 0 && literal.length > 0) return { literal: decode(literal) };
  return undefined;
}

/** The sites by start, with the furthest end so far: finds the sites around a span without a full scan. */
interface SiteIndex {
  byStart: number[];
  furthestEnd: number[];
}

const siteIndexes = new WeakMap<PythonFacts, SiteIndex>();

function siteIndex(facts: PythonFacts): SiteIndex {
  let index = siteIndexes.get(facts);
  if (!index) {
    const byStart = facts.pySites.map((_, i) => i).sort((a, b) => facts.pySites[a].site.span.start - facts.pySites[b].site.span.start);
    const furthestEnd: number[] = [];
    for (const i of byStart) furthestEnd.push(Math.max(furthestEnd[furthestEnd.length - 1] ?? -1, facts.pySites[i].site.span.end));
    index = { byStart, furthestEnd };
    siteIndexes.set(facts, index);
  }
  return index;
}

/**
 * The sites whose span holds `s`, in `pySites` order. Scanning every site for every finding made a
 * file of 40,000 request lines take seconds; this looks back only while a site can still reach `s`.
 */
function sitesAround(facts: PythonFacts, s: Span): PythonSite[] {
  const { byStart, furthestEnd } = siteIndex(facts);
  let lo = 0;
  let hi = byStart.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (facts.pySites[byStart[mid]].site.span.start <= s.start) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const found: number[] = [];
  for (let k = last; k >= 0 && furthestEnd[k] >= s.end; k--) {
    if (inside(s, facts.pySites[byStart[k]].site.span)) found.push(byStart[k]);
  }
  return found.sort((a, b) => a - b).map((i) => facts.pySites[i]);
}

export function keyInUrlFix(f: Finding, facts: PythonFacts, text: string): Fix | undefined {
  for (const ps of sitesAround(facts, f)) {
    if (!inside(f, ps.site.span) || hasAuthorization(ps)) continue;
    const param = ps.site.query.find((q) => q.span.start === f.start && q.span.end === f.end);
    if (param) return param.origin === 'params-object' ? paramsEntryFix(ps, param.span, param.value.parts, text) : undefined;
    if (ps.shape.url && inside(f, { start: ps.shape.url.startIndex, end: ps.shape.url.endIndex })) return urlPairFix(ps, f, text);
  }
  return undefined;
}

/** `f"…?api_key={key}&x=1"` → `f"…?x=1"` plus the header. Only inside one literal written at the call. */
function urlPairFix(ps: PythonSite, f: Finding, text: string): Fix | undefined {
  const urlNode = unwrap(ps.shape.url!);
  const info = stringInfo(urlNode);
  if (!info || !ps.site.url) return undefined;
  const within = ps.site.url.parts.filter((p) => {
    const s = p.kind === 'hole' ? p.outer ?? p.span : p.span;
    return s.start < f.end && s.end > f.start;
  });
  if (within.some((p) => (p.kind === 'literal' ? !p.exact : !p.outer || !info.isF))) return undefined;
  const rangeText = text.slice(f.start, f.end);
  const eq = rangeText.indexOf('=');
  if (eq <= 0) return undefined;
  const valueStart = f.start + eq + 1;
  const valueParts: StringPart[] = [];
  for (const p of within) {
    if (p.kind === 'hole') valueParts.push(p);
    else if (p.span.end > valueStart) {
      const from = Math.max(p.span.start, valueStart) - p.span.start;
      const to = Math.min(p.span.end, f.end) - p.span.start;
      valueParts.push({ ...p, value: p.value.slice(from, to) });
    }
  }
  const token = tokenOf(valueParts, text);
  if (!token) return undefined;
  let removal: TextEdit;
  if (text[f.end] === '&') removal = { start: f.start, end: f.end + 1, newText: '' };
  else if (text[f.start - 1] === '&' || text[f.start - 1] === '?') removal = { start: f.start - 1, end: f.end, newText: '' };
  else return undefined;
  const quote = info.quote[0];
  const code = bearerCode('Bearer', token, quote);
  const add = code ? addAuthorizationHeader(ps, text, code, quote) : undefined;
  return add ? { title: MOVE_TITLE, edits: [removal, add] } : undefined;
}

/** `params={"api_key": key, "q": q}` → the entry moves to the headers. */
function paramsEntryFix(ps: PythonSite, entry: Span, parts: readonly StringPart[], text: string): Fix | undefined {
  const params = ps.shape.queryKeyword ? ps.shape.args.keywords.get(ps.shape.queryKeyword) : undefined;
  const dict = params ? unwrap(params) : undefined;
  if (!dict || dict.type !== 'dictionary') return undefined;
  const items = named(dict).filter((c) => c.type !== 'comment');
  if (!items.some((c) => c.type === 'pair' && c.startIndex === entry.start && c.endIndex === entry.end)) return undefined;
  const token = tokenOf(parts, text);
  const quote = pythonQuote(text);
  const code = token ? bearerCode('Bearer', token, quote) : undefined;
  if (!code) return undefined;
  const keywordNode = ps.shape.args.keywordNodes.get(ps.shape.queryKeyword!)!;
  if (items.length === 1 && !ps.shape.args.keywords.has('headers') && ps.shape.headersKeyword === 'headers' && ps.shape.client !== 'custom') {
    // The only parameter: the keyword becomes the headers.
    return { title: MOVE_TITLE, edits: [{ start: keywordNode.startIndex, end: keywordNode.endIndex, newText: `headers={${pyString('Authorization', quote)}: ${code}}` }] };
  }
  const add = addAuthorizationHeader(ps, text, code, quote);
  if (!add) return undefined;
  const removal = items.length === 1 ? removeItem({ start: keywordNode.startIndex, end: keywordNode.endIndex }, text) : removeItem(entry, text);
  return { title: MOVE_TITLE, edits: [removal, add] };
}

const SCHEMES = new Set(['bearer', 'token']);

/** Rewrites a malformed Authorization value as `Bearer <token>`, in the style it was written in. */
export function bearerFix(f: Finding, facts: PythonFacts, tree: Tree, text: string): Fix | undefined {
  const h = facts.headerWrites.find((x) => x.valueSpan.start === f.start && x.valueSpan.end === f.end);
  if (!h || !h.value.parts.every((p) => inside(p.span, h.valueSpan))) return undefined;
  const token = bearerToken(h);
  if (!token) return undefined;
  const node = nodeAt(tree.rootNode, h.valueSpan);
  if (!node) return undefined;
  const value = unwrap(node);
  const title = `Write the header as "${token.scheme} <token>"`;
  const edit = (newText: string | undefined): Fix | undefined => (newText ? { title, edits: [{ start: h.valueSpan.start, end: h.valueSpan.end, newText }] } : undefined);
  const expression = token.hole ? text.slice(token.hole.span.start, token.hole.span.end) : undefined;
  const formatted = value.type === 'call' ? value.childForFieldName('function')?.childForFieldName('object') : undefined;
  const firstString = value.type === 'string' ? value : value.type === 'binary_operator' ? leftmostString(value) : formatted?.type === 'string' ? formatted : undefined;
  const info = firstString ? stringInfo(firstString) : undefined;
  const quote = info?.quote[0] ?? pythonQuote(text);
  if (token.literal !== undefined) return value.type === 'string' ? edit(pyString(`${token.scheme} ${token.literal}`, quote)) : undefined;
  if (!expression) return undefined;
  if (value.type === 'binary_operator' && value.childForFieldName('operator')?.text === '%' && info) {
    return edit(`${pyString(`${token.scheme} %s`, quote)} % ${/,/.test(expression) ? `(${expression},)` : expression}`);
  }
  if (value.type === 'call' && /\.format$/.test(value.childForFieldName('function')?.text ?? '') && info) {
    return edit(`${pyString(`${token.scheme} {}`, quote)}.format(${expression})`);
  }
  if (value.type === 'binary_operator' && info && !info.isF) return edit(`${pyString(`${token.scheme} `, quote)} + ${expression}`);
  return edit(fString(`${token.scheme} `, expression, quote));
}

function leftmostString(n: SyntaxNode): SyntaxNode | undefined {
  let cur: SyntaxNode | null = n;
  while (cur && cur.type === 'binary_operator') cur = cur.childForFieldName('left');
  return cur ? (unwrap(cur).type === 'string' ? unwrap(cur) : undefined) : undefined;
}

/** The scheme and token of a value, read the way the bearer-format rule reads it. */
function bearerToken(h: HeaderEntry): { scheme: string; hole?: HolePart; literal?: string } | undefined {
  const parts = h.value.parts;
  const holes = parts.filter((p): p is HolePart => p.kind === 'hole');
  if (parts.length > 0 && parts.every((p) => p.kind === 'hole')) return holes.length === 1 ? { scheme: 'Bearer', hole: holes[0] } : undefined;
  const flat = parts.map((p) => (p.kind === 'literal' ? p.value : '\u0000')).join('');
  const m = /^(\s*)([A-Za-z][A-Za-z0-9._-]*)(:?)([ \t]*)(["']?)/.exec(flat);
  if (!m) return undefined;
  const scheme = SCHEMES.has(m[2].toLowerCase()) ? m[2] : 'Bearer';
  const tokenText = flat.slice(m[0].length).replace(/\s+$/, '').replace(/["']$/, '');
  if (holes.length === 1 && tokenText === '\u0000') return { scheme, hole: holes[0] };
  if (holes.length === 0 && tokenText.length > 0 && !/[\s"']/.test(tokenText)) return { scheme, literal: tokenText };
  return undefined;
}

/** `"sk_live_…"` → `os.environ["NAME"]`; only where `import os` is written, so nothing else changes. */
export function hardcodedKeyFix(f: Finding, c: SecretCandidate, node: SyntaxNode, envName: string, text: string): Fix | undefined {
  const info = stringInfo(node);
  if (!info || info.isF || info.prefix.includes('b')) return undefined;
  const quote = info.quote[0];
  const env = `os.environ[${pyString(envName, quote)}]`;
  const title = `Read the key from os.environ["${envName}"]`;
  const known = findKnownKey(c.value);
  if (!known || known.key === c.value) return { title, edits: [{ start: node.startIndex, end: node.endIndex, newText: env }] };
  const raw = text.slice(info.contentStart, info.contentEnd);
  if (raw !== c.value || f.start < info.contentStart) return undefined;
  // "Bearer sk_…" → f"Bearer {os.environ['NAME']}": the inner quote must differ from the outer one.
  const inner = `os.environ[${pyString(envName, quote === '"' ? "'" : '"')}]`;
  const code = fString(c.value.slice(0, known.index), inner, quote, c.value.slice(known.index + known.key.length));
  return code ? { title, edits: [{ start: node.startIndex, end: node.endIndex, newText: code }] } : undefined;
}
