/**
 * Checks on a composed request before it is sent: the linter's rules (key in the URL, malformed
 * Bearer header), where the chosen key may go, the body, and what the provider's catalog says.
 * Each warning that can be fixed carries the fixed request, so the panel offers it in one click.
 */
import { isSecretParamName } from '../../core/secretNames';
import { findProvider } from '../../catalog/match';
import type { Catalog } from '../../catalog/types';
import { AUTO_KEY, NO_KEY, splitQuery, type RequestDraft, type Row } from '../../protocol/request';
import type { PreflightWarning } from '../../protocol/views';
import { keyMayGoTo, resolveKeyChoice } from './keyChoice';

export interface PreflightContext {
  catalogs: readonly Catalog[];
  /** Stored keys: id → hosts it may go to. */
  keys: ReadonlyMap<string, readonly string[]>;
  secretParamNames?: readonly string[];
  /** Provider rules on the composed request (the catalog's endpoint constraints). */
  constraints?: (url: string, method: string, body: string | undefined) => Array<{ rule: string; message: string }>;
  /** The rate guard's words for one more request with this key, or null when all is well. */
  rate?: (keyId: string, url: string, method: string) => string | null;
}

export interface PreflightResult {
  provider: string | null;
  warnings: PreflightWarning[];
}

/** The draft with a query still written in the URL field moved into the query table. */
function withQueryInTable(d: RequestDraft): RequestDraft {
  const { base, rows } = splitQuery(d.url);
  return rows.length ? { ...d, url: base, query: [...d.query, ...rows] } : d;
}

const isAuthorization = (r: Row) => r.name.trim().toLowerCase() === 'authorization';

export function preflight(draft: RequestDraft, ctx: PreflightContext): PreflightResult {
  const warnings: PreflightWarning[] = [];
  const d = withQueryInTable(draft);
  const url = composeForCheck(d);
  const provider = findProvider(ctx.catalogs, url) ?? null;
  const keyId = resolveKeyChoice(d.key, url, [...ctx.keys.keys()], ctx.catalogs);
  const authRows = d.headers.filter((r) => r.enabled && isAuthorization(r));

  // key-in-url: a credential in the query string ends up in logs and is refused by many APIs.
  d.query.forEach((row, i) => {
    if (!row.enabled || row.value === '' || !isSecretParamName(row.name, ctx.secretParamNames ?? [])) return;
    const query = d.query.filter((_, j) => j !== i);
    const useStored = keyId !== null;
    const headers = useStored || authRows.length > 0 ? d.headers : [...d.headers, { name: 'Authorization', value: `Bearer ${row.value.trim()}`, enabled: true }];
    warnings.push({
      rule: 'key-in-url',
      severity: provider?.auth?.keyInQueryRejected ? 'error' : 'warning',
      message: `The query parameter "${row.name}" sends a credential in the URL, where it lands in server and proxy logs${provider?.auth?.keyInQueryRejected ? `; ${provider.name} rejects keys there (401)` : ''}.`,
      fix: { title: useStored ? 'Remove it (the stored key goes in the header)' : 'Move it to the Authorization header', request: { ...d, query, headers } },
    });
  });

  // bearer-format: the shapes of Authorization header that servers answer with 401.
  for (const row of authRows) {
    const fixed = fixBearer(row.value);
    if (keyId !== null) {
      warnings.push({
        rule: 'bearer-format',
        severity: 'info',
        message: 'The stored key replaces this Authorization header when the request is sent.',
        fix: { title: 'Remove the header', request: { ...d, headers: d.headers.filter((r) => r !== row) } },
      });
    } else if (fixed.problem) {
      warnings.push({
        rule: 'bearer-format',
        severity: 'warning',
        message: fixed.problem,
        ...(fixed.value !== null ? { fix: { title: 'Fix the header', request: { ...d, headers: d.headers.map((r) => (r === row ? { ...r, value: fixed.value! } : r)) } } } : {}),
      });
    }
  }

  // Where the chosen key may go: never to a host it is not bound to.
  if (d.key !== NO_KEY && d.key !== AUTO_KEY) {
    const hosts = ctx.keys.get(d.key);
    if (!hosts) {
      warnings.push({ rule: 'key-binding', severity: 'error', message: 'The chosen key is not stored any more; pick another or set it again.', fix: { title: 'Use the automatic choice', request: { ...d, key: AUTO_KEY } } });
    } else if (!keyMayGoTo(url, hosts)) {
      warnings.push({
        rule: 'key-binding',
        severity: 'error',
        message: `The chosen key is bound to ${hosts.join(', ') || 'no host'}; it will not be sent to ${hostOf(url)}.`,
        fix: { title: 'Send without a key', request: { ...d, key: NO_KEY } },
      });
    }
  } else if (d.key === AUTO_KEY && keyId === null && provider?.auth && authRows.length === 0) {
    warnings.push({ rule: 'key-binding', severity: 'info', message: `No key is stored for ${provider.name}; the request goes without one. Use "Set key…" to add it.` });
  }

  if ((d.method === 'GET' || d.method === 'HEAD') && d.body.kind !== 'none') {
    warnings.push({
      rule: 'body-on-get',
      severity: 'warning',
      message: `A ${d.method} request with a body: many servers and proxies drop or refuse it.`,
      fix: { title: 'Remove the body', request: { ...d, body: { kind: 'none' } } },
    });
  }

  if (d.body.kind === 'json' && d.body.text.trim() !== '') {
    try {
      JSON.parse(d.body.text);
    } catch {
      warnings.push({ rule: 'json-body', severity: 'error', message: 'The body is not valid JSON.' });
    }
  }

  const body = d.body.kind === 'json' || d.body.kind === 'text' ? d.body.text : undefined;
  for (const p of ctx.constraints?.(url, d.method, body) ?? []) warnings.push({ rule: p.rule, severity: 'warning', message: p.message });

  if (keyId !== null && ctx.rate) {
    const message = ctx.rate(keyId, url, d.method);
    if (message) warnings.push({ rule: 'rate-guard', severity: 'warning', message });
  }
  return { provider: provider?.name ?? null, warnings };
}

function composeForCheck(d: RequestDraft): string {
  const rows = d.query.filter((r) => r.enabled && r.name.trim() !== '');
  if (!rows.length) return d.url.trim();
  return `${d.url.trim()}?${rows.map((r) => `${encodeURIComponent(r.name.trim())}=${encodeURIComponent(r.value)}`).join('&')}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'this URL';
  }
}

/**
 * The Authorization value servers accept: `Bearer <token>`, one space, no quotes, nothing around it.
 * Returns what is wrong and the corrected value (null when it cannot be guessed).
 */
export function fixBearer(value: string): { problem: string | null; value: string | null; scheme: string } {
  const trimmed = value.trim();
  const parts = trimmed.split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { problem: 'The Authorization header is empty.', value: null, scheme: 'Bearer' };
  if (parts.length === 1) {
    if (/^bearer$/i.test(parts[0])) return { problem: 'The Authorization header says "Bearer" but carries no key.', value: null, scheme: 'Bearer' };
    if (/^(basic|digest)$/i.test(parts[0])) return { problem: null, value: null, scheme: parts[0] };
    return { problem: 'The Authorization header holds a bare key; servers expect "Bearer <key>".', value: `Bearer ${unquote(parts[0])}`, scheme: 'Bearer' };
  }
  const [written, ...rest] = parts;
  const scheme = written.replace(/:$/, '');
  if (!/^bearer$/i.test(scheme)) return { problem: null, value: null, scheme };
  let token = rest.join(' ');
  const problems: string[] = [];
  if (written.endsWith(':')) problems.push('there is a colon after "Bearer"');
  if (rest.length > 1 && /^bearer$/i.test(rest[0])) {
    problems.push('"Bearer" appears twice');
    token = rest.slice(1).join(' ');
  }
  if (/^["'`]|["'`]$/.test(token)) problems.push('the key is in quotes');
  if (/\s/.test(token)) problems.push('the key contains a space');
  if (value !== trimmed) problems.push('there is white space around the value');
  if (/Bearer\s{2,}/i.test(trimmed)) problems.push('there is more than one space after "Bearer"');
  if (!problems.length) return { problem: null, value: null, scheme: 'Bearer' };
  const clean = unquote(token).replace(/\s+/g, '');
  return { problem: `The Authorization header is malformed: ${problems.join(', ')}.`, value: `Bearer ${clean}`, scheme: 'Bearer' };
}

function unquote(s: string): string {
  return s.replace(/^["'`]+|["'`]+$/g, '');
}
