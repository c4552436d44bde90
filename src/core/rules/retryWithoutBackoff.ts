/**
 * `retry-without-backoff` and `retry-after-ignored`: derived from LoopFacts, the language-neutral
 * record of code that repeats a request after a failure. Front ends (javascript/retry.ts) build
 * the facts; this file only decides what to report and says it.
 */
import type { Span } from '../model';
import type { Finding, Severity } from '../types';

export const RETRY_WITHOUT_BACKOFF = 'retry-without-backoff';
export const RETRY_AFTER_IGNORED = 'retry-after-ignored';
export type RetryRuleId = typeof RETRY_WITHOUT_BACKOFF | typeof RETRY_AFTER_IGNORED;

/** What repeats the request. */
export type RetryConstruct = 'loop' | 'recursion' | 'promise-chain' | 'interceptor' | 'library';

/**
 * What makes it repeat: a status check (429, 5xx, `!== 200`), a check of `response.ok`, a caught
 * error, or a retry library's own retry condition.
 */
export type RetryTrigger = 'status' | 'not-ok' | 'caught-error' | 'library';

/**
 * The wait between attempts: none at all (or 0 ms), the same wait every time, a wait that grows
 * (multiplied, exponent, shift, `Math.pow`, doubled variable), or one that uses Retry-After.
 */
export type DelayKind = 'none' | 'constant' | 'growing' | 'retry-after';

export interface RetryDelay {
  kind: DelayKind;
  /** The delay call (`await sleep(1000)`, `setTimeout(…)`) or library option, when there is one. */
  span?: Span;
  /** The wait in milliseconds when it is a plain number. */
  ms?: number;
}

export type RetryBound =
  /** `condition` is the text that stops it (`attempt < 5`, `retries: 3`). */
  | { kind: 'attempts'; condition: string }
  | { kind: 'unbounded' }
  /** Stops on something other than a count (`while (!done)`). */
  | { kind: 'unknown' };

/** One place that repeats a request on failure. Offsets are UTF-16 code units. */
export interface LoopFacts {
  construct: RetryConstruct;
  /** The retry package (`axios-retry`, `fetch-retry`, `async-retry`, `p-retry`, `retry`). */
  library?: string;
  /** The package option at fault (`retryDelay`, `minTimeout`, `maxTimeout`, `factor`), if one is. */
  option?: string;
  triggers: RetryTrigger[];
  /** The retry condition covers 429 (an explicit 429, `!ok`, `>= 400`, `!== 200`). */
  retriesOn429: boolean;
  /** The code around the retry mentions Retry-After at all. */
  readsRetryAfter: boolean;
  delay: RetryDelay;
  bound: RetryBound;
  /** What a finding underlines: the loop header, the repeating call, the library call or option. */
  span: Span;
  /** The whole loop statement, function, handler or library call (what a fix would rewrite). */
  nodeSpan: Span;
  /** The request that is repeated, when it is recognised. */
  requestSpan?: Span;
}

export interface RetryRuleOptions {
  /** Per rule: a severity, or 'off'. Defaults: warning / info. */
  severity?: Partial<Record<RetryRuleId, Severity | 'off'>>;
}

const WHY_NONE = 'Instant retries multiply the load on a server that is already struggling and keep hitting the rate limit; 429 responses need increasing waits.';
const WHY_CONSTANT = 'A wait that never grows keeps hitting the rate limit; 429 responses need increasing waits.';
const FIX = 'Use capped exponential backoff with jitter and honour Retry-After: start at 500 ms, double each attempt up to 30 s.';

export function retryFindings(facts: readonly LoopFacts[], options: RetryRuleOptions = {}): Finding[] {
  const noBackoff = options.severity?.[RETRY_WITHOUT_BACKOFF] ?? 'warning';
  const ignored = options.severity?.[RETRY_AFTER_IGNORED] ?? 'info';
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const f of facts) {
    let ruleId: RetryRuleId | undefined;
    let severity: Severity | 'off' = 'off';
    let message = '';
    if (f.delay.kind === 'none' || f.delay.kind === 'constant') {
      ruleId = RETRY_WITHOUT_BACKOFF;
      severity = noBackoff;
      message = noBackoffMessage(f);
    } else if (f.delay.kind === 'growing' && f.retriesOn429) {
      ruleId = RETRY_AFTER_IGNORED;
      severity = ignored;
      message = retryAfterMessage(f);
    }
    if (!ruleId || severity === 'off') continue;
    const key = `${ruleId}:${f.span.start}:${f.span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ ruleId, severity, message, start: f.span.start, end: f.span.end });
  }
  return findings;
}

const SUBJECT: Record<Exclude<RetryConstruct, 'library'>, string> = {
  loop: 'This loop sends the request again',
  recursion: 'This call sends the request again',
  'promise-chain': 'This promise chain sends the request again',
  interceptor: 'This interceptor sends the failed request again',
};

function when(f: LoopFacts): string {
  const parts: string[] = [];
  if (f.triggers.includes('status')) parts.push(f.retriesOn429 ? 'on a 429 or 5xx status' : 'on a failing status');
  if (f.triggers.includes('not-ok')) parts.push('when the response is not ok');
  if (f.triggers.includes('caught-error')) parts.push('when it throws');
  return parts.length > 0 ? ` ${parts.join(' or ')}` : '';
}

function wait(f: LoopFacts): string {
  if (f.delay.kind === 'none') return 'with no wait in between';
  return f.delay.ms !== undefined ? `always waiting the same ${f.delay.ms} ms` : 'always waiting about the same time';
}

/** "send failed requests again with no wait in between" / "wait the same 200 ms before every new attempt". */
function libraryWait(f: LoopFacts): string {
  if (f.delay.kind === 'none') return 'send failed requests again with no wait in between';
  return f.delay.ms !== undefined ? `wait the same ${f.delay.ms} ms before every new attempt` : 'wait about the same time before every new attempt';
}

function noBackoffMessage(f: LoopFacts): string {
  const why = f.delay.kind === 'none' ? WHY_NONE : WHY_CONSTANT;
  if (f.construct === 'library') return `${libraryWhat(f)} ${why} ${libraryFix(f)}`;
  const never = f.bound.kind === 'unbounded' ? ', and never gives up' : '';
  return `${SUBJECT[f.construct]}${when(f)}, ${wait(f)}${never}. ${why} ${FIX}`;
}

function libraryWhat(f: LoopFacts): string {
  const lib = f.library ?? 'The retry package';
  switch (f.option) {
    case undefined:
      return f.delay.kind === 'none'
        ? `${lib} is set up without retryDelay, so it sends failed requests again with no wait in between (its default).`
        : `${lib} is set up without retryDelay, so it waits the same ${f.delay.ms ?? 1000} ms before every new attempt (its default).`;
    default:
      return `This \`${f.option}\` makes ${lib} ${libraryWait(f)}.`;
  }
}

function libraryFix(f: LoopFacts): string {
  if (f.library === 'axios-retry') {
    return 'Use `retryDelay: axiosRetry.exponentialDelay`, or a delay that doubles from 500 ms up to 30 s with jitter and honours Retry-After.';
  }
  if (f.library === 'fetch-retry') {
    return 'Pass retryDelay as a function of the attempt: capped exponential backoff with jitter (500 ms doubling to 30 s) that honours Retry-After.';
  }
  return 'Keep factor 2 with minTimeout around 500 ms, maxTimeout around 30 s and randomize: true, and honour Retry-After where you can.';
}

const NAMES: Record<RetryConstruct, string> = {
  loop: 'This loop', recursion: 'This retry', 'promise-chain': 'This promise chain', interceptor: 'This interceptor', library: 'The retry library',
};

function retryAfterMessage(f: LoopFacts): string {
  const what = f.construct === 'library' ? `This retryDelay backs off` : `${NAMES[f.construct]} backs off`;
  return (
    `${what} on 429 but never reads the Retry-After header. When a rate-limited API says how long to wait ` +
    '(seconds or an HTTP date), wait that long (capped), and fall back to the exponential backoff when the header is missing.'
  );
}
