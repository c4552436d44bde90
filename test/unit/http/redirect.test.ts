import * as assert from 'node:assert/strict';
import { hostAllowed, nextHop } from '../../../src/http/redirect';
import { sendRequest } from '../../../src/http/send';
import type { SendOutcome } from '../../../src/http/types';
import { startServer, type TestServer } from './servers';

function status(o: SendOutcome): number | string {
  return o.ok ? o.response.status : o.failure.kind;
}

describe('http redirects', () => {
  let a: TestServer;
  let b: TestServer;
  before(async () => {
    b = await startServer((req, res) => res.end(`b saw ${req.headers.authorization ?? 'no authorization'}`));
    a = await startServer((req, res) => {
      const url = req.url ?? '/';
      const go = (status: number, location: string) => {
        res.writeHead(status, { location });
        res.end('moved');
      };
      if (url === '/same') return go(302, '/end');
      if (url === '/other') return go(302, `${b.url}/landing`);
      if (url === '/loop-a') return go(302, '/loop-b');
      if (url === '/loop-b') return go(301, '/loop-a');
      const chain = /^\/chain\/(\d+)$/.exec(url);
      if (chain) return go(302, `/chain/${Number(chain[1]) + 1}`);
      if (url === '/see-other') return go(303, '/end');
      if (url === '/no-location') {
        res.writeHead(302);
        return res.end();
      }
      res.end(`a saw ${req.method} ${req.headers.authorization ?? 'no authorization'} ${req.headers['content-length'] ?? '-'}`);
    });
  });
  after(async () => {
    await a.close();
    await b.close();
  });

  it('keeps the key on a redirect to the same host', async () => {
    const o = await sendRequest({ method: 'GET', url: `${a.url}/same`, key: { value: 'sk_same_1', hosts: [`127.0.0.1:${a.port}`] } });
    assert.equal(o.ok && Buffer.from(o.response.body).toString(), 'a saw GET Bearer sk_same_1 -');
    assert.equal(o.ok && o.response.redirects.length, 1);
    assert.equal(o.ok && o.response.redirects[0].credentialsDropped, false);
    assert.equal(o.ok && o.response.url, `${a.url}/end`);
  });

  it('drops the key on a redirect to another host, as the other server sees it', async () => {
    const before = b.seen.length;
    const o = await sendRequest({ method: 'GET', url: `${a.url}/other`, key: { value: 'sk_other_2', hosts: [`127.0.0.1:${a.port}`] } });
    assert.equal(status(o), 200);
    assert.equal(b.seen.length, before + 1);
    assert.equal(b.seen[before].headers.authorization, undefined);
    assert.equal(o.ok && o.response.redirects[0].credentialsDropped, true);
  });

  it('drops a typed-in Authorization header when the redirect leaves the origin', async () => {
    const before = b.seen.length;
    const o = await sendRequest({ method: 'GET', url: `${a.url}/other`, headers: { Authorization: 'Bearer sk_typed_3', 'X-Trace': 'kept' } });
    assert.equal(status(o), 200);
    assert.equal(b.seen[before].headers.authorization, undefined);
    assert.equal(b.seen[before].headers['x-trace'], 'kept');
    const same = await sendRequest({ method: 'GET', url: `${a.url}/same`, headers: { Authorization: 'Bearer sk_typed_3' } });
    assert.equal(same.ok && Buffer.from(same.response.body).toString(), 'a saw GET Bearer sk_typed_3 -');
  });

  it('stops a redirect loop', async () => {
    const o = await sendRequest({ method: 'GET', url: `${a.url}/loop-a` });
    assert.equal(status(o), 'redirect-loop');
    assert.equal(!o.ok && o.failure.redirects.length, 2);
  });

  it('stops after maxRedirects', async () => {
    const o = await sendRequest({ method: 'GET', url: `${a.url}/chain/1`, maxRedirects: 3 });
    assert.equal(status(o), 'redirect-loop');
    assert.match(!o.ok ? o.failure.message : '', /more than 3 times/);
  });

  it('turns a POST into a GET without body on 303', async () => {
    const o = await sendRequest({ method: 'POST', url: `${a.url}/see-other`, body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    assert.equal(o.ok && Buffer.from(o.response.body).toString(), 'a saw GET no authorization -');
  });

  it('returns the 3xx itself when told not to follow, or when there is no Location', async () => {
    assert.equal(status(await sendRequest({ method: 'GET', url: `${a.url}/same`, followRedirects: false })), 302);
    const o = await sendRequest({ method: 'GET', url: `${a.url}/no-location` });
    assert.equal(status(o), 302);
    assert.match(o.ok ? o.response.warnings[0] : '', /without a Location/);
  });

  it('matches key hosts by name, by name and port, and by subdomain pattern', () => {
    const u = new URL('https://api.example.com:8443/x');
    assert.equal(hostAllowed(u, ['api.example.com']), true);
    assert.equal(hostAllowed(u, ['api.example.com:8443']), true);
    assert.equal(hostAllowed(u, ['api.example.com:443']), false);
    assert.equal(hostAllowed(u, ['*.example.com']), true);
    assert.equal(hostAllowed(new URL('https://example.com/'), ['*.example.com']), false);
    assert.equal(hostAllowed(new URL('https://evil-example.com/'), ['*.example.com']), false);
    assert.equal(hostAllowed(u, []), false);
  });

  it('picks the method for the next hop', () => {
    const here = new URL('https://h.example/a');
    assert.deepEqual(nextHop('POST', 307, '/b', here), { url: new URL('https://h.example/b'), method: 'POST', dropBody: false });
    assert.deepEqual(nextHop('POST', 302, '/b', here), { url: new URL('https://h.example/b'), method: 'GET', dropBody: true });
    assert.deepEqual(nextHop('HEAD', 303, '/b', here), { url: new URL('https://h.example/b'), method: 'HEAD', dropBody: false });
    assert.match(nextHop('GET', 302, 'file:///etc/passwd', here) as string, /only http and https/);
  });
});
