/** Reading response headers the way the decoder needs them: any case, any container shape. */
import type { HeaderBag } from './types';

export function headerEntries(headers: HeaderBag | undefined): Array<[string, string]> {
  if (!headers) return [];
  if (Array.isArray(headers)) return (headers as ReadonlyArray<readonly [string, string]>).map(([k, v]) => [k, v]);
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) out.push([k, one]);
  }
  return out;
}

/** The first value of a header, by name without case. */
export function getHeader(headers: HeaderBag | undefined, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headerEntries(headers).find(([k]) => k.toLowerCase() === lower)?.[1];
}

/** Headers providers and proxies use to name a request in their logs, most specific first. */
export const REQUEST_ID_HEADERS = [
  'x-request-id', 'request-id', 'x-amzn-requestid', 'x-amz-request-id', 'x-amz-cf-id', 'x-correlation-id',
  'x-trace-id', 'x-cloud-trace-context', 'traceparent', 'x-ms-request-id', 'x-github-request-id', 'apigw-requestid', 'cf-ray',
];

export function findRequestId(headers: HeaderBag | undefined): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const v = getHeader(headers, name)?.trim();
    if (v) return v.slice(0, 200);
  }
  return undefined;
}

/** The longest wait a Retry-After value is taken at face value for (a day); beyond it the header is suspect. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Retry-After as milliseconds from `now`: delta-seconds (`3`, `1.5` from lenient servers) or an
 * HTTP date. A date in the past means "now" (0). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.min(Math.round(Number(v) * 1000), MAX_RETRY_AFTER_MS);
  // HTTP-date (IMF-fixdate, or the obsolete RFC 850 / asctime forms Date.parse also reads).
  if (!/[A-Za-z]/.test(v) || v.length > 64) return undefined;
  // HTTP dates are always GMT; the asctime form carries no zone and would otherwise read as local time.
  const at = Date.parse(/\b(GMT|UTC|Z)\b|[+-]\d{4}$/.test(v) ? v : `${v} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now.getTime()), MAX_RETRY_AFTER_MS);
}
