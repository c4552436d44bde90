/**
 * Sends one request with undici: a deadline over the whole exchange, real cancellation, a body
 * size cap, and redirects followed by hand so that the key only ever reaches the hosts it is for.
 */
import { createReadStream } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';
import { request, type Dispatcher } from 'undici';
import { createDispatcher } from './dispatcher';
import { failure, failureFromError } from './failure';
import { readCapped } from './readBody';
import { authorizationValue, checkHeaders, checkKey, headerEntries, parseHttpUrl } from './preflight';
import { CREDENTIAL_HEADERS, REDIRECT_STATUSES, hostAllowed, nextHop } from './redirect';
import type { HttpRequest, RedirectHop, RequestBody, SendOutcome } from './types';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

function bodyFor(body: RequestBody | undefined): string | Uint8Array | NodeJS.ReadableStream | undefined {
  if (body === undefined || typeof body === 'string' || body instanceof Uint8Array) return body;
  // A fresh stream per hop or attempt: a file body can be sent again after a 307 or a retry.
  return createReadStream(body.filePath);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export async function sendRequest(req: HttpRequest): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const redirects: RedirectHop[] = [];

  const first = parseHttpUrl(req.url);
  // The detail does not repeat the URL: unparsed, its secrets cannot be told apart to be masked.
  if (typeof first === 'string') return { ok: false, failure: failure('invalid-url', first, 'the URL could not be parsed') };
  const userHeaders = headerEntries(req.headers);
  const headerProblems = checkHeaders(userHeaders);
  if (headerProblems.length) return { ok: false, failure: failure('invalid-request', headerProblems.join(' '), 'header check') };
  const warnings: string[] = [];
  let keyHeader: [string, string] | null = null;
  if (req.key) {
    const scheme = req.key.scheme ?? 'Bearer';
    const check = checkKey(req.key.value, scheme);
    if (check.problems.length) return { ok: false, failure: failure('invalid-request', check.problems.join(' '), 'key check') };
    warnings.push(...check.warnings);
    keyHeader = [(req.key.header ?? 'Authorization').toLowerCase(), authorizationValue(check.key, scheme)];
    if (!hostAllowed(first, req.key.hosts)) warnings.push(`The key was not sent: ${first.host} is not one of the hosts it is for.`);
  }
  if (req.signal?.aborted) return { ok: false, failure: failure('aborted', 'The request was cancelled.', 'cancelled before sending') };

  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = req.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`no complete answer within ${timeoutMs} ms`));
  }, timeoutMs);
  const onCancel = () => controller.abort(new Error('cancelled'));
  req.signal?.addEventListener('abort', onCancel, { once: true });
  const dispatcher: Dispatcher = createDispatcher(timeoutMs, req.proxy);

  let url = first;
  let method = req.method.toUpperCase();
  let body = req.body;
  let headers = userHeaders;
  // Shrinks to nothing after an https → http redirect: the key never travels in clear text.
  let keyHosts = req.key?.hosts ?? [];
  const seen = new Set<string>();
  try {
    for (;;) {
      seen.add(`${method} ${url.href}`);
      const sent: string[] = [];
      const hasUserAgent = headers.some(([k]) => k.toLowerCase() === 'user-agent');
      for (const [k, v] of headers) {
        // The key header belongs to the runner: a typed-in copy is not sent beside it.
        if (keyHeader && k.toLowerCase() === keyHeader[0] && hostAllowed(url, keyHosts)) continue;
        sent.push(k, v);
      }
      if (keyHeader && hostAllowed(url, keyHosts)) sent.push(keyHeader[0], keyHeader[1]);
      if (!hasUserAgent) sent.push('user-agent', 'api-doctor');
      const res = await request(url, {
        method: method as Dispatcher.HttpMethod,
        headers: sent,
        body: bodyFor(body) as Dispatcher.DispatchOptions['body'],
        signal: controller.signal,
        dispatcher,
        maxRedirections: 0,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const follow = req.followRedirects !== false && REDIRECT_STATUSES.has(res.statusCode);
      const hop = follow ? nextHop(method, res.statusCode, firstHeader(res.headers.location), url) : null;
      if (hop && typeof hop !== 'string') {
        // Read a small redirect body to its end (or drop a large one) so the connection stays usable.
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        const crossOrigin = hop.url.origin !== url.origin;
        const keyWasSent = !!keyHeader && hostAllowed(url, keyHosts);
        if (keyHeader && url.protocol === 'https:' && hop.url.protocol === 'http:') {
          if (hostAllowed(hop.url, keyHosts)) warnings.push('The key was not sent after a redirect from https to plain http.');
          keyHosts = [];
        }
        const keyGoesOn = !!keyHeader && hostAllowed(hop.url, keyHosts);
        const userCredentials = headers.some(([k]) => CREDENTIAL_HEADERS.has(k.toLowerCase()));
        redirects.push({
          status: res.statusCode, from: url.href, to: hop.url.href, method: hop.method,
          credentialsDropped: (keyWasSent && !keyGoesOn) || (crossOrigin && userCredentials),
        });
        if (redirects.length > maxRedirects) {
          return { ok: false, failure: failure('redirect-loop', `The server redirected more than ${maxRedirects} times; the runner stopped following.`, hop.url.href, elapsed(), redirects) };
        }
        if (seen.has(`${hop.method} ${hop.url.href}`)) {
          return { ok: false, failure: failure('redirect-loop', `The redirects lead back to ${hop.url.href}, a loop.`, hop.url.href, elapsed(), redirects) };
        }
        if (crossOrigin) headers = headers.filter(([k]) => !CREDENTIAL_HEADERS.has(k.toLowerCase()));
        if (hop.dropBody) {
          body = undefined;
          headers = headers.filter(([k]) => !['content-type', 'content-length', 'content-encoding'].includes(k.toLowerCase()));
        }
        url = hop.url;
        method = hop.method;
        continue;
      }
      if (typeof hop === 'string') warnings.push(hop);
      const read = await readCapped(res.body, firstHeader(res.headers['content-encoding']), maxBytes);
      if (read.keptEncodings.length) warnings.push(`The body is still encoded with ${read.keptEncodings.join(', ')}, which the runner cannot undo.`);
      const headersOut: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headersOut[k.toLowerCase()] = v;
      return {
        ok: true,
        response: {
          status: res.statusCode,
          statusText: STATUS_CODES[res.statusCode] ?? '',
          headers: headersOut,
          body: read.bytes,
          truncated: read.truncated,
          elapsedMs: elapsed(),
          sizeBytes: read.bytes.byteLength,
          contentType: firstHeader(res.headers['content-type']) ?? null,
          url: url.href,
          redirects,
          warnings,
        },
      };
    }
  } catch (err) {
    const forced = timedOut ? 'timeout' : req.signal?.aborted ? 'aborted' : undefined;
    const out = failureFromError(err, url.host, elapsed(), redirects, forced);
    if (forced === 'timeout') out.message = `${url.host} did not send a complete answer within ${timeoutMs} ms.`;
    return { ok: false, failure: out };
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onCancel);
    await dispatcher.destroy().catch(() => undefined);
  }
}
