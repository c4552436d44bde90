/**
 * The Markdown of API Doctor's hovers: on a finding, on a request site and on a status check.
 * Pure (no `vscode`): provider facts come from the catalogs, strings go through `t`.
 */
import { genericCatalog, parseUrl, pathMatches } from '../../catalog/match';
import type { Catalog, ErrorEntry, RateLimit, RetryPolicy } from '../../catalog/types';
import type { Finding } from '../../core/types';
import { ruleDoc, ruleDocsUrl } from './ruleDocs';
import type { SiteSummary } from './siteSummary';
import type { Translate } from './translate';

/** Text inside a Markdown code span, whatever it contains. */
export function code(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  const ticks = clean.includes('`') ? '``' : '`';
  return `${ticks}${ticks.length > 1 ? ' ' : ''}${clean}${ticks.length > 1 ? ' ' : ''}${ticks}`;
}

/** Escapes Markdown so catalog or code text cannot add links, images or HTML to a hover. */
export function plain(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+-]|\d+\.)/gm, (_m, space: string, mark: string) => `${space}\\${mark}`);
}

/** A finding: what is wrong, why the server rejects it (the provider's rule when known), the fix, the docs. */
export function findingHover(finding: Finding, provider: Catalog | undefined, t: Translate): string {
  const doc = ruleDoc(finding.ruleId, t);
  const lines: string[] = [];
  lines.push(`**API Doctor** · ${code(finding.ruleId)}${doc ? ` · ${plain(doc.title)}` : ''}`, '');
  lines.push(plain(finding.message), '');
  if (doc) lines.push(`**${t('Why it fails')}:** ${plain(doc.why)}`, '');
  const rule = provider ? providerRule(finding.ruleId, provider, t) : undefined;
  if (rule && provider) lines.push(`**${plain(provider.name)}:** ${rule}`, '');
  if (doc) lines.push(`**${t('Fix')}:** ${plain(doc.fix)}`, '');
  if (finding.fix) lines.push(`${t('Quick fix available')}: ${plain(finding.fix.title)}`, '');
  lines.push(`[${t('Rule documentation')}](${ruleDocsUrl(finding.ruleId)})`);
  return lines.join('\n');
}

/** What the provider's own documentation says about the mistake a rule catches. */
function providerRule(ruleId: string, provider: Catalog, t: Translate): string | undefined {
  const auth = provider.auth;
  switch (ruleId) {
    case 'key-in-url': {
      if (!auth) return undefined;
      const parts: string[] = [];
      if (auth.keyInQueryRejected) parts.push(plain(t('rejects keys in the query string of HTTP calls (401).')));
      if (auth.queryToken?.websocketOnly) {
        parts.push(t('A {0} query parameter is accepted only on browser WebSocket handshakes, which cannot set headers.', code(`?${auth.queryToken.param}=`)));
      }
      parts.push(t('It expects the key in {0}.', code(authHeaderShape(provider))));
      return parts.join(' ');
    }
    case 'bearer-format':
      return auth ? t('It expects exactly {0}.', code(authHeaderShape(provider))) : undefined;
    case 'retry-without-backoff':
    case 'retry-after-ignored':
      return provider.retry ? plain(retryPolicyText(provider.retry, t)) : undefined;
    case 'hardcoded-key': {
      const prefixes = provider.match.keyPrefixes ?? [];
      return prefixes.length > 0
        ? t('Its keys start with {0}; a leaked key must be revoked and replaced in the dashboard.', prefixes.map(code).join(', '))
        : undefined;
    }
    default: {
      const constraint = provider.constraints?.find((c) => c.rule === ruleId);
      if (constraint) return plain(constraint.message);
      const hint = provider.hints?.find((h) => h.rule === ruleId);
      return hint ? plain(hint.message) : undefined;
    }
  }
}

function authHeaderShape(provider: Catalog): string {
  const auth = provider.auth!;
  const prefix = provider.match.keyPrefixes?.[0] ?? '';
  return `${auth.header}: ${auth.scheme ? `${auth.scheme} ` : ''}${prefix}…`;
}

export function retryPolicyText(r: RetryPolicy, t: Translate): string {
  const parts = [t('Wait {0} before the first retry, multiply by {1} each time, up to {2}', duration(r.firstDelayMs), r.factor, duration(r.capMs))];
  if (r.honourRetryAfter) parts.push(t('honour Retry-After'));
  if (r.serverErrorRetries > 0) parts.push(t('retry a 5xx at most {0} time(s)', r.serverErrorRetries));
  return `${parts.join('; ')}.`;
}

function duration(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

/** The rate limits that apply to a URL and method. */
export function rateLimitsFor(provider: Catalog, url: string | undefined, method: string): RateLimit[] {
  const path = parseUrl(url)?.path;
  return (provider.rateLimits ?? []).filter((r) =>
    (!r.methods || r.methods.length === 0 || r.methods.includes(method.toUpperCase())) &&
    (path === undefined || r.paths.length === 0 || r.paths.some((g) => pathMatches(g, decodeURI(path)))));
}

/** A request site: provider, endpoint, the auth the call sends (masked), rate limit and retry policy. */
export function siteHover(site: SiteSummary, provider: Catalog | undefined, t: Translate): string {
  const lines: string[] = [];
  lines.push(`**API Doctor** · ${provider ? plain(provider.name) : t('HTTP request')} · ${code(`${site.method} ${endpointOf(site.url)}`)}`, '');
  if (site.url) lines.push(`- ${t('URL')}: ${code(site.url)}`);
  lines.push(`- ${t('Client')}: ${code(site.client)}`);
  const auth = site.headers.filter((h) => isAuthHeader(h.name, provider));
  if (auth.length > 0) for (const h of auth) lines.push(`- ${t('Auth sent')}: ${code(`${h.name}: ${h.value}`)}`);
  else if (site.url && /[?&][^=&]*(key|token|secret)[^=&]*=/i.test(site.url)) lines.push(`- ${t('Auth sent')}: ${t('a credential in the query string')}`);
  else lines.push(`- ${t('Auth sent')}: ${t('no Authorization header found at this call')}`);
  if (provider) {
    if (provider.auth) lines.push(`- ${t('Expected auth')}: ${code(authHeaderShape(provider))}`);
    const limits = rateLimitsFor(provider, site.url, site.method);
    for (const r of limits) lines.push(`- ${t('Rate limit')}: ${t('{0} requests per {1} ({2})', r.requests, duration(r.perSeconds * 1000), plain(r.label))}`);
    if (limits.length === 0 && (provider.rateLimits?.length ?? 0) > 0) {
      lines.push(`- ${t('Rate limits')}: ${provider.rateLimits!.map((r) => t('{0} requests per {1} ({2})', r.requests, duration(r.perSeconds * 1000), plain(r.label))).join('; ')}`);
    }
    if (provider.retry) lines.push(`- ${t('Retry policy')}: ${plain(retryPolicyText(provider.retry, t))}`);
    if (provider.docs && /^https:\/\//.test(provider.docs)) lines.push('', `[${t('{0} documentation', plain(provider.name))}](${provider.docs})`);
  } else {
    lines.push('', plain(t('No catalog knows this host; API Doctor decodes its errors with the generic HTTP meanings.')));
  }
  return lines.join('\n');
}

function endpointOf(url: string | undefined): string {
  if (!url) return '…';
  return url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0] || '/';
}

function isAuthHeader(name: string, provider: Catalog | undefined): boolean {
  const n = name.toLowerCase();
  return n === 'authorization' || n === provider?.auth?.header.toLowerCase() || /api[-_]?key|token/.test(n);
}

/** The catalog entry for a status: exact code, then its class (`4xx`), in the provider, then generic. */
export function statusEntry(status: number, provider: Catalog | undefined, catalogs: readonly Catalog[]): { entry: ErrorEntry; from: Catalog } | undefined {
  const generic = genericCatalog(catalogs);
  for (const c of [provider, generic]) {
    if (!c) continue;
    const entry = c.statuses[String(status)] ?? c.statuses[`${Math.floor(status / 100)}xx`];
    if (entry) return { entry, from: c };
  }
  return undefined;
}

/** A status check: what the status means for the provider being called, likely causes, fixes. */
export function statusHover(status: number, provider: Catalog | undefined, catalogs: readonly Catalog[], t: Translate): string {
  const found = statusEntry(status, provider, catalogs);
  const lines: string[] = [];
  const who = found && found.from.id !== 'http' ? ` · ${plain(found.from.name)}` : '';
  lines.push(`**HTTP ${status}${found ? ` · ${plain(found.entry.title)}` : ''}**${who}`, '');
  if (!found) {
    lines.push(plain(t('API Doctor has no description of this status.')));
    return lines.join('\n');
  }
  const { entry, from } = found;
  lines.push(plain(entry.meaning), '');
  if (provider && from.id === 'http') lines.push(`_${plain(t('{0} documents nothing specific for {1}; this is the generic HTTP meaning.', provider.name, status))}_`, '');
  if (entry.causes.length > 0) {
    lines.push(`**${t('Likely causes')}**`, '');
    for (const c of entry.causes) lines.push(`- ${plain(c.text)}`);
    lines.push('');
  }
  if (entry.fixes.length > 0) {
    lines.push(`**${t('Fix')}**`, '');
    for (const f of entry.fixes) lines.push(`- ${plain(f)}`);
    lines.push('');
  }
  lines.push(entry.retryable ? t('Retryable: yes.') : t('Retryable: no — the same request will fail the same way.'));
  if (entry.retryable && from.retry) lines.push('', `${t('Retry policy')}: ${plain(retryPolicyText(from.retry, t))}`);
  return lines.join('\n');
}
