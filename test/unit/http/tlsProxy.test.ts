import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { connect, createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sendRequest } from '../../../src/http/send';
import type { SendOutcome } from '../../../src/http/types';
import { closedPort, closeServer, listen, startServer, type TestServer } from './servers';

/** A self-signed certificate from the openssl command line, or null when openssl is not installed. */
function selfSignedCert(): { key: Buffer; cert: Buffer } | null {
  const dir = mkdtempSync(join(tmpdir(), 'api-doctor-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore', timeout: 15_000 });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A CONNECT proxy that records the tunnels it opened. */
async function startProxy(): Promise<{ url: string; tunnels: string[]; server: NetServer; sockets: Set<Socket> }> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createNetServer((client) => {
    sockets.add(client);
    client.once('data', (head: Buffer) => {
      const line = head.toString('latin1').split('\r\n', 1)[0];
      const m = /^CONNECT ([^ :]+):(\d+) HTTP\/1\.1$/.exec(line);
      if (!m) {
        client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
        return;
      }
      tunnels.push(`${m[1]}:${m[2]}`);
      const upstream = connect(Number(m[2]), m[1], () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
  });
  const port = await listen(server as unknown as import('node:http').Server);
  return { url: `http://127.0.0.1:${port}`, tunnels, server, sockets };
}

function kindOf(o: SendOutcome): string {
  return o.ok ? `HTTP ${o.response.status}` : o.failure.kind;
}

describe('http/sendRequest over TLS and proxies', () => {
  let https: HttpsServer | undefined;
  let httpsUrl = '';
  let plain: TestServer | undefined;
  let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
  let haveOpenssl = false;

  before(async function () {
    this.timeout(30_000);
    const tls = selfSignedCert();
    plain = await startServer((req, res) => res.end(`plain ${req.headers.authorization ?? 'no key'}`));
    proxy = await startProxy();
    if (!tls) return;
    haveOpenssl = true;
    https = createHttpsServer(tls, (_req, res) => res.end('secure hello'));
    const port = await listen(https as unknown as import('node:http').Server);
    httpsUrl = `https://127.0.0.1:${port}/`;
  });

  after(async () => {
    if (https) await closeServer(https as unknown as import('node:http').Server);
    await plain?.close();
    if (proxy) {
      for (const s of proxy.sockets) s.destroy();
      await new Promise<void>((r) => proxy!.server.close(() => r()));
    }
  });

  it('fails with "tls" on a self-signed certificate', async function () {
    if (!haveOpenssl) this.skip();
    const outcome = await sendRequest({ method: 'GET', url: httpsUrl });
    assert.equal(kindOf(outcome), 'tls');
    assert.match((outcome as { failure: { detail: string } }).failure.detail, /SELF_SIGNED|self.signed/i);
  });

  it('goes through a proxy with CONNECT', async () => {
    const outcome = await sendRequest({ method: 'GET', url: plain!.url, proxy: { url: proxy!.url, strictSSL: true }, key: { value: 'sk_test_9', hosts: ['127.0.0.1'] } });
    assert.equal(kindOf(outcome), 'HTTP 200');
    assert.equal(outcome.ok && Buffer.from(outcome.response.body).toString(), 'plain Bearer sk_test_9');
    assert.deepEqual(proxy!.tunnels.slice(-1), [`127.0.0.1:${plain!.port}`]);
  });

  it('honours http.proxyStrictSSL: false accepts the self-signed certificate, true refuses it', async function () {
    if (!haveOpenssl) this.skip();
    assert.equal(kindOf(await sendRequest({ method: 'GET', url: httpsUrl, proxy: { url: proxy!.url, strictSSL: true } })), 'tls');
    const loose = await sendRequest({ method: 'GET', url: httpsUrl, proxy: { url: proxy!.url, strictSSL: false } });
    assert.equal(kindOf(loose), 'HTTP 200');
    assert.equal(loose.ok && Buffer.from(loose.response.body).toString(), 'secure hello');
  });

  it('reports a proxy that is not running as refused', async () => {
    const port = await closedPort();
    const outcome = await sendRequest({ method: 'GET', url: plain!.url, proxy: { url: `http://127.0.0.1:${port}`, strictSSL: true } });
    assert.equal(kindOf(outcome), 'refused');
  });
});
