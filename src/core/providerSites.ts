/**
 * What each front end hands to provider rules (rules whose data lives in catalogs, outside core):
 * per request site the method, the address, the query and the body as far as the code shows them,
 * and whether the request repeats in a loop. Core does not know any provider; the caller passes a
 * hook in `AnalyzeOptions.providerRules` that turns these facts into findings.
 */
import type { AbstractString, QueryParam, Span, StringPart } from './model';
import { queryPairs, tokens } from './queryPairs';
import type { Finding } from './types';

/** A value read from the code. `span` is where it is written, when that is exactly known. */
export type StaticValue =
  /** Computed at run time (a parameter, a call, an interpolation, a list with a spread). */
  | { kind: 'unknown'; span?: Span }
  | { kind: 'scalar'; value: string | number | boolean | null; span?: Span }
  | { kind: 'array'; items: StaticValue[]; span?: Span }
  /** `open`: a spread or splat the reader could not follow may add more keys. */
  | { kind: 'object'; entries: StaticEntry[]; open: boolean; span?: Span };

export interface StaticEntry {
  key: string;
  value: StaticValue;
}

/** One query parameter of a request: in the URL text or written apart (`params: {…}`). */
export interface SiteQueryParam {
  name: string;
  /** Undefined when the value is only known at run time. */
  value: string | undefined;
  /** The value where it is written (or the whole entry when the value's place is not exact). */
  span: Span;
}

export interface ProviderSiteFacts {
  /** Upper-case method, when known. */
  method: string | undefined;
  /**
   * The address without query: `https://host/path` when scheme and host are written out, else the
   * path from its first `/` (a bare path). A run-time piece inside the path reads `*`, which only a
   * catalog's `*`/`**` glob matches. Undefined when the code shows no path at all.
   */
  url: string | undefined;
  query: SiteQueryParam[];
  /** The body, when the code passes one; JSON text bodies are read as JSON. */
  body: StaticValue | undefined;
  /** The request call (command, request line). */
  span: Span;
  /** True when the request runs once per item of a loop, `map`, `forEach` or comprehension. */
  inLoop: boolean;
}

export type ProviderRules = (sites: readonly ProviderSiteFacts[], text: string) => Finding[];

/** Runs the hook, if any, over the sites a front end collected. */
export function providerFindings(sites: () => ProviderSiteFacts[], text: string, hook: ProviderRules | undefined): Finding[] {
  if (!hook) return [];
  const facts = sites();
  return facts.length > 0 ? hook(facts, text) : [];
}

const HOLE = '\u0000';

/** The address of a URL as `ProviderSiteFacts.url` spells it, or undefined. */
export function addressOf(url: AbstractString | undefined): string | undefined {
  if (!url) return undefined;
  let flat = '';
  for (const p of url.parts) flat += p.kind === 'literal' ? p.value : HOLE;
  const cut = flat.search(/[?#]/);
  let address = (cut >= 0 ? flat.slice(0, cut) : flat).trim();
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(address);
  if (origin && !origin[0].includes(HOLE)) return address.replace(/\u0000+/g, '*');
  // Scheme or host only known at run time: keep the path written after them.
  const afterHost = origin ? origin[0].length : 0;
  const slash = address.indexOf('/', afterHost);
  if (slash < 0) return undefined;
  address = address.slice(slash);
  // `${base}/x` where the hole is itself a path: the text before the slash was a hole, not a host.
  if (!origin && address.startsWith('//')) return undefined;
  return address.replace(/\u0000+/g, '*');
}

/** The `name=value` pairs written in the URL text; a value with a run-time piece is unknown. */
export function queryInUrl(url: AbstractString | undefined): SiteQueryParam[] {
  if (!url) return [];
  const out: SiteQueryParam[] = [];
  for (const pair of queryPairs(tokens(url.parts))) {
    const known = pair.valueTokens.every((t) => t.ch !== undefined);
    const first = pair.valueTokens[0] ?? pair.eq;
    const last = pair.valueTokens[pair.valueTokens.length - 1] ?? pair.eq;
    const raw = pair.valueTokens.map((t) => t.ch ?? '').join('');
    const span = pair.valueTokens.length > 0 ? { start: first.start, end: last.end } : { start: pair.eq.end, end: pair.eq.end };
    out.push({ name: decode(pair.name), value: known ? decode(raw) : undefined, span });
  }
  return out;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** A string value as a scalar, or unknown when part of it is computed. */
export function stringValue(s: AbstractString): StaticValue {
  let value = '';
  for (const p of s.parts) {
    if (p.kind !== 'literal') return { kind: 'unknown', span: s.span };
    value += p.value;
  }
  return { kind: 'scalar', value, span: s.span };
}

export { jsonValueFromParts } from './providerJson';

/** The text of a string made of literal parts only; undefined when a part is known only at run time. */
export function literalText(parts: readonly StringPart[]): string | undefined {
  let out = '';
  for (const p of parts) {
    if (p.kind !== 'literal') return undefined;
    out += p.value;
  }
  return out;
}

/** A site's query parameters: those written in its URL, then those given apart from it. */
export function siteQuery(url: AbstractString | undefined, query: readonly QueryParam[]): SiteQueryParam[] {
  return [...queryInUrl(url), ...query.map((q): SiteQueryParam => ({ name: q.name, value: literalText(q.value.parts), span: q.value.span }))];
}
