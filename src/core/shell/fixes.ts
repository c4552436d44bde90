/**
 * Fixes in shell syntax for the shared rules' findings (whose own fixes write JavaScript): move a
 * key from the URL to `-H "Authorization: Bearer $KEY"`, rewrite a malformed header as
 * `"Authorization: Bearer $KEY"`, and read a hard-coded key with `"${NAME:?set NAME}"`, which
 * stops the script with a clear message when the variable is not set.
 */
import type { HeaderEntry, HolePart, Span, StringPart } from '../model';
import { pairRange, queryPairs, tokens } from '../queryPairs';
import { findKnownKey } from '../keyFormats';
import { envNameFor } from '../rules/hardcodedKey';
import type { Finding, Fix, TextEdit } from '../types';
import type { ShellArgument } from './commands';
import type { ShellCandidate, ShellFacts, ShellSite } from './facts';

/** Text that needs no quoting inside `"…"`. */
const SAFE_TOKEN = /^[A-Za-z0-9._~+/=:-]+$/;

function inside(s: Span, outer: Span): boolean {
  return s.start >= outer.start && s.end <= outer.end;
}

function hasAuthorization(ss: ShellSite): boolean {
  return ss.site.headers.some((h) => h.name.toLowerCase() === 'authorization');
}

function headerOption(ss: ShellSite, value: string): string {
  return ss.command.tool === 'wget' ? `--header="${value}"` : `-H "${value}"`;
}

/** A hole written as `$KEY`, `${KEY}` or `$(cmd)` keeps its meaning inside double quotes. */
function holeCode(h: HolePart, text: string): string | undefined {
  const code = text.slice(h.span.start, h.span.end);
  return /^\$/.test(code) && !code.includes('"') ? code : undefined;
}

/** Sites with a URL argument, by where it starts (one list per analysis). */
const urlSitesOf = new WeakMap<ShellFacts, ShellSite[]>();

/** The sites whose URL argument holds `at` (a binary search: a finding per site would make a scan quadratic). */
function sitesWithUrlAt(facts: ShellFacts, at: Span): ShellSite[] {
  let list = urlSitesOf.get(facts);
  if (!list) {
    list = facts.shSites.filter((s) => s.urlArg).sort((a, b) => a.urlArg!.valueSpan.start - b.urlArg!.valueSpan.start);
    urlSitesOf.set(facts, list);
  }
  let lo = 0;
  let hi = list.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].urlArg!.valueSpan.start <= at.start) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const out: ShellSite[] = [];
  // Sites that share one URL argument (none today) sit next to each other.
  for (let i = last; i >= 0 && list[i].urlArg!.valueSpan.start === list[last].urlArg!.valueSpan.start; i--) out.push(list[i]);
  return out;
}

export function keyInUrlFix(f: Finding, facts: ShellFacts, text: string): Fix | undefined {
  for (const ss of sitesWithUrlAt(facts, f)) {
    if (!ss.urlArg || !ss.site.url || !inside(f, ss.urlArg.valueSpan) || hasAuthorization(ss)) continue;
    const arg = ss.urlArg.valueSpan;
    const pair = queryPairs(tokens(ss.site.url.parts)).find((p) => {
      const r = pairRange(p, text);
      return r.start === f.start && r.end === f.end;
    });
    if (!pair) return undefined;
    const structural = [pair.before, ...pair.nameTokens, pair.eq, ...(pair.after ? [pair.after] : [])];
    if (structural.some((t) => t.via || t.hole || (t.part.kind === 'literal' && !t.part.exact) || !inside(t, arg))) return undefined;
    const value = pair.valueTokens;
    let code: string | undefined;
    const via = value[0]?.via;
    if (value.length === 1 && value[0].hole) code = holeCode(value[0].hole, text);
    else if (via && value.every((t) => t.via === via)) code = text.slice(via.start, via.end);
    else if (value.length > 0 && value.every((t) => t.ch !== undefined && !t.via && t.part.kind === 'literal' && t.part.exact)) {
      const lit = value.map((t) => t.ch).join('');
      code = SAFE_TOKEN.test(lit) ? lit : undefined;
    }
    if (!code || !value.every((t) => inside(t, arg))) return undefined;
    // One run of text: no closing quote between the pieces that go.
    const all = [pair.before, ...pair.nameTokens, pair.eq, ...value, ...(pair.after?.ch === '&' ? [pair.after] : [])];
    const run = all.filter((t, i) => i === 0 || !(t.via && all[i - 1].via === t.via));
    for (let i = 1; i < run.length; i++) if (run[i].start !== run[i - 1].end) return undefined;
    const removal: TextEdit = pair.after?.ch === '&' ? { start: f.start, end: pair.after.end, newText: '' } : { start: pair.before.start, end: f.end, newText: '' };
    const at = ss.command.toolWord.endIndex;
    const add: TextEdit = { start: at, end: at, newText: ` ${headerOption(ss, `Authorization: Bearer ${code}`)}` };
    return { title: 'Move the credential to the Authorization header', edits: [removal, add] };
  }
  return undefined;
}

const SCHEMES = new Set(['bearer', 'token']);

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
  if (holes.length === 0 && tokenText.length > 0 && SAFE_TOKEN.test(tokenText)) return { scheme, literal: tokenText };
  return undefined;
}

/** `-H "Authorization: Bearer '$KEY'"` → `-H "Authorization: Bearer $KEY"`. */
export function bearerFix(f: Finding, facts: ShellFacts, text: string): Fix | undefined {
  for (const ss of facts.shSites) {
    const i = ss.site.headers.findIndex((h) => h.valueSpan.start === f.start && h.valueSpan.end === f.end);
    if (i < 0) continue;
    const h = ss.site.headers[i];
    const arg: ShellArgument = ss.headerArgs[i];
    if (!h.value.parts.every((p) => inside(p.kind === 'literal' && p.at ? p.at : p.span, arg.valueSpan))) return undefined;
    // A variable resolved to its value is moved as the variable (`$KEY`), never as a copy of the value.
    const asWritten = h.value.parts.map((p): StringPart => (p.kind === 'literal' && p.at ? { kind: 'hole', origin: { kind: 'variable', name: '' }, secret: false, span: p.at } : p));
    const token = bearerToken({ ...h, value: { ...h.value, parts: asWritten } });
    if (!token) return undefined;
    const code = token.hole ? holeCode(token.hole, text) : token.literal;
    if (!code) return undefined;
    const newText = `"${h.name}: ${token.scheme} ${code}"`;
    return { title: `Write the header as "${token.scheme} <token>"`, edits: [{ start: arg.valueSpan.start, end: arg.valueSpan.end, newText }] };
  }
  return undefined;
}

/**
 * The key → `${NAME:?set NAME}`, quoted for where it is written. An assignment to an upper-case
 * name reads the environment variable of that same name (`KEY="${KEY:?set KEY}"`).
 */
export function hardcodedKeyFix(f: Finding, c: ShellCandidate): Fix | undefined {
  if (f.start < c.content.start || f.end > c.content.end) return undefined;
  const known = findKnownKey(c.value);
  const whole = f.start === c.content.start && f.end === c.content.end;
  const own = whole && c.assignment && /^[A-Z_][A-Z0-9_]*$/.test(c.assignment.name) ? c.assignment.name : undefined;
  const name = own ?? envNameFor(c.boundName, known, undefined);
  const read = `\${${name}:?set ${name}}`;
  const title = `Read the key from the environment variable ${name}`;
  if (whole && c.assignment) {
    const v = c.assignment.value;
    return { title, edits: [{ start: v.startIndex, end: v.endIndex, newText: `"${read}"` }] };
  }
  const newText = c.written === '"' ? read : c.written === "'" ? `'"${read}"'` : `"${read}"`;
  return { title, edits: [{ start: f.start, end: f.end, newText }] };
}
