/** Turns undici and Node errors into a failure kind and a sentence a user can act on. */
import type { FailureKind, HttpFailure, RedirectHop } from './types';

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID',
  'CERT_REVOKED', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'CERT_SIGNATURE_FAILURE', 'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH', 'EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_TLS_HANDSHAKE_TIMEOUT',
]);

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** Every error code in the error, its causes and (for happy-eyeballs connects) its inner errors. */
function codesOf(err: unknown, out: string[] = [], depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 5) return out;
  const e = err as ErrorLike;
  if (typeof e.code === 'string') out.push(e.code);
  codesOf(e.cause, out, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors.slice(0, 5)) codesOf(inner, out, depth + 1);
  return out;
}

function messageOf(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as ErrorLike;
    const own = typeof e.message === 'string' ? e.message : '';
    const inner = e.cause ? messageOf(e.cause) : '';
    return [own, inner].filter(Boolean).join(': ');
  }
  return String(err);
}

export function kindOfCodes(codes: readonly string[]): FailureKind {
  for (const code of codes) {
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') return 'dns';
    if (code === 'ECONNREFUSED') return 'refused';
    if (TIMEOUT_CODES.has(code)) return 'timeout';
    if (TLS_CODES.has(code) || code.startsWith('CERT_') || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return 'tls';
    // A body shorter than its Content-Length means the connection ended early: a reset in the user's terms.
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'ECONNABORTED' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' || code === 'HPE_INVALID_EOF_STATE') return 'reset';
    if (code === 'UND_ERR_HEADERS_OVERFLOW' || code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return 'too-large';
    if (code.startsWith('Z_') || code.startsWith('ERR__') || code.startsWith('HPE_') || code === 'UND_ERR_INFO') return 'protocol';
    if (code === 'ERR_INVALID_URL') return 'invalid-url';
    if (code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') return 'aborted';
  }
  return 'other';
}

const PLAIN: Record<FailureKind, (host: string) => string> = {
  dns: (h) => `The name ${h} could not be found. Check the spelling of the host, your network and any VPN.`,
  refused: (h) => `Nothing is listening at ${h}: the connection was refused. Is the server running on that port?`,
  reset: (h) => `${h} closed the connection before the response was complete.`,
  timeout: (h) => `${h} did not answer in time.`,
  tls: (h) => `The secure connection to ${h} failed: its certificate could not be verified.`,
  aborted: () => 'The request was cancelled.',
  'redirect-loop': () => 'The redirects went round in a loop or were too many.',
  'too-large': (h) => `${h} sent response headers larger than the runner accepts.`,
  'invalid-url': () => 'The URL is not a valid http or https address.',
  'invalid-request': () => 'The request cannot be sent as written.',
  protocol: (h) => `${h} answered with something that is not valid HTTP.`,
  other: (h) => `The request to ${h} failed.`,
};

export function plainMessage(kind: FailureKind, host: string): string {
  return PLAIN[kind](host || 'the server');
}

export function failureFromError(
  err: unknown, host: string, elapsedMs: number, redirects: RedirectHop[], forced?: 'timeout' | 'aborted',
): HttpFailure {
  const codes = codesOf(err);
  const kind = forced ?? kindOfCodes(codes);
  const detail = [codes[0], messageOf(err)].filter(Boolean).join(' ');
  return { kind, message: plainMessage(kind, host), detail, elapsedMs, redirects };
}

export function failure(kind: FailureKind, message: string, detail: string, elapsedMs = 0, redirects: RedirectHop[] = []): HttpFailure {
  return { kind, message, detail, elapsedMs, redirects };
}
