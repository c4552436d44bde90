/** Small helpers that write JavaScript source for fixes, in the file's own style. */
import type { RequestSite, Span } from '../model';
import type { TextEdit } from '../types';

/** A string literal with the given quote (`'`, `"` or `` ` ``). */
export function quoteString(value: string, quote: string): string {
  const q = quote === '"' || quote === '`' ? quote : "'";
  let body = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  body = body.split(q).join(`\\${q}`);
  if (q === '`') body = body.replace(/\$\{/g, '\\${');
  return `${q}${body}${q}`;
}

/** The quote most string literals in the file use (single unless double quotes win). */
export function fileQuote(text: string): string {
  let single = 0;
  let double = 0;
  for (const m of text.matchAll(/(?<![\w\\])(['"])(?:[^'"\\\n]|\\.)*\1/g)) {
    if (m[1] === "'") single++;
    else double++;
  }
  return double > single ? '"' : "'";
}

/**
 * `Bearer <expr>` as JavaScript: a template literal when the surrounding code uses templates,
 * otherwise a concatenation with the file's quote.
 */
export function bearerExpression(scheme: string, expression: string, style: 'template' | 'concat', quote: string): string {
  if (style === 'template') return `\`${scheme} \${${expression}}\``;
  return `${quoteString(`${scheme} `, quote)} + ${expression}`;
}

/**
 * Edits that add `Authorization: <value>` to a request's headers: into the `headers: {…}` literal,
 * into the options literal as a new `headers` entry, or as a new options argument. Undefined when
 * none of these is written at the call (the headers come from elsewhere).
 */
export function addAuthorizationHeader(site: RequestSite, text: string, valueCode: string): TextEdit | undefined {
  const entry = `Authorization: ${valueCode}`;
  if (site.headersObject) return insertEntry(site.headersObject, text, entry);
  if (site.optionsObject) return insertEntry(site.optionsObject, text, `headers: { ${entry} }`);
  if (site.optionsInsert !== undefined) return { start: site.optionsInsert, end: site.optionsInsert, newText: `, { headers: { ${entry} } }` };
  return undefined;
}

/** Adds an entry as the first one of an object literal, matching its one-line or multi-line layout. */
function insertEntry(object: Span, text: string, entry: string): TextEdit {
  const inside = text.slice(object.start + 1, object.end - 1);
  if (inside.trim().length === 0) return { start: object.start, end: object.end, newText: `{ ${entry} }` };
  const lead = /^\s*/.exec(inside)![0];
  const at = object.start + 1 + lead.length;
  if (lead.includes('\n')) {
    const indent = lead.slice(lead.lastIndexOf('\n') + 1);
    return { start: at, end: at, newText: `${entry},\n${indent}` };
  }
  return { start: at, end: at, newText: `${entry}, ` };
}

/** Removes an object entry with its comma (the one after it, or else the one before it). */
export function removeEntry(entry: Span, text: string): TextEdit {
  const lineStart = text.lastIndexOf('\n', entry.start - 1) + 1;
  const ownLine = /^[ \t]*$/.test(text.slice(lineStart, entry.start));
  const after = /^[ \t]*,[ \t]*(\r?\n)?/.exec(text.slice(entry.end));
  if (after) {
    if (ownLine && after[1]) return { start: lineStart, end: entry.end + after[0].length, newText: '' };
    return { start: entry.start, end: entry.end + after[0].length, newText: '' };
  }
  const before = /,\s*$/.exec(text.slice(0, entry.start));
  return { start: before ? before.index : entry.start, end: entry.end, newText: '' };
}
