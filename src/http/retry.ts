/**
 * Retries with exponential backoff and jitter, honouring Retry-After up to a ceiling: a server that
 * asks for a wait longer than the ceiling gets a clear "stopped" instead of a hung runner.
 */
import { sendRequest } from './send';
import { describeWait, parseRetryAfter } from './retryAfter';
import type { HttpRequest, SendOutcome } from './types';

export interface BackoffPolicy {
  firstDelayMs: number;
  factor: number;
  capMs: number;
  honourRetryAfter: boolean;
}

export interface RetryDecision {
  retryable: boolean;
}

export interface RetryOptions {
  /** Attempts after the first one. */
  retries: number;
  policy: BackoffPolicy;
  /** The longest wait the runner accepts from Retry-After. Default 60 s. */
  maxWaitMs?: number;
  /** How many times a 5xx is worth another attempt (Waves: once). Default: as many as `retries`. */
  serverErrorRetries?: number;
  /** Decides whether an answer is worth another attempt; usually the decoder's `retry.retryable`. */
  classify?: (outcome: SendOutcome, attempt: number) => RetryDecision;
  onWait?: (ms: number, attempt: number) => void;
  /** For tests of the jitter; Math.random by default. */
  random?: () => number;
}

export interface AttemptRecord {
  attempt: number;
  /** Status code, or the failure kind when no response came. */
  result: number | string;
  elapsedMs: number;
  /** The wait before the next attempt, when there was one. */
  waitMs?: number;
}

export type StopReason = 'done' | 'not-retryable' | 'out-of-retries' | 'wait-too-long' | 'aborted';

export interface RetryResult {
  outcome: SendOutcome;
  attempts: AttemptRecord[];
  stopped: StopReason;
  /** Plain words when the runner stopped for a reason the user should know about. */
  note: string | null;
}

export const DEFAULT_MAX_WAIT_MS = 60_000;

/** The generic answer when no catalog says otherwise. */
export function defaultRetryDecision(outcome: SendOutcome): RetryDecision {
  if (!outcome.ok) return { retryable: outcome.failure.kind === 'reset' || outcome.failure.kind === 'timeout' };
  const s = outcome.response.status;
  return { retryable: s === 408 || s === 429 || s >= 500 };
}

/**
 * Full jitter (a random wait up to the exponential ceiling), kept above a tenth of that ceiling:
 * a wait of almost nothing is an instant retry, which both providers ask clients not to make.
 */
export function backoffDelay(policy: BackoffPolicy, retryNumber: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.firstDelayMs * Math.pow(policy.factor, Math.max(0, retryNumber - 1)));
  return Math.round(Math.max(ceiling * 0.1, random() * ceiling));
}

function wait(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function sendWithRetry(request: HttpRequest, options: RetryOptions): Promise<RetryResult> {
  const maxWait = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const retries = Math.max(0, Math.min(Math.floor(options.retries), 20));
  const serverErrorRetries = options.serverErrorRetries ?? retries;
  const classify = options.classify ?? defaultRetryDecision;
  const attempts: AttemptRecord[] = [];
  let serverErrors = 0;
  for (let attempt = 1; ; attempt++) {
    const outcome = await sendRequest(request);
    const record: AttemptRecord = {
      attempt,
      result: outcome.ok ? outcome.response.status : outcome.failure.kind,
      elapsedMs: outcome.ok ? outcome.response.elapsedMs : outcome.failure.elapsedMs,
    };
    attempts.push(record);
    const done = (stopped: StopReason, note: string | null = null): RetryResult => ({ outcome, attempts, stopped, note });
    if (!outcome.ok && outcome.failure.kind === 'aborted') return done('aborted');
    if (outcome.ok && outcome.response.status < 400) return done('done');
    if (!classify(outcome, attempt).retryable) return done('not-retryable');
    const isServerError = outcome.ok && outcome.response.status >= 500;
    if (attempt > retries) return done('out-of-retries', retries > 0 ? `Gave up after ${attempt} attempts.` : null);
    if (isServerError && serverErrors >= serverErrorRetries) {
      return done('out-of-retries', `A server error is worth ${serverErrorRetries} more attempt${serverErrorRetries === 1 ? '' : 's'} at most; file a ticket with the request id if it persists.`);
    }
    if (isServerError) serverErrors++;
    let ms = backoffDelay(options.policy, attempt, options.random);
    const asked = outcome.ok && options.policy.honourRetryAfter ? parseRetryAfter(outcome.response.headers['retry-after']) : null;
    if (asked !== null) {
      if (asked > maxWait) {
        return done('wait-too-long', `The server asked to wait ${describeWait(asked)} before trying again (Retry-After), more than the ${describeWait(maxWait)} the runner waits; it stopped.`);
      }
      ms = asked;
    }
    record.waitMs = ms;
    options.onWait?.(ms, attempt);
    if (!(await wait(ms, request.signal))) return done('aborted');
  }
}
