/**
 * Go fixes for the findings of the shared rules (whose own fixes write JavaScript): move a key from
 * a `http.NewRequest` URL into `req.Header.Set("Authorization", "Bearer "+key)`, rewrite a malformed
 * Bearer value as `"Bearer "+key`, and read a hard-coded key with `os.Getenv` when `os` is imported.
 */
import type { SyntaxNode } from '../parser';
import type { HeaderEntry, HolePart, SecretCandidate, Span, StringPart } from '../model';
import { findKnownKey } from '../keyFormats';
import type { Finding, Fix, TextEdit } from '../types';
import type { GoFacts, GoSite } from './facts';

const MOVE_TITLE = 'Move the credential to the Authorization header';

const inside = (s: Span, outer: Span): boolean => s.start >= outer.start && s.end <= outer.end;

/** A Go interpreted string literal for a value. */
export function goQuote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function bearerCode(scheme: string, token: { expression: string } | { literal: string }): string {
  return 'expression' in token ? `${goQuote(`${scheme} `)}+${token.expression}` : goQuote(`${scheme} ${token.literal}`);
}

export function keyInUrlFix(f: Finding, facts: GoFacts, text: string): Fix | undefined {
  const gs = facts.goSites.find((s) => s.url && s.site.url && inside(f, { start: s.url.startIndex, end: s.url.endIndex }));
  if (!gs || !gs.requestVar || !gs.statement || !gs.site.url) return undefined;
  if (gs.site.headers.some((h) => h.name.toLowerCase() === 'authorization')) return undefined;
  const urlSpan = { start: gs.url!.startIndex, end: gs.url!.endIndex };
  const within = gs.site.url.parts.filter((p) => {
    const s = p.kind === 'hole' ? p.outer ?? p.span : p.span;
    return s.start < f.end && s.end > f.start;
  });
  // Only text written in the call's own literals, with no escapes and no Sprintf verbs.
  if (within.some((p) => !inside(p.span, urlSpan) || (p.kind === 'literal' ? !p.exact || p.at : !!p.outer))) return undefined;
  const eq = text.slice(f.start, f.end).indexOf('=');
  if (eq <= 0) return undefined;
  const valueStart = f.start + eq + 1;
  const holes = within.filter((p): p is HolePart => p.kind === 'hole');
  let removal: TextEdit | undefined;
  let code: string | undefined;
  if (holes.length === 0) {
    const literal = within.map((p) => (p.kind === 'literal' ? p.value.slice(Math.max(0, valueStart - p.span.start), Math.max(0, f.end - p.span.start)) : '')).join('');
    if (!literal) return undefined;
    code = bearerCode('Bearer', { literal: decode(literal) });
    if (text[f.end] === '&') removal = { start: f.start, end: f.end + 1, newText: '' };
    else if (text[f.start - 1] === '&' || text[f.start - 1] === '?') removal = { start: f.start - 1, end: f.end, newText: '' };
  } else if (holes.length === 1 && holes[0].span.end === f.end) {
    const h = holes[0];
    // `"…?api_key=" + key` ends the pair: the literal stays up to the separator.
    if (!/^"\s*\+\s*$/.test(text.slice(valueStart, h.span.start))) return undefined;
    code = bearerCode('Bearer', { expression: text.slice(h.span.start, h.span.end) });
    const next = /^\s*\+\s*"&/.exec(text.slice(h.span.end));
    if (next) removal = { start: f.start, end: h.span.end + next[0].length, newText: '' };
    else if (h.span.end === urlSpan.end && (text[f.start - 1] === '?' || text[f.start - 1] === '&')) removal = { start: f.start - 1, end: h.span.end, newText: '"' };
  }
  if (!removal || !code) return undefined;
  const add = addHeaderAfter(gs, text, code);
  return add ? { title: MOVE_TITLE, edits: [removal, add] } : undefined;
}

/** `req.Header.Set("Authorization", …)` after the NewRequest statement, or after its `if err != nil {…}`. */
function addHeaderAfter(gs: GoSite, text: string, code: string): TextEdit | undefined {
  let after: SyntaxNode = gs.statement!;
  const next = after.nextNamedSibling;
  if (next?.type === 'if_statement' && /^if\s+err\s*!=\s*nil\b/.test(next.text)) after = next;
  const lineStart = text.lastIndexOf('\n', gs.statement!.startIndex - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return { start: after.endIndex, end: after.endIndex, newText: `\n${indent}${gs.requestVar}.Header.Set("Authorization", ${code})` };
}

const SCHEMES = new Set(['bearer', 'token']);

/** The scheme and token of a value, read the way the bearer-format rule reads it. */
function bearerToken(h: HeaderEntry): { scheme: string; hole?: HolePart; literal?: string } | undefined {
  const parts: StringPart[] = h.value.parts;
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

/** Rewrites a malformed Authorization value as `"Bearer "+key` (or `fmt.Sprintf("Bearer %s", key)` where it was a Sprintf). */
export function bearerFix(f: Finding, facts: GoFacts, text: string): Fix | undefined {
  const h = facts.headerWrites.find((x) => x.valueSpan.start === f.start && x.valueSpan.end === f.end);
  if (!h || !h.value.parts.every((p) => inside(p.span, h.valueSpan))) return undefined;
  const token = bearerToken(h);
  if (!token) return undefined;
  const title = `Write the header as "${token.scheme} <token>"`;
  const original = text.slice(h.valueSpan.start, h.valueSpan.end);
  let newText: string;
  if (token.hole) {
    const expression = text.slice(token.hole.span.start, token.hole.span.end);
    // Keeping the Sprintf keeps the `fmt` import in use.
    newText = /^fmt\.Sprintf\(/.test(original) ? `fmt.Sprintf(${goQuote(`${token.scheme} %s`)}, ${expression})` : bearerCode(token.scheme, { expression });
  } else if (token.literal !== undefined) {
    if (!/^["`]/.test(original)) return undefined;
    newText = bearerCode(token.scheme, { literal: token.literal });
  } else return undefined;
  return { title, edits: [{ start: h.valueSpan.start, end: h.valueSpan.end, newText }] };
}

function inConstant(n: SyntaxNode): boolean {
  for (let cur = n.parent; cur; cur = cur.parent) if (cur.type === 'const_declaration') return true;
  return false;
}

/** `"sk_live_…"` → `os.Getenv("NAME")`; only where `os` is imported and the literal is not a constant. */
export function hardcodedKeyFix(f: Finding, c: SecretCandidate, node: SyntaxNode, envName: string, text: string): Fix | undefined {
  if (inConstant(node)) return undefined;
  const env = `os.Getenv(${goQuote(envName)})`;
  const title = `Read the key from os.Getenv("${envName}")`;
  const known = findKnownKey(c.value);
  if (!known || known.key === c.value) return { title, edits: [{ start: node.startIndex, end: node.endIndex, newText: env }] };
  const raw = text.slice(node.startIndex + 1, node.endIndex - 1);
  if (raw !== c.value || f.start <= node.startIndex) return undefined;
  const before = c.value.slice(0, known.index);
  const after = c.value.slice(known.index + known.key.length);
  const code = [before ? goQuote(before) : '', env, after ? goQuote(after) : ''].filter((x) => x).join(' + ');
  return { title, edits: [{ start: node.startIndex, end: node.endIndex, newText: code }] };
}

/** The file imports `os` under its own name. */
export function importsOs(facts: GoFacts): boolean {
  return facts.imports.has('os');
}
