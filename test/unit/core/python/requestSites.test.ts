/** Which Python calls are request sites, with their method, URL text, query and headers. */
import * as assert from 'node:assert/strict';
import { parse } from '../../../../src/core/parser';
import { collectFacts } from '../../../../src/core/python/facts';

interface Seen {
  client: string;
  method?: string;
  url?: string;
  query: string[];
  headers: string[];
}

async function sites(text: string): Promise<Seen[]> {
  const tree = await parse('python', text);
  try {
    return collectFacts(tree, text).pySites.map((s) => ({
      client: s.shape.client,
      method: s.site.method,
      url: s.site.url?.parts.map((p) => (p.kind === 'literal' ? p.value : `<${p.origin.kind}:${p.origin.name}${p.secret ? '!' : ''}>`)).join(''),
      query: s.site.query.map((q) => q.name),
      headers: s.site.headers.map((h) => h.name),
    }));
  } finally {
    tree.delete();
  }
}

describe('python: request sites', () => {
  it('requests functions, aliases and from-imports', async () => {
    const text = 'import requests as rq\nfrom requests import post\nrq.get("https://a.example/x", params={"q": 1})\npost(url="https://a.example/y", headers={"Accept": "x"})\nrq.request("PATCH", "https://a.example/z")\n';
    assert.deepEqual(await sites(text), [
      { client: 'requests', method: 'GET', url: 'https://a.example/x', query: ['q'], headers: [] },
      { client: 'requests', method: 'POST', url: 'https://a.example/y', query: [], headers: ['Accept'] },
      { client: 'requests', method: 'PATCH', url: 'https://a.example/z', query: [], headers: [] },
    ]);
  });

  it('client instances: Session, httpx clients in with, aiohttp sessions, PoolManager, self attributes', async () => {
    const text = [
      'import aiohttp, httpx, requests, urllib3',
      'class Api:',
      '    def __init__(self):',
      '        self.http = requests.Session()',
      '    def me(self):',
      '        return self.http.get("https://a.example/me")',
      'async def main():',
      '    async with httpx.AsyncClient() as c, aiohttp.ClientSession() as s:',
      '        await c.post("https://a.example/c")',
      '        async with s.delete("https://a.example/s") as r: pass',
      'pm = urllib3.PoolManager()',
      'pm.request("HEAD", "https://a.example/pm")',
      '',
    ].join('\n');
    assert.deepEqual((await sites(text)).map((s) => `${s.client} ${s.method} ${s.url}`), [
      'requests GET https://a.example/me',
      'httpx POST https://a.example/c',
      'aiohttp DELETE https://a.example/s',
      'urllib3 HEAD https://a.example/pm',
    ]);
  });

  it('urllib, websockets and websocket-client', async () => {
    const text = [
      'import urllib.request, websocket, websockets',
      'urllib.request.urlopen("https://a.example/u")',
      'websockets.connect("wss://a.example/w", extra_headers={"Authorization": "Bearer x"})',
      'websocket.create_connection("wss://a.example/c", header=["Authorization: Bearer x"])',
      '',
    ].join('\n');
    assert.deepEqual(await sites(text), [
      { client: 'urllib', method: undefined, url: 'https://a.example/u', query: [], headers: [] },
      { client: 'websockets', method: 'GET', url: 'wss://a.example/w', query: [], headers: ['Authorization'] },
      { client: 'websocket-client', method: 'GET', url: 'wss://a.example/c', query: [], headers: ['Authorization'] },
    ]);
  });

  it('resolves URLs through constants, % and .format, and marks secret holes', async () => {
    const text = [
      'import os, requests',
      'BASE = "https://a.example"',
      'KEY = os.environ["WAVES_API_KEY"]',
      'def f(user_id, token):',
      '    requests.get("%s/users/%s?k=%s" % (BASE, user_id, KEY))',
      '    requests.get("{base}/t?v={}".format(token, base=BASE))',
      '',
    ].join('\n');
    assert.deepEqual((await sites(text)).map((s) => s.url), [
      'https://a.example/users/<parameter:user_id>?k=<env:WAVES_API_KEY!>',
      'https://a.example/t?v=<parameter:token!>',
    ]);
  });

  it('is not fooled by server code, dicts and caches with client-like names', async () => {
    const text = [
      'import requests',
      'from flask import request, session',
      'def view():',
      '    user = session.get("user_id")',
      '    nxt = request.session.get("next")',
      '    token = request.args.get("token")',
      '    client = {}',
      '    return client.get("token"), user, nxt, token',
      '',
    ].join('\n');
    assert.deepEqual(await sites(text), []);
  });
});
