/** Writing answers and reading bodies for the sandbox; every answer carries an x-request-id. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export function newRequestId(): string {
  return `req_${randomBytes(8).toString('hex')}`;
}

export function reply(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string | number> = {}): void {
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    'x-request-id': (res.getHeader('x-request-id') as string | undefined) ?? newRequestId(),
    'content-length': data.length,
    ...headers,
  });
  res.end(data);
}

export function replyJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string | number> = {}): void {
  reply(res, status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });
}

/** `{"detail": "..."}`: the error shape both providers use. */
export function replyDetail(res: ServerResponse, status: number, detail: unknown, headers: Record<string, string | number> = {}): void {
  replyJson(res, status, { detail }, headers);
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** The storage error a missing uploaded object produces. */
export function replyNoSuchKey(res: ServerResponse, key: string): void {
  const id = (res.getHeader('x-request-id') as string | undefined) ?? newRequestId();
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${xmlEscape(key)}</Key><RequestId>${id}</RequestId></Error>`;
  reply(res, 404, xml, { 'content-type': 'application/xml' });
}

/** The request body, or null when it is larger than `limit` (the caller answers 413). */
export function readBody(req: IncomingMessage, limit = MAX_UPLOAD_BYTES): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function parseJson(buf: Buffer): unknown {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    return undefined;
  }
}
