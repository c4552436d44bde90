/**
 * The arguments of `apiDoctor.sendRequest` (`{ method?, url?, headers?, body? }`, from the code
 * lens or another command) as a panel draft. Credentials never come through arguments: headers
 * that carry one are dropped, and the stored key is chosen automatically. Pure.
 */
import { isSecretName } from '../../catalog/redact';
import { AUTO_KEY, HTTP_METHODS, emptyDraft, splitQuery, type HttpMethod, type RequestDraft, type Row } from '../../protocol/request';

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key']);

export function draftFromArgs(args: unknown): RequestDraft | undefined {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return undefined;
  const a = args as Record<string, unknown>;
  const draft = emptyDraft();
  const method = typeof a.method === 'string' ? a.method.toUpperCase() : 'GET';
  draft.method = (HTTP_METHODS as readonly string[]).includes(method) ? (method as HttpMethod) : 'GET';
  if (typeof a.url === 'string') {
    const { base, rows } = splitQuery(a.url.trim().slice(0, 16_384));
    draft.url = base;
    draft.query = rows;
  }
  const entries: Array<[unknown, unknown]> = Array.isArray(a.headers)
    ? a.headers.filter((h): h is [unknown, unknown] => Array.isArray(h) && h.length === 2)
    : typeof a.headers === 'object' && a.headers !== null ? Object.entries(a.headers) : [];
  const headers: Row[] = [];
  for (const [name, value] of entries.slice(0, 100)) {
    if (typeof name !== 'string' || typeof value !== 'string') continue;
    if (CREDENTIAL_HEADERS.has(name.toLowerCase()) || isSecretName(name)) continue;
    headers.push({ name, value, enabled: true });
  }
  draft.headers = headers;
  if (typeof a.body === 'string' && a.body !== '') {
    let json = false;
    try {
      JSON.parse(a.body);
      json = true;
    } catch {
      json = false;
    }
    draft.body = { kind: json ? 'json' : 'text', text: a.body };
  }
  draft.key = AUTO_KEY;
  return draft;
}
