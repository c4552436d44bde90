/**
 * Which catalog a URL (or a key) belongs to, and which catalog paths a URL's path falls under.
 * Catalogs hold host names, URL prefixes and path globs, never regular expressions, so a user's
 * catalog cannot make matching slow.
 */
import type { Catalog } from './types';

export const GENERIC_CATALOG_ID = 'http';

export interface ParsedUrl {
  protocol: string;
  host: string;
  path: string;
  query: Array<[string, string]>;
}

/** Parses what can be parsed: full URLs, and bare paths such as `/v1/items?x=1`. */
export function parseUrl(url: string | undefined): ParsedUrl | undefined {
  if (!url) return undefined;
  const trimmed = url.trim();
  try {
    const u = new URL(trimmed.startsWith('/') ? `http://unknown.invalid${trimmed}` : trimmed);
    const query: Array<[string, string]> = [];
    u.searchParams.forEach((v, k) => query.push([k, v]));
    return { protocol: u.protocol.replace(/:$/, ''), host: trimmed.startsWith('/') ? '' : u.hostname.toLowerCase(), path: u.pathname, query };
  } catch {
    return undefined;
  }
}

export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  if (p.startsWith('*.')) return host.endsWith(p.slice(1)) && host.length > p.length - 1;
  return host === p;
}

/**
 * Glob over path segments: `*` is exactly one non-empty segment, `**` any number (zero or more),
 * anything else must be equal. Recursion depth is bounded by the number of segments.
 */
export function pathMatches(glob: string, path: string): boolean {
  const g = glob.split('/').filter((s) => s.length > 0);
  const p = path.split('/').filter((s) => s.length > 0);
  const memo = new Map<number, boolean>();
  const at = (i: number, j: number): boolean => {
    const key = i * (p.length + 1) + j;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let result: boolean;
    if (i === g.length) result = j === p.length;
    else if (g[i] === '**') result = at(i + 1, j) || (j < p.length && at(i, j + 1));
    else if (j === p.length) result = false;
    else result = (g[i] === '*' || g[i] === p[j]) && at(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return at(0, 0);
}

function urlPrefixMatches(prefix: string, url: string): boolean {
  // Compare scheme and host without case, the rest as written.
  return url.toLowerCase().startsWith(prefix.toLowerCase());
}

/**
 * The catalog for a URL: the longest matching URL prefix wins, then a host match; with no URL,
 * the longest key prefix of the key that was sent. The generic `http` catalog never matches here.
 */
export function findProvider(catalogs: readonly Catalog[], url: string | undefined, key?: string): Catalog | undefined {
  const providers = catalogs.filter((c) => c.id !== GENERIC_CATALOG_ID);
  const parsed = parseUrl(url);
  if (url && parsed && parsed.host) {
    let best: { catalog: Catalog; score: number } | undefined;
    for (const c of providers) {
      for (const prefix of c.match.urlPrefixes ?? []) {
        if (urlPrefixMatches(prefix, url.trim()) && (!best || prefix.length + 1000 >= best.score)) best = { catalog: c, score: prefix.length + 1000 };
      }
      for (const h of c.match.hosts) {
        const score = h.startsWith('*.') ? 1 : 2;
        if (hostMatches(h, parsed.host) && (!best || score >= best.score)) best = { catalog: c, score };
      }
    }
    return best?.catalog;
  }
  if (key) return providerForKey(providers, key)?.catalog;
  return undefined;
}

/** The catalog whose key prefix is the longest match for this key. */
export function providerForKey(catalogs: readonly Catalog[], key: string): { catalog: Catalog; prefix: string } | undefined {
  let best: { catalog: Catalog; prefix: string } | undefined;
  for (const c of catalogs) {
    if (c.id === GENERIC_CATALOG_ID) continue;
    for (const prefix of c.match.keyPrefixes ?? []) {
      if (key.startsWith(prefix) && (!best || prefix.length > best.prefix.length)) best = { catalog: c, prefix };
    }
  }
  return best;
}

export function genericCatalog(catalogs: readonly Catalog[]): Catalog | undefined {
  return catalogs.find((c) => c.id === GENERIC_CATALOG_ID);
}
