/**
 * Provider rules: the catalogs' endpoint constraints and request hints as linter findings. Core
 * hands over each request site's facts (see core/providerSites.ts); this turns them into the
 * requests `checkRequestConstraints` and `hintForLoopedRequest` judge, and their problems into
 * findings at the value that breaks the rule. Rule ids are the catalog's (`specala/export-format`),
 * so a user's catalog brings its own rules without code.
 */
import type { ProviderRules, ProviderSiteFacts, SiteQueryParam, StaticValue } from '../core/providerSites';
import type { Finding, Severity } from '../core/types';
import { checkRequestConstraints, hintForLoopedRequest } from './constraints';
import { findProvider, parseUrl, pathMatches } from './match';
import type { Catalog, ConstraintProblem } from './types';

/** Constraints break a request (the server answers 4xx); hints only suggest a better way. */
const CONSTRAINT_SEVERITY: Severity = 'warning';
const HINT_SEVERITY: Severity = 'info';

/** Stands for a value only known at run time, so the checks see the field as present. */
const RUN_TIME = Object.freeze({ runTime: true });

const hooks = new WeakMap<readonly Catalog[], ProviderRules>();

/** The hook for `AnalyzeOptions.providerRules`, one per catalog list (cached while the list lives). */
export function providerRulesFor(catalogs: readonly Catalog[]): ProviderRules | undefined {
  if (!catalogs.some((c) => (c.constraints?.length ?? 0) > 0 || (c.hints?.length ?? 0) > 0)) return undefined;
  let hook = hooks.get(catalogs);
  if (!hook) {
    hook = (sites) => sites.flatMap((s) => checkSite(catalogs, s));
    hooks.set(catalogs, hook);
  }
  return hook;
}

/** The findings of one request site. */
export function checkSite(catalogs: readonly Catalog[], site: ProviderSiteFacts): Finding[] {
  if (!site.url || !mayApply(catalogs, site)) return [];
  const findings: Finding[] = [];
  const query = site.query;
  const body = site.body;
  const url = withQuery(site.url, query);
  for (const p of checkRequestConstraints(catalogs, { method: site.method, url, body: body?.kind === 'object' ? plain(body) : undefined })) {
    const where = locate(p, query, body);
    if (where === 'unknown') continue;
    findings.push({ ruleId: p.rule, severity: CONSTRAINT_SEVERITY, message: p.message, start: where?.start ?? site.span.start, end: where?.end ?? site.span.end });
  }
  const hint = hintForLoopedRequest(catalogs, { method: site.method, url: site.url });
  if (hint && site.inLoop) findings.push({ ruleId: hint.rule, severity: HINT_SEVERITY, message: hint.message, start: site.span.start, end: site.span.end });
  return findings;
}

/**
 * A cheap first look: does any catalog have a constraint or hint for this path (and, with a host,
 * is it that provider)? Most sites stop here, before their body or loop is read.
 */
function mayApply(catalogs: readonly Catalog[], site: ProviderSiteFacts): boolean {
  const parsed = parseUrl(site.url);
  if (!parsed) return false;
  const candidates = parsed.host ? [findProvider(catalogs, site.url)].filter((c): c is Catalog => !!c) : catalogs;
  return candidates.some((c) =>
    (c.constraints ?? []).some((k) => pathMatches(k.path, parsed.path)) || (c.hints ?? []).some((h) => pathMatches(h.loop.path, parsed.path)));
}

function withQuery(address: string, query: readonly SiteQueryParam[]): string {
  if (query.length === 0) return address;
  // A run-time value still counts as sent; `locate` then leaves its problems out.
  const pairs = query.map((q) => `${encodeURIComponent(q.name)}=${encodeURIComponent(q.value ?? '\u0000')}`);
  return `${address}?${pairs.join('&')}`;
}

/** The JSON value the request would send, with run-time parts as a marker object. */
function plain(v: StaticValue): unknown {
  switch (v.kind) {
    case 'unknown': return RUN_TIME;
    case 'scalar': return v.value;
    case 'array': return v.items.map(plain);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of v.entries) out[e.key] = plain(e.value);
      return out;
    }
  }
}

/**
 * Where a problem points: the value that breaks the rule when its place is known, undefined for
 * "the whole call", or 'unknown' when the value is only known at run time (nothing to say then).
 */
function locate(p: ConstraintProblem, query: readonly SiteQueryParam[], body: StaticValue | undefined): { start: number; end: number } | undefined | 'unknown' {
  if (p.in === 'query') {
    // The first one, as checkRequestConstraints reads a repeated parameter.
    const q = query.find((x) => x.name === p.name);
    if (!q) return undefined;
    return q.value === undefined ? 'unknown' : q.span;
  }
  if (!body || body.kind !== 'object') return 'unknown';
  const entry = [...body.entries].reverse().find((e) => e.key === p.name);
  // A missing field in an object a spread may fill is not a proven mistake.
  if (!entry) return body.open ? 'unknown' : body.span;
  if (entry.value.kind === 'unknown') return 'unknown';
  return entry.value.span ?? body.span;
}
