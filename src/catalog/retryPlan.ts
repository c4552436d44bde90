/** How long to wait before the next attempt, from Retry-After or the provider's backoff policy. */
import type { RetryPolicy } from './types';

/** Used when neither the provider's catalog nor the generic one has a policy. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  firstDelayMs: 1000, factor: 2, capMs: 30000, honourRetryAfter: true, serverErrorRetries: 2, retryStatuses: [408, 425, 429],
};

/** first × factor^(attempt−1), capped; attempt 1 is the wait after the first failure. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const n = Math.max(1, Math.floor(attempt));
  const raw = policy.firstDelayMs * Math.pow(policy.factor, n - 1);
  return Math.round(Math.min(policy.capMs, Number.isFinite(raw) ? raw : policy.capMs));
}

/**
 * Whether another attempt is worth it: the catalog entry decides, and a server error is retried
 * only as often as the policy allows (after that, a ticket is the next step).
 */
export function worthRetrying(policy: RetryPolicy, status: number, attempt: number, entryRetryable: boolean): boolean {
  if (!entryRetryable) return false;
  return status < 500 || attempt <= policy.serverErrorRetries;
}
