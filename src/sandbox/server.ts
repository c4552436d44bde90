/**
 * A local stand-in for the Waves and Specala APIs that answers with their documented errors, so
 * the runner, the decoder and people trying API Doctor can see each one without a real account.
 * Node's http module only; listens on 127.0.0.1.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAuth, type Product } from './auth';
import { RateWindow } from './rateWindow';
import { newRequestId, reply, replyDetail } from './reply';
import { SPECALA_PREFIX, routeSpecala } from './specala';
import { FAIL_TEXT, UploadStore, WAVES_PREFIX, routeUploads, routeWaves } from './waves';

export interface SandboxOptions {
  /** 0 picks a free port (tests). Default 8787. */
  port?: number;
  host?: string;
  /** Requests per key per minute before 429. Small by default so the limit is easy to see. */
  ratePerMinute?: number;
}

export interface Sandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_RATE_PER_MINUTE = 5;

const FAIL_STATUSES = new Set([500, 502, 503]);

export function helpText(base: string, ratePerMinute: number): string {
  return [
    'API Doctor sandbox: local stand-ins for the Waves and Specala APIs and their documented errors.',
    '',
    'Waves (any sk_... key):',
    `  POST ${base}${WAVES_PREFIX}/lightning-v3.1/get_speech   {"text": "..."} -> audio/wav`,
    `  GET  ${base}${WAVES_PREFIX}/lightning-v3.1/get_voices`,
    `  POST ${base}${WAVES_PREFIX}/pulse/get_text            raw audio, or {"url": ".../waves/uploads/<name>"}`,
    `  PUT/GET ${base}/waves/uploads/<name>                   stored objects (sample.wav exists; others give NoSuchKey)`,
    'Specala (sk_live_... keys):',
    `  GET  ${base}${SPECALA_PREFIX}/projects`,
    `  GET  ${base}${SPECALA_PREFIX}/transcriptions?limit=&offset=`,
    `  GET  ${base}${SPECALA_PREFIX}/transcriptions/tr_0001`,
    `  GET  ${base}${SPECALA_PREFIX}/transcriptions/tr_0001/export?format=md|txt`,
    `  POST ${base}${SPECALA_PREFIX}/transcriptions/export   {"ids": [...], "format": "md"} -> ZIP`,
    '',
    'Errors on purpose:',
    '  401  no key, a key in the query string, a quoted or malformed Bearer, sk_revoked_... / sk_live_revoked_...',
    '  403  sk_atoms_... on Waves (another product), sk_limit_... on Waves (usage limit),',
    '       sk_live_noapi... on Specala (api_access_denied)',
    '  404  unknown transcription ids; NoSuchKey for a Pulse url whose object was never uploaded',
    '  422  export with a format other than md/txt, or ids empty or over 100; limit over 100',
    `  429  more than ${ratePerMinute} requests a minute with one key (Retry-After in seconds)`,
    `  500  add ?fail=500 (or 502, 503) to any API URL, or speak the text "${FAIL_TEXT}"`,
    '',
  ].join('\n');
}

export function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const ratePerMinute = options.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE;
  const limiter = new RateWindow(ratePerMinute);
  const store = new UploadStore();
  let base = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('x-request-id', newRequestId());
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const path = url.pathname;
    if (path === '/' || path === '/help') return reply(res, 200, helpText(base, ratePerMinute), { 'content-type': 'text/plain; charset=utf-8' });
    if (path.startsWith('/waves/uploads/')) return routeUploads(req, res, decodeURIComponent(path.slice('/waves/uploads/'.length)), store);
    let product: Product;
    let rest: string;
    if (path.startsWith(`${WAVES_PREFIX}/`)) [product, rest] = ['waves', path.slice(WAVES_PREFIX.length)];
    else if (path.startsWith(`${SPECALA_PREFIX}/`)) [product, rest] = ['specala', path.slice(SPECALA_PREFIX.length)];
    else return replyDetail(res, 404, 'Not Found');

    const auth = checkAuth(req, url, product);
    if ('status' in auth) return replyDetail(res, auth.status, auth.detail);
    const wait = limiter.hit(`${product}\u0000${auth.key}`);
    if (wait !== null) {
      return replyDetail(res, 429, product === 'specala' ? 'Rate limit exceeded' : 'Too many requests', {
        'retry-after': String(wait), 'x-ratelimit-limit': String(ratePerMinute), 'x-ratelimit-remaining': '0',
      });
    }
    const fail = Number(url.searchParams.get('fail'));
    if (FAIL_STATUSES.has(fail)) return replyDetail(res, fail, fail === 500 ? 'Internal server error' : 'Service temporarily unavailable');
    return product === 'waves' ? routeWaves(req, res, rest, store) : routeSpecala(req, res, rest, url);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) replyDetail(res, 500, 'Internal server error');
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      base = `http://${options.host ?? '127.0.0.1'}:${port}`;
      resolve({
        url: base,
        port,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}
