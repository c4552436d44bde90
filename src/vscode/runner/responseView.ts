/**
 * Turns what the runner got back into what the panel shows. Pure. Any stored key that the server
 * echoes back (some error messages quote the key) is masked before it leaves the host.
 */
import { redactText } from '../../catalog/redact';
import type { Diagnosis } from '../../catalog/types';
import type { HttpFailure, HttpResponse } from '../../http/types';
import type { DiagnosisView, FailureView, ResponseBody, ResponseView } from '../../protocol/views';
import { maskKey } from '../keys/keyNames';

/** Text beyond this is left for "Open in editor"; a webview slows down on megabytes of text. */
export const SHOWN_TEXT_CHARS = 200_000;
/** Audio and images up to this size play or show inline; bigger ones are saved instead. */
export const INLINE_MEDIA_BYTES = 8 * 1024 * 1024;

export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(maskKey(s));
  return out;
}

function mimeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function isJsonType(mime: string): boolean {
  return mime === 'application/json' || mime.endsWith('+json') || mime === 'application/problem+json';
}

export function isTextType(mime: string): boolean {
  return mime.startsWith('text/') || isJsonType(mime) || /^application\/(xml|javascript|x-www-form-urlencoded|x-ndjson|yaml|x-yaml|graphql)$/.test(mime) || mime.endsWith('+xml');
}

/** Bytes that decode as UTF-8 with no NUL: shown as text even without a content type. */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length < bytes.length ? sample.subarray(0, Math.max(0, sample.length - 4)) : sample);
    return true;
  } catch {
    return false;
  }
}

export function bodyOf(res: Pick<HttpResponse, 'body' | 'contentType'>, secrets: readonly string[]): { body: ResponseBody; clipped: boolean; text: string | null } {
  const mime = mimeOf(res.contentType);
  if (res.body.length === 0) return { body: { kind: 'empty' }, clipped: false, text: null };
  if (mime.startsWith('audio/') || mime.startsWith('image/')) {
    const kind = mime.startsWith('audio/') ? 'audio' : 'image';
    // SVG can carry script; it is shown as text, never as an image.
    if (mime !== 'image/svg+xml') {
      if (res.body.length > INLINE_MEDIA_BYTES) return { body: { kind: 'binary', mime }, clipped: false, text: null };
      return { body: { kind, mime, base64: Buffer.from(res.body).toString('base64') }, clipped: false, text: null };
    }
  }
  if (isTextType(mime) || mime === 'image/svg+xml' || (!mime.startsWith('audio/') && !mime.startsWith('video/') && looksLikeText(res.body))) {
    const text = maskSecrets(new TextDecoder('utf-8').decode(res.body), secrets);
    const clipped = text.length > SHOWN_TEXT_CHARS;
    const shown = clipped ? text.slice(0, SHOWN_TEXT_CHARS) : text;
    const json = isJsonType(mime) || (mime === '' && /^\s*[{[]/.test(shown));
    return { body: { kind: json ? 'json' : 'text', text: shown }, clipped, text };
  }
  return { body: { kind: 'binary', mime: mime || 'application/octet-stream' }, clipped: false, text: null };
}

export function headerPairs(headers: HttpResponse['headers'], secrets: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(headers)) {
    for (const v of Array.isArray(value) ? value : [value]) out.push([name, maskSecrets(v, secrets)]);
  }
  return out;
}

export function diagnosisView(d: Diagnosis, secrets: readonly string[]): DiagnosisView {
  const m = (s: string) => maskSecrets(s, secrets);
  return {
    provider: d.providerName,
    title: m(d.title),
    meaning: m(d.meaning),
    code: d.code === null ? null : m(d.code),
    message: d.message === null ? null : m(d.message),
    causes: d.causes.map((c) => ({ text: m(c.text), seen: c.seen ? m(c.seen) : null })),
    fixes: d.fixes.map(m),
    retryable: d.retry.retryable,
    retryAfterMs: d.retry.afterMs,
    retryBasis: d.retry.basis,
    requestId: d.requestId,
    docs: d.docs,
  };
}

export function responseView(
  res: HttpResponse,
  diagnosis: Diagnosis | null,
  opts: { responseId: string; attempts: number; secrets: readonly string[]; redactUrl: (url: string) => string },
): ResponseView {
  const { body, clipped } = bodyOf(res, opts.secrets);
  return {
    responseId: opts.responseId,
    status: res.status,
    statusText: res.statusText,
    elapsedMs: res.elapsedMs,
    sizeBytes: res.sizeBytes,
    truncated: res.truncated,
    clipped,
    url: opts.redactUrl(res.url),
    headers: headerPairs(res.headers, opts.secrets),
    body,
    redirects: res.redirects.map((h) => ({ status: h.status, to: opts.redactUrl(h.to), credentialsDropped: h.credentialsDropped })),
    diagnosis: diagnosis ? diagnosisView(diagnosis, opts.secrets) : null,
    attempts: opts.attempts,
  };
}

interface FailureHelp {
  title: string;
  causes: string[];
  fixes: string[];
  retryable: boolean;
}

/** What each way of getting no response usually means, in the user's terms. */
const FAILURE_HELP: Record<string, FailureHelp> = {
  dns: {
    title: 'The host name does not resolve',
    causes: ['A typo in the host name.', 'No network, or a DNS server that cannot see this host (VPN, company network).'],
    fixes: ['Check the host against the API documentation.', 'Try the URL from a terminal (curl) to see whether this machine can resolve it.'],
    retryable: false,
  },
  refused: {
    title: 'The connection was refused',
    causes: ['Nothing listens on that host and port (a local server that is not running).', 'The wrong port or http/https scheme.'],
    fixes: ['Start the server, or check the port and scheme in the URL.'],
    retryable: true,
  },
  reset: {
    title: 'The connection was dropped',
    causes: ['The server or a proxy closed the connection mid-request.', 'An overloaded server.'],
    fixes: ['Retry after a short wait; if it keeps happening, check the proxy settings (http.proxy).'],
    retryable: true,
  },
  timeout: {
    title: 'No answer in time',
    causes: ['A slow endpoint or a large response.', 'A proxy or firewall that silently drops the connection.'],
    fixes: ['Raise apiDoctor.request.timeoutMs for slow endpoints.', 'Check http.proxy if you are behind a proxy.'],
    retryable: true,
  },
  tls: {
    title: 'The secure connection failed',
    causes: ['A certificate the machine does not trust (company proxy, self-signed server).', 'An expired certificate or a host name that does not match it.'],
    fixes: ['Check the URL uses the right host.', 'Behind an inspecting proxy, set http.proxy, and http.proxyStrictSSL to false only if you trust that proxy.'],
    retryable: false,
  },
  aborted: { title: 'Cancelled', causes: [], fixes: [], retryable: true },
  'redirect-loop': {
    title: 'Too many redirects',
    causes: ['The server redirects in a circle, often between http and https or with and without a trailing slash.'],
    fixes: ['Send the request to the final URL directly.'],
    retryable: false,
  },
  'too-large': { title: 'The response is too large', causes: ['The body is bigger than apiDoctor.request.maxResponseBytes.'], fixes: ['Raise the limit, or ask the API for less (paging).'], retryable: false },
  'invalid-url': { title: 'The URL is not valid', causes: ['A typo, or a part of the URL that was never filled in.'], fixes: ['Check the URL; it must start with http:// or https://.'], retryable: false },
  'invalid-request': { title: 'The request cannot be sent as it is', causes: ['A header or the key holds characters that cannot travel in HTTP.'], fixes: ['Correct the header or store the key again without quotes or spaces.'], retryable: false },
  protocol: { title: 'The server did not answer in HTTP', causes: ['The port speaks another protocol, or https is needed instead of http.'], fixes: ['Check the scheme and port.'], retryable: false },
};

export function failureView(f: HttpFailure, opts: { responseId: string; attempts: number; secrets: readonly string[] }): FailureView {
  const help = FAILURE_HELP[f.kind] ?? { title: 'The request failed', causes: [], fixes: ['See API Doctor output for the details.'], retryable: false };
  return {
    responseId: opts.responseId,
    kind: f.kind,
    // The message may quote a URL (a redirect loop): credential shapes are masked as in the logs.
    message: redactText(maskSecrets(f.message, opts.secrets)),
    title: help.title,
    causes: help.causes,
    fixes: help.fixes,
    retryable: help.retryable,
    elapsedMs: f.elapsedMs,
    attempts: opts.attempts,
  };
}
