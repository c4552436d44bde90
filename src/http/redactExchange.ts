/**
 * The only shape in which a request and its answer leave the runner for history, logs or the
 * screen: every credential masked by the catalog's redaction rules, and the literal key removed
 * wherever it shows up, even in a form those rules do not recognise.
 */
import { MASK, redactBody, redactHeaders, redactText, redactUrl } from '../catalog/redact';
import { headerEntries } from './preflight';
import type { HttpRequest, SendOutcome } from './types';

export interface RedactedExchange {
  method: string;
  url: string;
  requestHeaders: Array<[string, string]>;
  requestBody: string | null;
  status: number | null;
  responseHeaders: Array<[string, string]>;
  /** Text bodies up to `previewChars`, or a note such as "(binary, 4,410 bytes, audio/wav)". */
  responseBody: string | null;
  failure: string | null;
}

/** Replaces every occurrence of each secret (longer than 3 characters) in the text. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    const v = s.trim();
    if (v.length > 3) out = out.split(v).join(MASK);
  }
  return out;
}

/** Whether bytes are better shown as text: valid UTF-8 with no NULs or other binary control bytes. */
export function looksLikeText(bytes: Uint8Array, contentType: string | null): boolean {
  if (contentType && /^(audio|video|image)\/|application\/(zip|octet-stream|pdf|gzip)/i.test(contentType)) return false;
  const sample = bytes.subarray(0, 4096);
  for (const b of sample) if (b === 0 || (b < 9) || (b > 13 && b < 32 && b !== 27)) return false;
  try {
    // `stream` leaves a character cut at the end of the sample undecided instead of failing.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function flatHeaders(h: Record<string, string | string[]>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(h)) for (const one of Array.isArray(v) ? v : [v]) out.push([k, one]);
  return out;
}

export function redactExchange(req: HttpRequest, outcome: SendOutcome | null, previewChars = 64 * 1024): RedactedExchange {
  const secrets = req.key ? [req.key.value] : [];
  const scrub = (t: string) => scrubSecrets(t, secrets);
  const reqHeaders = redactHeaders(headerEntries(req.headers)).map(([k, v]) => [k, scrub(v)] as [string, string]);
  if (req.key) reqHeaders.push([req.key.header ?? 'Authorization', `${req.key.scheme ?? 'Bearer'} ${MASK}`.trim()]);
  let requestBody: string | null = null;
  if (typeof req.body === 'string') requestBody = scrub(redactBody(req.body));
  else if (req.body instanceof Uint8Array) requestBody = `(binary, ${req.body.byteLength.toLocaleString('en')} bytes)`;
  else if (req.body) requestBody = '(file)';
  const base: RedactedExchange = {
    method: req.method.toUpperCase(), url: scrub(redactUrl(req.url)), requestHeaders: reqHeaders, requestBody,
    status: null, responseHeaders: [], responseBody: null, failure: null,
  };
  if (!outcome) return base;
  if (!outcome.ok) return { ...base, failure: scrub(redactText(`${outcome.failure.message} (${outcome.failure.detail})`)) };
  const r = outcome.response;
  let responseBody: string;
  if (looksLikeText(r.body, r.contentType)) {
    const text = Buffer.from(r.body).toString('utf8');
    responseBody = scrub(redactBody(text.length > previewChars ? text.slice(0, previewChars) : text));
  } else {
    responseBody = `(binary, ${r.sizeBytes.toLocaleString('en')} bytes${r.contentType ? `, ${r.contentType}` : ''})`;
  }
  return {
    ...base, status: r.status,
    responseHeaders: redactHeaders(flatHeaders(r.headers)).map(([k, v]) => [k, scrub(v)] as [string, string]),
    responseBody,
  };
}
