import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, createGzip } from 'node:zlib';
import { sendRequest } from '../../../src/http/send';
import type { HttpResponse, SendOutcome } from '../../../src/http/types';
import { sineWav } from '../../../src/sandbox/wav';
import { closedPort, startServer, type TestServer } from './servers';

function ok(outcome: SendOutcome): HttpResponse {
  if (!outcome.ok) assert.fail(`expected a response, got ${outcome.failure.kind}: ${outcome.failure.detail}`);
  return outcome.response;
}

function failed(outcome: SendOutcome): string {
  if (outcome.ok) assert.fail(`expected a failure, got HTTP ${outcome.response.status}`);
  return outcome.failure.kind;
}

const text = (r: HttpResponse) => Buffer.from(r.body).toString('utf8');

describe('http/sendRequest', () => {
  let srv: TestServer | undefined;
  afterEach(async () => {
    await srv?.close();
    srv = undefined;
  });

  it('returns every status code with its body and headers', async () => {
    srv = await startServer((req, res) => {
      const status = Number(req.url!.slice(1));
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req-${status}` });
      res.end(status === 204 || req.method === 'HEAD' ? undefined : JSON.stringify({ detail: `status ${status}` }));
    });
    for (const status of [200, 201, 400, 401, 403, 404, 422, 429, 500, 502, 503]) {
      const r = ok(await sendRequest({ method: 'GET', url: `${srv.url}/${status}` }));
      assert.equal(r.status, status);
      assert.equal(text(r), JSON.stringify({ detail: `status ${status}` }));
      assert.equal(r.headers['x-request-id'], `req-${status}`);
      assert.equal(r.contentType, 'application/json');
      assert.equal(r.truncated, false);
    }
    const empty = ok(await sendRequest({ method: 'GET', url: `${srv.url}/204` }));
    assert.equal(empty.status, 204);
    assert.equal(empty.sizeBytes, 0);
    assert.equal(empty.statusText, 'No Content');
    const head = ok(await sendRequest({ method: 'HEAD', url: `${srv.url}/200` }));
    assert.equal(head.sizeBytes, 0);
  });

  it('keeps binary audio byte for byte', async () => {
    const wav = sineWav(500, 16_000);
    srv = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': wav.length });
      res.end(wav);
    });
    const r = ok(await sendRequest({ method: 'POST', url: srv.url, body: JSON.stringify({ text: 'hi' }) }));
    assert.equal(r.contentType, 'audio/wav');
    assert.equal(r.sizeBytes, wav.length);
    assert.equal(Buffer.compare(Buffer.from(r.body), wav), 0);
    assert.equal(Buffer.from(r.body.subarray(0, 4)).toString('ascii'), 'RIFF');
  });

  it('stops reading a huge body at maxBytes and marks it truncated', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    srv = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      // 8 MB, written with backpressure; the client hangs up long before the end.
      const pump = () => {
        while (sent < 128) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => { sent = 128; });
      pump();
    });
    const r = ok(await sendRequest({ method: 'GET', url: srv.url, maxBytes: 1_000_000 }));
    assert.equal(r.truncated, true);
    assert.equal(r.sizeBytes, 1_000_000);
    assert.equal(r.body.byteLength, 1_000_000);
    const small = ok(await sendRequest({ method: 'GET', url: srv.url, maxBytes: 16 * 1024 * 1024 }));
    assert.equal(small.truncated, false);
    assert.equal(small.sizeBytes, 128 * chunk.length);
  });

  it('reads a slow body that finishes in time', async () => {
    srv = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      let n = 0;
      const timer = setInterval(() => {
        res.write(`part${n}\n`);
        if (++n === 4) {
          clearInterval(timer);
          res.end();
        }
      }, 25);
    });
    const r = ok(await sendRequest({ method: 'GET', url: srv.url, timeoutMs: 10_000 }));
    assert.equal(text(r), 'part0\npart1\npart2\npart3\n');
  });

  it('times out a body that stalls, counting the body in the deadline', async () => {
    srv = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first part');
      // ...and never finishes.
    });
    const outcome = await sendRequest({ method: 'GET', url: srv.url, timeoutMs: 300 });
    assert.equal(failed(outcome), 'timeout');
    assert.match((outcome as { failure: { message: string } }).failure.message, /within 300 ms/);
  });

  it('times out a server that never sends headers', async () => {
    srv = await startServer(() => undefined);
    assert.equal(failed(await sendRequest({ method: 'GET', url: srv.url, timeoutMs: 250 })), 'timeout');
  });

  it('undoes gzip, and caps a gzip bomb without inflating it into memory', async () => {
    const json = JSON.stringify({ detail: 'compressed' });
    // 512 MB of zeros compresses to about half a megabyte.
    const bomb = await new Promise<Buffer>((resolve) => {
      const gz = createGzip({ level: 9 });
      const parts: Buffer[] = [];
      gz.on('data', (c: Buffer) => parts.push(c));
      gz.on('end', () => resolve(Buffer.concat(parts)));
      const zeros = Buffer.alloc(1024 * 1024);
      let left = 512;
      const feed = () => {
        while (left > 0) {
          left--;
          if (!gz.write(zeros)) return void gz.once('drain', feed);
        }
        gz.end();
      };
      feed();
    });
    assert.ok(bomb.length < 1024 * 1024, `bomb is ${bomb.length} bytes`);
    srv = await startServer((req, res) => {
      const body = req.url === '/bomb' ? bomb : gzipSync(json);
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
    const plain = ok(await sendRequest({ method: 'GET', url: `${srv.url}/json` }));
    assert.equal(text(plain), json);
    const before = process.memoryUsage().rss;
    const r = ok(await sendRequest({ method: 'GET', url: `${srv.url}/bomb`, maxBytes: 2 * 1024 * 1024 }));
    const grew = process.memoryUsage().rss - before;
    assert.equal(r.truncated, true);
    assert.equal(r.sizeBytes, 2 * 1024 * 1024);
    assert.ok(grew < 200 * 1024 * 1024, `resident memory grew by ${Math.round(grew / 1048576)} MB`);
  });

  it('reports a connection reset in the middle of the body', async () => {
    srv = await startServer((req, res) => {
      res.writeHead(200, req.url === '/short' ? { 'content-length': '1000' } : {});
      res.write('partial body');
      setTimeout(() => (req.url === '/short' ? req.socket.destroy() : req.socket.resetAndDestroy()), 30);
    });
    assert.equal(failed(await sendRequest({ method: 'GET', url: `${srv.url}/rst` })), 'reset');
    assert.equal(failed(await sendRequest({ method: 'GET', url: `${srv.url}/short` })), 'reset');
  });

  it('refuses to send a header with control characters, and reports a response header with them', async () => {
    srv = await startServer((req, res) => {
      req.socket.write('HTTP/1.1 200 OK\r\nX-Bad: a\u0001b\r\nContent-Length: 2\r\n\r\nok');
      req.socket.end();
      void res;
    });
    const injected = await sendRequest({ method: 'GET', url: srv.url, headers: { 'X-Note': 'a\r\nX-Injected: 1' } });
    assert.equal(failed(injected), 'invalid-request');
    const nul = await sendRequest({ method: 'GET', url: srv.url, headers: [['X-Note', 'a\u0007b']] });
    assert.equal(failed(nul), 'invalid-request');
    assert.equal(srv.seen.length, 0, 'nothing may reach the server');
    assert.equal(failed(await sendRequest({ method: 'GET', url: srv.url })), 'protocol');
  });

  it('injects the key as "Bearer <key>" with one space, trimmed', async () => {
    srv = await startServer((_req, res) => res.end('ok'));
    const r = ok(await sendRequest({ method: 'GET', url: srv.url, key: { value: '  sk_test_123\n', hosts: ['127.0.0.1'] } }));
    assert.equal(srv.seen[0].headers.authorization, 'Bearer sk_test_123');
    assert.deepEqual(r.warnings, ['The key had spaces or a line break around it; they were removed before sending.']);
  });

  it('stops a key with quotes or inner spaces before sending', async () => {
    srv = await startServer((_req, res) => res.end('ok'));
    for (const value of ['"sk_test_123"', 'sk_test 123', 'Bearer sk_test_123']) {
      const outcome = await sendRequest({ method: 'GET', url: srv.url, key: { value, hosts: ['127.0.0.1'] } });
      assert.equal(failed(outcome), 'invalid-request', value);
    }
    assert.equal(srv.seen.length, 0);
  });

  it('does not send the key to a host it is not for', async () => {
    srv = await startServer((_req, res) => res.end('ok'));
    const r = ok(await sendRequest({ method: 'GET', url: srv.url, key: { value: 'sk_test_123', hosts: ['api.example.com'] } }));
    assert.equal(srv.seen[0].headers.authorization, undefined);
    assert.match(r.warnings[0], /not sent/);
  });

  it('fails with "refused" on a closed port', async () => {
    const port = await closedPort();
    assert.equal(failed(await sendRequest({ method: 'GET', url: `http://127.0.0.1:${port}/` })), 'refused');
  });

  it('fails with "dns" for a name that cannot exist', async () => {
    assert.equal(failed(await sendRequest({ method: 'GET', url: 'http://no-such-host.invalid/' })), 'dns');
  });

  it('fails with "invalid-url" for a URL it cannot send', async () => {
    assert.equal(failed(await sendRequest({ method: 'GET', url: 'not a url' })), 'invalid-url');
    assert.equal(failed(await sendRequest({ method: 'GET', url: 'ftp://example.com/file' })), 'invalid-url');
  });

  it('cancels in the middle of the body and closes the connection', async () => {
    const controller = new AbortController();
    let serverSawClose!: Promise<void>;
    srv = await startServer((_req, res) => {
      serverSawClose = new Promise((resolve) => res.on('close', () => resolve()));
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('the first part of a body that never ends');
      setTimeout(() => controller.abort(), 50);
    });
    const outcome = await sendRequest({ method: 'GET', url: srv.url, signal: controller.signal, timeoutMs: 10_000 });
    assert.equal(failed(outcome), 'aborted');
    await serverSawClose;
  });

  it('sends nothing when cancelled before it starts', async () => {
    srv = await startServer((_req, res) => res.end('ok'));
    const controller = new AbortController();
    controller.abort();
    assert.equal(failed(await sendRequest({ method: 'GET', url: srv.url, signal: controller.signal })), 'aborted');
    assert.equal(srv.seen.length, 0);
  });

  it('sends a file body, and sends it again after a 307', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-doctor-'));
    const file = join(dir, 'audio.wav');
    writeFileSync(file, sineWav(100));
    const bodies: number[] = [];
    srv = await startServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(parts).length);
        if (req.url === '/first') {
          res.writeHead(307, { location: '/second' });
          res.end();
        } else res.end('got it');
      });
    });
    try {
      const r = ok(await sendRequest({ method: 'POST', url: `${srv.url}/first`, body: { filePath: file } }));
      assert.equal(text(r), 'got it');
      assert.deepEqual(bodies, [sineWav(100).length, sineWav(100).length]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
