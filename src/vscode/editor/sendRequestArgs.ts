/**
 * The argument the "Send request" code lens passes to `apiDoctor.sendRequest`: the site's method,
 * URL and headers. Credentials never travel in command arguments: secret headers are left out (the
 * panel adds the stored key for the provider) and secret query values are masked. Pure.
 */
import { isSecretName } from '../../catalog/redact';
import type { SiteSummary } from './siteSummary';

export interface SendRequestArgs {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

const AUTH_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key']);

export function sendRequestArgs(site: SiteSummary): SendRequestArgs | undefined {
  if (!site.url || !site.urlResolves) return undefined;
  const headers: Record<string, string> = {};
  for (const h of site.headers) {
    if (AUTH_HEADERS.has(h.name.toLowerCase()) || isSecretName(h.name)) continue;
    headers[h.name] = h.value;
  }
  return { method: site.method, url: site.url, headers };
}
