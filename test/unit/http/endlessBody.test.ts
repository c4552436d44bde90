/**
 * Servers that never finish: a body that streams without end, and a body or headers that drip one
 * byte every 200 ms. The runner must end each with a clear outcome (the size cap or the deadline)
 * and hang up, so the server sees the connection close. Timeouts are small through the runner's
 * own options; nothing here asserts how fast anything was.
 */
import * as assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { describeResponse } from '../../../src/http/describe';
import { sendRequest } from '../../../src/http/send';
import type { HttpFailure, HttpResponse, SendOutcome } from '../../../src/http/types';
import { startServer, type TestServer } from './servers';

function ok(outcome: SendOutcome): HttpResponse {
  if (!outcome.ok) assert.fail(`expected a response, got ${outcome.failure.kind}: ${outcome.failure.detail}`);
  return outcome.response;
}

function failed(outcome: SendOutcome): HttpFailure {
  if (outcome.ok) assert.fail(`expected a failure, got HTTP ${outcome.response.status}`);
  return outcome.failure;
}

/** Resolves when the server side of the exchange sees its connection closed: the runner hung up. */
function closedBy(res: { once(event: 'close', listener: () => void): unknown }): Promise<void> {
  return new Promise((resolve) => res.once('close', () => resolve()));
}

describe('http/sendRequest against servers that never finish', () => {
  let srv: TestServer | undefined;
  let raw: Server | undefined;
  const sockets: Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  afterEach(async () => {
    for (const t of timers.splice(0)) clearInterval(t);
    await srv?.close();
    for (const s of sockets.splice(0)) s.destroy();
    const r = raw;
    if (r) await new Promise<void>((resolve) => r.close(() => resolve()));
    srv = undefined;
    raw = undefined;
  });

  /** 16 KB every 5 ms, with no Content-Length and no end. */
  function endless(onClose: (closed: Promise<void>) => void): Promise<TestServer> {
    const chunk = Buffer.alloc(16 * 1024, 0x62);
    return startServer((_req, res) => {
      onClose(closedBy(res));
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const timer = setInterval(() => {
        if (!res.destroyed) res.write(chunk);
      }, 5);
      timers.push(timer);
      res.once('close', () => clearInterval(timer));
    });
  }

  it('cuts a body that never ends at the size cap, says so, and hangs up', async () => {
    let closed: Promise<void> | undefined;
    srv = await endless((c) => (closed = c));
    const r = ok(await sendRequest({ method: 'GET', url: srv.url, maxBytes: 200_000, timeoutMs: 30_000 }));
    assert.equal(r.status, 200);
    assert.equal(r.truncated, true);
    assert.equal(r.sizeBytes, 200_000);
    assert.match(describeResponse(r, 1).split('\n')[0], /^HTTP 200 OK {2}\(\d+ ms, 200,000 bytes \(cut at the size limit\)\)$/);
    await closed;
  });

  it('ends a body that never ends at the deadline when the cap is far away', async () => {
    let closed: Promise<void> | undefined;
    srv = await endless((c) => (closed = c));
    const f = failed(await sendRequest({ method: 'GET', url: srv.url, maxBytes: 512 * 1024 * 1024, timeoutMs: 400 }));
    assert.equal(f.kind, 'timeout');
    assert.equal(f.message, `127.0.0.1:${srv.port} did not send a complete answer within 400 ms.`);
    await closed;
  });

  it('ends a body that drips one byte every 200 ms at the deadline', async () => {
    let closed: Promise<void> | undefined;
    srv = await startServer((_req, res) => {
      closed = closedBy(res);
      // The length promises more than will ever come.
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100000' });
      const timer = setInterval(() => {
        if (!res.destroyed) res.write('x');
      }, 200);
      timers.push(timer);
      res.once('close', () => clearInterval(timer));
    });
    const f = failed(await sendRequest({ method: 'GET', url: srv.url, timeoutMs: 700 }));
    assert.equal(f.kind, 'timeout');
    assert.equal(f.message, `127.0.0.1:${srv.port} did not send a complete answer within 700 ms.`);
    await closed;
  });

  it('ends headers that drip one byte every 200 ms at the deadline', async () => {
    const head = Buffer.from('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok');
    let closed!: Promise<void>;
    raw = createServer((socket) => {
      sockets.push(socket);
      closed = new Promise((resolve) => socket.once('close', () => resolve()));
      socket.on('error', () => undefined);
      let i = 0;
      const timer = setInterval(() => {
        if (i < head.length && !socket.destroyed) socket.write(head.subarray(i, ++i));
      }, 200);
      timers.push(timer);
      socket.once('close', () => clearInterval(timer));
    });
    const server = raw;
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
    const f = failed(await sendRequest({ method: 'GET', url: `http://127.0.0.1:${port}/`, timeoutMs: 700 }));
    assert.equal(f.kind, 'timeout');
    assert.equal(f.message, `127.0.0.1:${port} did not send a complete answer within 700 ms.`);
    await closed;
    assert.equal(sockets.length, 1);
  });
});
