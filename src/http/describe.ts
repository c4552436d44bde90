/** A response, a failure and a diagnosis as plain text, for a terminal or the output channel. */
import { redactHeaderValue } from '../catalog/redact';
import type { Diagnosis } from '../catalog/types';
import { looksLikeText } from './redactExchange';
import { describeWait } from './retryAfter';
import type { HttpResponse } from './types';

const SHOWN_BODY_CHARS = 64 * 1024;

export function bodyForDisplay(r: HttpResponse): { text: string; binary: boolean } {
  if (!looksLikeText(r.body, r.contentType)) return { text: Buffer.from(r.body).toString('base64'), binary: true };
  return { text: Buffer.from(r.body).toString('utf8'), binary: false };
}

export function describeResponse(r: HttpResponse, attempts: number): string {
  const lines: string[] = [];
  const extra = [`${r.elapsedMs} ms`, `${r.sizeBytes.toLocaleString('en')} bytes${r.truncated ? ' (cut at the size limit)' : ''}`];
  if (attempts > 1) extra.push(`${attempts} attempts`);
  lines.push(`HTTP ${r.status} ${r.statusText}  (${extra.join(', ')})`);
  for (const hop of r.redirects) lines.push(`  redirected ${hop.status} → ${hop.to}${hop.credentialsDropped ? ' (credentials not sent on)' : ''}`);
  for (const [k, v] of Object.entries(r.headers)) for (const one of Array.isArray(v) ? v : [v]) lines.push(`${k}: ${redactHeaderValue(k, one)}`);
  lines.push('');
  const body = bodyForDisplay(r);
  if (body.binary) lines.push(`(binary body, ${r.sizeBytes.toLocaleString('en')} bytes${r.contentType ? `, ${r.contentType}` : ''}; use --format json for base64)`);
  else if (body.text) lines.push(body.text.length > SHOWN_BODY_CHARS ? `${body.text.slice(0, SHOWN_BODY_CHARS)}\n… (${body.text.length - SHOWN_BODY_CHARS} more characters)` : body.text);
  for (const w of r.warnings) lines.push(`note: ${w}`);
  return lines.join('\n');
}

export function describeDiagnosis(d: Diagnosis): string {
  const lines = ['', `── ${d.providerName ? `${d.providerName}: ` : ''}${d.status}${d.code ? ` ${d.code}` : ''} — ${d.title}`];
  if (d.meaning) lines.push(d.meaning);
  if (d.message) lines.push(`Server said: ${d.message}`);
  if (d.causes.length) {
    lines.push('Likely causes:');
    for (const c of d.causes.slice(0, 5)) lines.push(`  - ${c.text}${c.seen ? ` (seen: ${c.seen})` : ''}`);
  }
  if (d.fixes.length) {
    lines.push('Fixes:');
    for (const f of d.fixes.slice(0, 5)) lines.push(`  - ${f}`);
  }
  if (d.retry.retryable) {
    lines.push(`Retry: yes${d.retry.afterMs !== null ? `, after ${describeWait(d.retry.afterMs)}${d.retry.basis === 'retry-after' ? ' (the server\'s Retry-After)' : ''}` : ''}.`);
  } else if (d.status >= 500) lines.push('Retry: not again; if it keeps failing, open a support ticket with the request id.');
  else lines.push('Retry: no, the request has to change first.');
  if (d.requestId) lines.push(`Request id: ${d.requestId}`);
  return lines.join('\n');
}
