/**
 * A request site as the editor shows it: method, URL with unknown parts as `{name}` placeholders,
 * and headers with every credential masked. Pure; built from the analyzer's `RequestSite`.
 */
import type { AbstractString, RequestSite, Span } from '../../core/model';
import { redactHeaderValue, redactUrl } from '../../catalog/redact';

export interface HeaderSummary {
  name: string;
  /** Credentials masked; unknown parts as `{name}`. */
  value: string;
  /** The value is partly unknown (a variable, env var, parameter). */
  dynamic: boolean;
}

export interface SiteSummary {
  span: Span;
  /** Where the URL is written, for hovers over the URL. */
  urlSpan?: Span;
  client: string;
  method: string;
  /** Credentials in the query masked; unknown parts as `{name}`. */
  url?: string;
  /** The URL starts with a literal scheme and host, so it can be sent as is (placeholders aside). */
  urlResolves: boolean;
  headers: HeaderSummary[];
}

/** `{name}` for the unknown parts of a string: env vars keep their name, which is no secret. */
export function displayString(s: AbstractString): { text: string; dynamic: boolean } {
  let text = '';
  let dynamic = false;
  for (const p of s.parts) {
    if (p.kind === 'literal') text += p.value;
    else {
      dynamic = true;
      text += `{${p.origin.name || p.origin.kind}}`;
    }
  }
  return { text, dynamic };
}

export function summariseSite(site: RequestSite, extraSecretParams: readonly string[] = []): SiteSummary {
  const url = site.url ? displayString(site.url) : undefined;
  const headers: HeaderSummary[] = [];
  for (const h of site.headers) {
    const value = displayString(h.value);
    headers.push({ name: h.name, value: maskHeader(h.name, h.value, value.text), dynamic: value.dynamic });
  }
  // Query parameters written outside the URL (`params: {…}`) are shown in the URL, masked there.
  let urlText = url?.text;
  if (urlText !== undefined && site.query.length > 0) {
    const extra = site.query.map((q) => `${encodeURIComponent(q.name)}=${displayString(q.value).text}`).join('&');
    urlText += (urlText.includes('?') ? '&' : '?') + extra;
  }
  return {
    span: site.span,
    urlSpan: site.url?.span,
    client: site.client,
    method: site.method ?? 'GET',
    url: urlText === undefined ? undefined : redactUrl(urlText, extraSecretParams),
    urlResolves: urlText !== undefined && /^(https?|wss?):\/\/[^/{}\s]+/i.test(urlText),
    headers,
  };
}

/**
 * `Bearer {WAVES_API_KEY}` stays readable (a variable name is no secret); as soon as a literal part
 * holds something secret-looking, the whole value is masked.
 */
function maskHeader(name: string, value: AbstractString, display: string): string {
  const literalOnly = value.parts.map((p) => (p.kind === 'literal' ? p.value : '')).join('');
  const hasHole = value.parts.some((p) => p.kind === 'hole');
  if (hasHole && redactHeaderValue(name, literalOnly) === literalOnly) return display;
  return redactHeaderValue(name, display);
}
