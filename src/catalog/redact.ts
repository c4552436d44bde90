/**
 * Masks secrets in URLs, headers and bodies before they reach a ticket, a log line or the screen.
 * Shared by the decoder, the request runner and the logs: every path out of API Doctor goes here.
 */
import { isSecretParamName, normaliseParamName } from '../core/secretNames';

export const MASK = '***';

/**
 * Shapes of well-known credentials. Each is a plain token pattern with bounded classes, so matching
 * stays linear; the key prefix before the mask is kept because it tells products apart.
 */
const KEY_SHAPES: RegExp[] = [
  /\b((?:sk|pk|rk)_(?:live_|test_)?)[A-Za-z0-9][A-Za-z0-9_-]{5,}/g,
  /\b(AKIA|ASIA)[0-9A-Z]{12,}/g,
  /\b(gh[pousr]_)[A-Za-z0-9]{10,}/g,
  /\b(xox[abprs]-)[A-Za-z0-9-]{8,}/g,
  /\b(eyJ)[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
];

/** Header names whose whole value is a credential (compared lower-case). */
const SECRET_HEADERS = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'apikey',
  'x-auth-token', 'x-access-token', 'x-amz-security-token', 'private-token', 'x-goog-api-key',
]);

const SECRET_NAME_PARTS = ['token', 'secret', 'password', 'passwd', 'apikey', 'authorization', 'credential', 'privatekey', 'sessionid', 'cookie', 'signature'];

/** True for a JSON field, header or parameter name that holds a secret (`api_key`, `accessToken`, `X-API-Key`). */
export function isSecretName(name: string, extra: readonly string[] = []): boolean {
  if (isSecretParamName(name, extra)) return true;
  const n = normaliseParamName(name);
  return SECRET_NAME_PARTS.some((part) => n.includes(part));
}

/** Masks every credential-shaped token in free text (error messages, HTML, logs). */
export function redactText(text: string): string {
  let out = text;
  for (const shape of KEY_SHAPES) out = out.replace(shape, (_m, prefix: string) => `${prefix}${MASK}`);
  // `Bearer <anything>` and `token=<anything>` in prose or pasted headers.
  // Only values that look like credentials (a digit, or long), so prose such as "token expired" survives.
  out = out.replace(/\b(Bearer|Basic|Token)([ \t]+)("?)([A-Za-z0-9._~+/=-]{8,})/gi, (m, scheme: string, space: string, quote: string, value: string) =>
    /\d/.test(value) || value.length >= 20 ? `${scheme}${space}${quote}${MASK}` : m);
  out = out.replace(/([?&;\s]|^)([A-Za-z][A-Za-z0-9_.-]{0,40})=([^&\s#"'<>]+)/g, (m, lead: string, name: string) =>
    isSecretParamName(name) ? `${lead}${name}=${MASK}` : m);
  return out;
}

/** Masks a credential but keeps what helps a diagnosis: a known key prefix (`sk_live_`), quotes, stray spaces. */
export function maskSecret(value: string): string {
  if (value.length > 4096) return MASK;
  const m = /^(\s*)("?)(.*?)("?)(\s*)$/s.exec(value);
  if (!m) return MASK;
  const [, lead, q1, core, q2, trail] = m;
  const prefix = /^((?:sk|pk|rk)_(?:live_|test_)?|AKIA|ASIA|gh[pousr]_|xox[abprs]-)/.exec(core)?.[1] ?? '';
  return `${lead}${q1}${prefix}${core.length > 0 ? MASK : ''}${q2}${trail.length > 0 ? '␠'.repeat(Math.min(trail.length, 3)) : ''}`;
}

/** Masks the value of a header that carries a credential; keeps the scheme (`Bearer ***`). */
export function redactHeaderValue(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    const m = /^(\s*)([A-Za-z][A-Za-z0-9._-]*)(\s+)([\s\S]*)$/.exec(value);
    // A lone word with no scheme is the bare key itself.
    if (!m) return maskSecret(value);
    return `${m[1]}${m[2]}${m[3]}${maskSecret(m[4])}`;
  }
  if (SECRET_HEADERS.has(lower) || isSecretName(name)) return maskSecret(value);
  return redactText(value);
}

/** The URL with credentials in the query, the user-info part and key-shaped path segments masked. */
export function redactUrl(url: string, extraSecretParams: readonly string[] = []): string {
  const q = url.indexOf('?');
  const hash = url.indexOf('#', q < 0 ? 0 : q);
  let base = q < 0 ? (hash < 0 ? url : url.slice(0, hash)) : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1, hash < 0 ? undefined : hash);
  const fragment = hash < 0 ? '' : url.slice(hash);
  // user:password@host
  base = base.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@]*)@/i, (_m, scheme: string) => `${scheme}${MASK}@`);
  base = redactText(base);
  if (q < 0) return base + redactText(fragment);
  const parts = query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0) return redactText(pair);
    const name = pair.slice(0, eq);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // A malformed escape: judge the raw name.
    }
    if (isSecretName(decoded, extraSecretParams)) return `${name}=${MASK}`;
    return `${name}=${redactText(pair.slice(eq + 1))}`;
  });
  return `${base}?${parts.join('&')}${redactText(fragment)}`;
}

/** Every header with credentials masked; names kept as given. */
export function redactHeaders(headers: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  return headers.map(([k, v]) => [k, redactHeaderValue(k, v)]);
}

function redactValue(value: unknown, extra: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, extra));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // A secret-named object (`"auth": {...}`) is searched rather than hidden, so its shape stays readable.
      out[k] = isSecretName(k, extra) && (typeof v === 'string' ? v !== '' : typeof v === 'number') ? MASK : redactValue(v, extra);
    }
    return out;
  }
  return value;
}

/**
 * A request or response body with secrets masked: JSON fields named like secrets become `***`, and
 * credential-shaped strings anywhere are masked. Bodies that are not JSON go through redactText.
 */
export function redactBody(body: string, extraSecretNames: readonly string[] = []): string {
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactValue(JSON.parse(trimmed), extraSecretNames), null, 2);
    } catch {
      // Not JSON after all (or cut short): fall through to the text rules.
    }
    // A truncated JSON document: mask `"secretName": "value"` pairs textually.
    return redactText(trimmed.replace(/("([^"\\]{1,60})"\s*:\s*)"((?:[^"\\]|\\.)*)("?)/g, (m, head: string, name: string, _v: string, close: string) =>
      isSecretName(name, extraSecretNames) ? `${head}"${MASK}${close}` : m));
  }
  // Form bodies: a=1&api_key=...
  if (/^[^\s=&]+=[^\s&]*(&[^\s=&]+=[^\s&]*)*$/.test(trimmed)) return redactUrl(`?${trimmed}`, extraSecretNames).slice(1);
  return redactText(body);
}
