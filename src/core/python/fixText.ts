/** Small helpers that write Python source for fixes, in the file's own style. */
import type { SyntaxNode } from '../parser';
import type { Span } from '../model';
import type { TextEdit } from '../types';
import type { PythonSite } from './facts';
import { named, unwrap } from './syntax';

/** The quote most string literals in the file use (double unless single quotes win). */
let lastText: string | undefined;
let lastQuote: '"' | "'" = '"';

export function pythonQuote(text: string): '"' | "'" {
  // Several fixes of one analysis ask for the same text.
  if (text === lastText) return lastQuote;
  lastText = text;
  lastQuote = countQuotes(text);
  return lastQuote;
}

function countQuotes(text: string): '"' | "'" {
  let single = 0;
  let double = 0;
  for (const m of text.matchAll(/(?<![\w\\])[rRbBuUfF]{0,2}(['"])(?:[^'"\\\n]|\\.)*\1/g)) {
    if (m[1] === "'") single++;
    else double++;
  }
  return single > double ? "'" : '"';
}

/** A plain string literal with the given quote. */
export function pyString(value: string, quote: string): string {
  const q = quote === "'" ? "'" : '"';
  const body = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').split(q).join(`\\${q}`);
  return `${q}${body}${q}`;
}

/**
 * `f"<prefix>{expr}<suffix>"`, with a quote the expression does not use (f-strings before Python
 * 3.12 cannot reuse their own quote inside the braces). Undefined when no quote fits.
 */
export function fString(prefix: string, expression: string, quote: string, suffix = ''): string | undefined {
  if (/[\\\n{}]/.test(prefix + suffix) || expression.includes('\\') || expression.includes('\n')) return undefined;
  const order = quote === "'" ? ["'", '"'] : ['"', "'"];
  const q = order.find((c) => !expression.includes(c) && !prefix.includes(c) && !suffix.includes(c));
  return q ? `f${q}${prefix}{${expression}}${suffix}${q}` : undefined;
}

/** The header value `Bearer <code>` as Python: an f-string around an expression, or a literal. */
export function bearerCode(scheme: string, token: { expression: string } | { literal: string }, quote: string): string | undefined {
  if ('expression' in token) return fString(`${scheme} `, token.expression, quote);
  return pyString(`${scheme} ${token.literal}`, quote);
}

/** Adds an entry as the first one of a dict literal, matching its one-line or multi-line layout. */
export function insertDictEntry(dict: Span, text: string, entry: string): TextEdit {
  const inside = text.slice(dict.start + 1, dict.end - 1);
  if (inside.trim().length === 0) return { start: dict.start, end: dict.end, newText: `{${entry}}` };
  const lead = /^\s*/.exec(inside)![0];
  const at = dict.start + 1 + lead.length;
  if (lead.includes('\n')) {
    const indent = lead.slice(lead.lastIndexOf('\n') + 1);
    return { start: at, end: at, newText: `${entry},\n${indent}` };
  }
  return { start: at, end: at, newText: `${entry}, ` };
}

/**
 * Edits that send `Authorization: <value>` with a request: a new entry in the call's `headers={…}`
 * literal, or a new `headers=` keyword argument. Undefined when the headers come from elsewhere, or
 * the client's keyword for headers depends on its version (websockets).
 */
export function addAuthorizationHeader(ps: PythonSite, text: string, valueCode: string, quote: string): TextEdit | undefined {
  if (ps.call.type !== 'call') return undefined;
  const keyword = ps.shape.headersKeyword;
  if (!keyword) return undefined;
  const entry = `${pyString('Authorization', quote)}: ${valueCode}`;
  const existing = ps.shape.args.keywords.get(keyword);
  if (existing) {
    const dict = unwrap(existing);
    return dict.type === 'dictionary' ? insertDictEntry({ start: dict.startIndex, end: dict.endIndex }, text, entry) : undefined;
  }
  // Only the known clients are sure to take `headers=`; the user's own functions may not.
  if (['websockets', 'websocket-client', 'custom'].includes(ps.shape.client) || ps.shape.args.splat) return undefined;
  const list = ps.shape.args.list;
  if (!list || !list.text.endsWith(')')) return undefined;
  const args = named(list).filter((a) => a.type !== 'comment');
  const last = args[args.length - 1];
  if (!last) return { start: list.startIndex + 1, end: list.startIndex + 1, newText: `headers={${entry}}` };
  return { start: last.endIndex, end: last.endIndex, newText: `, headers={${entry}}` };
}

/** Removes a dict entry or argument with its comma (the one after it, or else the one before it). */
export function removeItem(item: Span, text: string): TextEdit {
  const lineStart = text.lastIndexOf('\n', item.start - 1) + 1;
  const ownLine = /^[ \t]*$/.test(text.slice(lineStart, item.start));
  const after = /^[ \t]*,[ \t]*(#[^\n]*)?(\r?\n)?/.exec(text.slice(item.end));
  if (after && !after[1]) {
    if (ownLine && after[2]) return { start: lineStart, end: item.end + after[0].length, newText: '' };
    return { start: item.start, end: item.end + after[0].length, newText: '' };
  }
  const before = /,\s*$/.exec(text.slice(0, item.start));
  return { start: before ? before.index : item.start, end: item.end, newText: '' };
}

/** The smallest named node that covers exactly a span, if there is one. */
export function nodeAt(root: SyntaxNode, s: Span): SyntaxNode | undefined {
  const n = root.namedDescendantForIndex(s.start, Math.max(s.start, s.end - 1));
  let cur: SyntaxNode | null = n;
  while (cur && cur.endIndex < s.end) cur = cur.parent;
  return cur && cur.startIndex === s.start && cur.endIndex === s.end ? cur : undefined;
}
