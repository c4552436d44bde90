/** A diagnosis as readable text for terminals, and the wording of waits and rates shared with the editor's view. */
import type { Diagnosis, RateLimit } from './types';

/** `500 requests per minute`, `10 requests per 5 seconds`. */
export function describeRate(r: RateLimit): string {
  const window = r.perSeconds === 60 ? 'minute' : r.perSeconds === 1 ? 'second' : r.perSeconds === 3600 ? 'hour' : `${r.perSeconds} seconds`;
  return `${r.requests} requests per ${window}`;
}

export function describeWait(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Number((ms / 1000).toFixed(1))} s`;
  return `${Math.round(ms / 60_000)} min`;
}

export function describeRetry(d: Diagnosis, attempt = 1): string {
  if (!d.retry.retryable || d.retry.afterMs === null) return 'Do not retry as is: change the request first (or open a ticket).';
  if (d.retry.basis === 'retry-after') return `Wait ${describeWait(d.retry.afterMs)} as the Retry-After header asks, then send it again.`;
  return `Wait ${describeWait(d.retry.afterMs)}, then send it again (backoff for attempt ${attempt}; the wait grows with each failure).`;
}

function headline(d: Diagnosis): string {
  const parts = [`${d.status} ${d.title}`];
  if (d.providerName) parts.push(d.providerName);
  if (d.code) parts.push(`code: ${d.code}`);
  return parts.join(' · ');
}

export function formatDiagnosisText(d: Diagnosis, attempt = 1): string {
  const out: string[] = [headline(d), d.meaning];
  if (d.message && d.message !== d.code) out.push(`Server said: ${d.message}`);
  if (d.causes.length) {
    out.push('', 'Likely causes:');
    d.causes.forEach((c, i) => {
      out.push(`  ${i + 1}. ${c.text}`);
      if (c.seen) out.push(`     seen in this request: ${c.seen}`);
    });
  }
  if (d.fixes.length) {
    out.push('', 'Fixes:');
    for (const f of d.fixes) out.push(`  - ${f}`);
  }
  out.push('', `Retry: ${describeRetry(d, attempt)}`);
  if (d.requestId) out.push(`Request id: ${d.requestId}`);
  if (d.rateLimit) out.push(`Rate limit: ${d.rateLimit.label}, ${describeRate(d.rateLimit)}`);
  if (d.docs) out.push(`Docs: ${d.docs}`);
  out.push('', '--- support ticket (secrets masked) ---', d.ticket);
  return out.join('\n');
}
