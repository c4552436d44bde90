/**
 * Fixes written in `.http` syntax. The shared rules return JavaScript edits; a request file needs
 * its own: a header line instead of a `headers` entry, `{{…}}` instead of `process.env`.
 */
import type { HeaderEntry } from '../model';
import { findKnownKey } from '../keyFormats';
import { normaliseParamName } from '../secretNames';
import { envNameFor } from '../rules/hardcodedKey';
import type { Fix, TextEdit } from '../types';
import type { HttpRequest } from './parse';
import type { WrittenPair } from './queryText';
import type { HttpCandidate } from './facts';

/** `?api_key={{key}}` → an `Authorization: Bearer {{key}}` line after the request's last header. */
export function moveToHeaderFix(request: HttpRequest, pair: WrittenPair, text: string): Fix | undefined {
  if (request.headers.some((h) => /^(authorization|x-api-key)$/i.test(h.name.text))) return undefined;
  const value = pair.value.includes('{{') ? pair.value : decode(pair.value);
  if (value.length === 0 || /\s/.test(value.replace(/\{\{[^{}]*\}\}/g, ''))) return undefined;
  const removal = pair.after
    ? { start: pair.start, end: pair.after.end, newText: '' }
    : withEmptyLine({ start: pair.before.start, end: pair.end, newText: '' }, text);
  const at = request.headerInsertOffset;
  // A request on the file's last line has no line break to put the header after.
  const lead = at > 0 && /[\r\n]/.test(text[at - 1]) ? '' : request.eol;
  // `?x-api-key=` names its header; everything else goes where RFC 6750 puts a token.
  const header = normaliseParamName(pair.name) === 'xapikey' ? `X-API-Key: ${value}` : `Authorization: Bearer ${value}`;
  const insert: TextEdit = { start: at, end: at, newText: `${lead}${header}${request.eol}` };
  return { title: `Move the credential to ${header.startsWith('X-') ? 'an X-API-Key' : 'an Authorization'} header`, edits: [removal, insert] };
}

/** A continuation line left with nothing on it goes entirely: a blank line would end the headers. */
function withEmptyLine(edit: TextEdit, text: string): TextEdit {
  let lineStart = edit.start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const eol = /\r\n|\n|\r/g;
  eol.lastIndex = edit.end;
  const m = eol.exec(text);
  const lineEnd = m ? m.index : text.length;
  if (text.slice(lineStart, edit.start).trim() !== '' || text.slice(edit.end, lineEnd).trim() !== '') return edit;
  return { start: lineStart, end: m ? lineEnd + m[0].length : lineEnd, newText: '' };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `Bearer: "{{token}}"`, `Bearer  x`, `{{token}}` → `Bearer {{token}}` (the scheme kept as written). */
export function bearerFix(header: HeaderEntry, text: string): Fix | undefined {
  const { start, end } = header.valueSpan;
  // A value that comes from a variable declared elsewhere is fixed there, not here.
  if (!header.value.parts.every((p) => p.span.start >= start && p.span.end <= end)) return undefined;
  const written = text.slice(start, end);
  let scheme = 'Bearer';
  let token: string;
  if (/^\{\{[^{}]*\}\}$/.test(written)) token = written;
  else {
    const m = /^([A-Za-z][A-Za-z0-9._-]*?)(?=[\s:"'{]|$):?\s*(.*)$/.exec(written);
    if (!m) return undefined;
    scheme = m[1];
    token = m[2].replace(/^["']/, '').replace(/["']$/, '').trim();
  }
  // Spaces inside `{{$processEnv NAME}}` belong to the reference; anywhere else the token is unclear.
  if (token.length === 0 || /\s/.test(token.replace(/\{\{[^{}]*\}\}/g, ''))) return undefined;
  const newText = `${scheme} ${token}`;
  if (newText === written) return undefined;
  return { title: `Write the header as "${scheme} <token>"`, edits: [{ start, end, newText }] };
}

/** The key → `{{$processEnv NAME}}`, read from the environment when the request runs. */
export function environmentFix(candidate: HttpCandidate, start: number, end: number): Fix {
  const name = envNameFor(candidate.boundName, findKnownKey(candidate.value), undefined);
  const newText = `{{$processEnv ${name}}}`;
  return { title: `Read the key from the environment variable ${name}`, edits: [{ start, end, newText }] };
}
