import * as assert from 'node:assert/strict';
import { parse } from '../../../src/core/parser';
import { collectFacts } from '../../../src/core/javascript/facts';
import type { AbstractString, RequestSite } from '../../../src/core/model';

/** An abstract string as text: literal pieces as they are, holes as <kind:name> (! when secret). */
function show(s: AbstractString | undefined): string {
  return s ? s.parts.map((p) => (p.kind === 'literal' ? p.value : `<${p.origin.kind}:${p.origin.name}${p.secret ? '!' : ''}>`)).join('') : '-';
}

function describeSite(s: RequestSite): string {
  const headers = s.headers.map((h) => `${h.name}=${show(h.value)}`).join(' ');
  const query = s.query.map((q) => `${q.name}=${show(q.value)}`).join(' ');
  return [s.client, s.method ?? '?', show(s.url), headers && `headers: ${headers}`, query && `query: ${query}`].filter(Boolean).join(' | ');
}

async function sites(code: string, grammar: 'javascript' | 'typescript' | 'tsx' = 'typescript'): Promise<string[]> {
  const tree = await parse(grammar, code);
  try {
    return collectFacts(tree).sites.map(describeSite);
  } finally {
    tree.delete();
  }
}

describe('request sites (JavaScript/TypeScript front end)', () => {
  it('fetch with method, headers and a URL built from constants and env vars', async () => {
    const code = [
      "const BASE = 'https://waves-api.smallest.ai/api/v1';",
      'const key = process.env.WAVES_API_KEY;',
      "const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };",
      "fetch(BASE + '/lightning-v3.1/get_speech', { method: 'post', headers, body: '{}' });",
    ].join('\n');
    assert.deepEqual(await sites(code), [
      'fetch | POST | https://waves-api.smallest.ai/api/v1/lightning-v3.1/get_speech | headers: Authorization=Bearer <env:WAVES_API_KEY!> Content-Type=application/json',
    ]);
  });

  it('parameters, calls and reassigned variables are holes that remember where they come from', async () => {
    const code = [
      'let host = "a.example"; host = "b.example";',
      'function load(id: string, token: string) {',
      '  return fetch(`https://${host}/items/${id}?token=${token}&t=${Date.now()}&k=${getApiKey()}`);',
      '}',
    ].join('\n');
    assert.deepEqual(await sites(code), [
      'fetch | ? | https://<variable:host>/items/<parameter:id>?token=<parameter:token!>&t=<call:now>&k=<call:getApiKey!>',
    ]);
  });

  it('new URL with a base, searchParams and URLSearchParams', async () => {
    const code = [
      "const u = new URL('/v1/search', 'https://api.example.com');",
      "u.searchParams.set('q', query);",
      "u.searchParams.append('api_key', process.env.SEARCH_KEY);",
      'fetch(u);',
      "const p = new URLSearchParams({ page: '1' });",
      "p.set('token', t);",
      'fetch(`https://api.example.com/list?${p}`);',
    ].join('\n');
    assert.deepEqual(await sites(code), [
      'fetch | ? | https://api.example.com/v1/search | query: q=<variable:query> api_key=<env:SEARCH_KEY!>',
      'fetch | ? | https://api.example.com/list?<variable:p> | query: page=1 token=<variable:t>',
    ]);
  });

  it('axios config objects, instances and spreads', async () => {
    const code = [
      "import axios from 'axios';",
      "const common = { 'X-Client': 'web' };",
      "const api = axios.create({ baseURL: 'https://api.example.com', headers: { ...common, Authorization: auth } });",
      "api.post('/jobs', { a: 1 }, { params: { dry: true }, headers: { ...common } });",
      "axios({ method: 'delete', url: `/jobs/${id}` });",
    ].join('\n');
    assert.deepEqual(await sites(code), [
      'axios | ? | - | headers: X-Client=web Authorization=<variable:auth>',
      'axios | POST | /jobs | headers: X-Client=web | query: dry=<other:true>',
      'axios | DELETE | /jobs/<variable:id>',
    ]);
  });

  it('got, ky, superagent chains, undici and node https', async () => {
    const code = [
      "const got = require('got'); const ky = require('ky'); const sa = require('superagent');",
      "const { request, Client } = require('undici'); const https = require('node:https');",
      "got.post('https://a.example/x', { searchParams: { key: k }, json: {} });",
      "ky('https://b.example/y', { headers: { accept: 'text/plain' } });",
      "sa.put('https://c.example/z').set('Authorization', tok).query({ v: 2 });",
      "request('https://d.example/w', { method: 'PATCH' });",
      "const client = new Client('https://e.example');",
      "client.request({ path: '/v?x=1', method: 'GET' });",
      "https.request({ hostname: 'f.example', path: '/p?q=1', method: 'POST', headers: { 'x-api-key': k } });",
    ].join('\n');
    assert.deepEqual(await sites(code, 'javascript'), [
      'got | POST | https://a.example/x | query: key=<variable:k>',
      'ky | ? | https://b.example/y | headers: accept=text/plain',
      'superagent | PUT | https://c.example/z | headers: Authorization=<variable:tok> | query: v=2',
      'undici | PATCH | https://d.example/w',
      'undici | GET | https://e.example/v?x=1',
      'node-http | POST | /p?q=1 | headers: x-api-key=<variable:k>',
    ]);
  });

  it('XMLHttpRequest and WebSockets in the browser and in Node', async () => {
    const code = [
      "import WS from 'ws';",
      'const x = new XMLHttpRequest();',
      "x.open('post', '/api/upload');",
      "new WebSocket('wss://a.example/s');",
      "new WS('wss://b.example/s', { headers: { Authorization: h } });",
    ].join('\n');
    assert.deepEqual(await sites(code), [
      'xhr | POST | /api/upload',
      'websocket-browser | GET | wss://a.example/s',
      'websocket-node | GET | wss://b.example/s | headers: Authorization=<variable:h>',
    ]);
  });

  it('a parameter shadows a constant of the same name; a block constant does not leak', async () => {
    const code = [
      "const url = 'https://const.example';",
      'function a(url: string) { return fetch(url); }',
      "function b() { { const url = 'https://inner.example'; } return fetch(url); }",
    ].join('\n');
    assert.deepEqual(await sites(code), ['fetch | ? | <parameter:url>', 'fetch | ? | https://const.example']);
  });
});
