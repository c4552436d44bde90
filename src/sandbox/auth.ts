/**
 * How the sandbox checks keys, mirroring what the providers document. Test keys pick a case:
 * Waves takes any `sk_…` key except `sk_atoms_…` (another product, 403), `sk_limit_…` (usage limit
 * reached, 403) and `sk_revoked_…` (401). Specala takes `sk_live_…` keys except `sk_live_noapi_…`
 * (plan without API access, 403 api_access_denied) and `sk_live_revoked_…` (401).
 */
import type { IncomingMessage } from 'node:http';
import { isSecretParamName } from '../core/secretNames';

export type Product = 'waves' | 'specala';

export interface AuthRefusal {
  status: 401 | 403;
  detail: unknown;
}

export type AuthResult = { key: string } | AuthRefusal;

function keyInQuery(url: URL): string | null {
  for (const name of url.searchParams.keys()) if (isSecretParamName(name)) return name;
  return null;
}

export function checkAuth(req: IncomingMessage, url: URL, product: Product): AuthResult {
  const param = keyInQuery(url);
  if (param) return { status: 401, detail: `API keys are not accepted in the URL (query parameter "${param}"). Send the key in the Authorization header.` };
  const header = req.headers.authorization;
  if (header === undefined || header === '') {
    return { status: 401, detail: product === 'specala' ? 'Not authenticated' : 'Missing Authorization header.' };
  }
  if (/["'\u201c\u201d]/.test(header)) return { status: 401, detail: 'Malformed Authorization header: the key must not be quoted.' };
  const m = /^Bearer ([^\s]+)$/i.exec(header);
  if (!m) {
    return {
      status: 401,
      detail: /^sk_/.test(header.trim())
        ? 'Malformed Authorization header: the "Bearer " scheme is missing.'
        : 'Malformed Authorization header: expected "Bearer <key>" with exactly one space.',
    };
  }
  const key = m[1];
  if (product === 'waves') {
    if (!key.startsWith('sk_') || key.startsWith('sk_revoked_')) return { status: 401, detail: 'Invalid API key.' };
    if (key.startsWith('sk_atoms_')) return { status: 403, detail: 'This key belongs to another product (Atoms) and cannot call Waves endpoints.' };
    if (key.startsWith('sk_limit_')) return { status: 403, detail: 'The workspace usage limit has been reached.' };
    return { key };
  }
  if (!key.startsWith('sk_live_') || key.startsWith('sk_live_revoked_')) return { status: 401, detail: 'Invalid API key' };
  if (key.startsWith('sk_live_noapi')) {
    return { status: 403, detail: { code: 'api_access_denied', message: 'This plan does not include API access. Upgrade to a plan with API and MCP access.' } };
  }
  return { key };
}
