/**
 * Counts the runner's own requests per key and rate-limit surface in a sliding window, so it can
 * warn before it is the cause of a 429. Keys are remembered only as a short hash.
 */
import { createHash } from 'node:crypto';
import { pathMatches } from '../catalog/match';
import type { Catalog, RateLimit } from '../catalog/types';

export type RateLevel = 'ok' | 'near' | 'over';

export interface RateCheck {
  level: RateLevel;
  /** Requests in the window, this one included (stops counting a little past the limit). */
  count: number;
  limit: number;
  windowMs: number;
  /** Plain words for near/over, null when all is well. */
  message: string | null;
}

/** A short, one-way name for a key: enough to tell keys apart, useless to an attacker. */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key.trim()).digest('hex').slice(0, 12);
}

/** The first catalog limit whose path glob and method cover this request. */
export function rateLimitFor(url: string, method: string, limits: readonly RateLimit[]): RateLimit | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = method.toUpperCase();
  for (const limit of limits) {
    if (limit.methods?.length && !limit.methods.some((x) => x.toUpperCase() === m)) continue;
    // A glob may be written from the API's base path; match it against any tail of the URL path.
    if (limit.paths.some((g) => pathMatches(g, path) || pathMatches(`**/${g}`, path))) return limit;
  }
  return null;
}

export class RateGuard {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now, private readonly nearShare = 0.8) {}

  /** What sending one more request now would do; records it when `record` is true. */
  check(keyId: string, limit: RateLimit, record = true): RateCheck {
    const windowMs = limit.perSeconds * 1000;
    const id = `${keyId}\u0000${limit.surface}`;
    const t = this.now();
    const times = (this.sent.get(id) ?? []).filter((x) => t - x < windowMs);
    const count = times.length + 1;
    if (record) {
      times.push(t);
      // Only the newest `requests + 1` matter for the decision; older ones cannot change it.
      this.sent.set(id, times.slice(-(limit.requests + 1)));
    }
    const per = limit.perSeconds === 60 ? 'a minute' : `per ${limit.perSeconds} s`;
    if (count > limit.requests) {
      return { level: 'over', count, limit: limit.requests, windowMs, message: `This would be more than ${limit.requests} requests ${per} with this key on ${limit.label}, over the provider's limit; expect 429 until the window moves on.` };
    }
    if (count >= Math.ceil(limit.requests * this.nearShare)) {
      return { level: 'near', count, limit: limit.requests, windowMs, message: `${count} of ${limit.requests} requests ${per} used with this key on ${limit.label}; slow down to avoid 429.` };
    }
    return { level: 'ok', count, limit: limit.requests, windowMs, message: null };
  }
}

/**
 * Counts one request of the runner against its provider's limit and says whether it is near or
 * over; null when the request carries no key or the catalog names no limit for it.
 */
export function checkRequestRate(guard: RateGuard, request: { method: string; url: string; key?: { value: string } }, provider: Catalog | undefined): RateCheck | null {
  if (!request.key || !provider?.rateLimits?.length) return null;
  const limit = rateLimitFor(request.url, request.method, provider.rateLimits);
  if (!limit) return null;
  return guard.check(keyFingerprint(request.key.value), { ...limit, surface: `${provider.id}/${limit.surface}` });
}
