/**
 * The request as the panel composes it. It never holds a stored key: only the key's id, which the
 * host turns into an `Authorization` header when it sends (and only to the key's own hosts).
 */
import { MAX_TEXT, hasOnlyKeys, isArrayOf, isCount, isId, isOneOf, isRecord, isText } from './guards';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One row of the query or header table; unticked rows stay in the form but are not sent. */
export interface Row {
  name: string;
  value: string;
  enabled: boolean;
}

/** A picked file is known to the view by an id; the host keeps its path and reads the bytes. */
export interface FileRef {
  fileId: string;
  name: string;
  size: number;
  contentType: string;
}

export type BodyDraft =
  | { kind: 'none' }
  | { kind: 'json'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'file'; file: FileRef };

export const BODY_KINDS = ['none', 'json', 'text', 'file'] as const;

/** `''`: send no key. `'auto'`: the stored key bound to the URL's provider or host, if any. Else a key id. */
export type KeyChoice = string;
export const NO_KEY = '';
export const AUTO_KEY = 'auto';

export interface RequestDraft {
  method: HttpMethod;
  url: string;
  query: Row[];
  headers: Row[];
  body: BodyDraft;
  key: KeyChoice;
}

export function emptyDraft(): RequestDraft {
  return { method: 'GET', url: '', query: [], headers: [], body: { kind: 'none' }, key: AUTO_KEY };
}

export function isRow(v: unknown): v is Row {
  return isRecord(v) && hasOnlyKeys(v, ['name', 'value', 'enabled']) && isText(v.name) && isText(v.value) && typeof v.enabled === 'boolean';
}

export function isFileRef(v: unknown): v is FileRef {
  return isRecord(v) && hasOnlyKeys(v, ['fileId', 'name', 'size', 'contentType']) && isId(v.fileId) &&
    isText(v.name, 1024) && isCount(v.size) && isText(v.contentType, 256);
}

export function isBodyDraft(v: unknown): v is BodyDraft {
  if (!isRecord(v) || !isOneOf(v.kind, BODY_KINDS)) return false;
  switch (v.kind) {
    case 'none':
      return hasOnlyKeys(v, ['kind']);
    case 'json':
    case 'text':
      return hasOnlyKeys(v, ['kind', 'text']) && isText(v.text, MAX_TEXT);
    case 'file':
      return hasOnlyKeys(v, ['kind', 'file']) && isFileRef(v.file);
  }
}

/** Key ids are `provider:<catalog id>` or `host:<host name>`. */
export function isKeyChoice(v: unknown): v is KeyChoice {
  return v === NO_KEY || v === AUTO_KEY || (typeof v === 'string' && /^(provider|host):[A-Za-z0-9_.:*-]{1,253}$/.test(v));
}

export function isRequestDraft(v: unknown): v is RequestDraft {
  return isRecord(v) && hasOnlyKeys(v, ['method', 'url', 'query', 'headers', 'body', 'key']) &&
    isOneOf(v.method, HTTP_METHODS) && isText(v.url, 16_384) && isArrayOf(v.query, isRow) &&
    isArrayOf(v.headers, isRow) && isBodyDraft(v.body) && isKeyChoice(v.key);
}

/**
 * Splits a typed URL into its base and query rows, so the query table shows what the URL holds.
 * Values stay as typed (percent-escapes decoded); a URL without `?` gives no rows.
 */
export function splitQuery(url: string): { base: string; rows: Row[] } {
  const hashAt = url.indexOf('#');
  const withoutHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const q = withoutHash.indexOf('?');
  if (q < 0) return { base: url, rows: [] };
  const rows: Row[] = [];
  for (const part of withoutHash.slice(q + 1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    rows.push({ name: decodeLoose(name), value: decodeLoose(value), enabled: true });
  }
  return { base: withoutHash.slice(0, q), rows };
}

/** The URL that is sent: the base URL (with any query it still holds) plus the enabled query rows. */
export function composeUrl(url: string, query: readonly Row[]): string {
  const rows = query.filter((r) => r.enabled && r.name.trim() !== '');
  if (rows.length === 0) return url.trim();
  const encoded = rows.map((r) => `${encodeURIComponent(r.name.trim())}=${encodeURIComponent(r.value)}`).join('&');
  const base = url.trim();
  const hashAt = base.indexOf('#');
  const head = hashAt < 0 ? base : base.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : base.slice(hashAt);
  const sep = head.includes('?') ? (head.endsWith('?') || head.endsWith('&') ? '' : '&') : '?';
  return `${head}${sep}${encoded}${hash}`;
}

function decodeLoose(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
