import * as assert from 'node:assert/strict';
import { isRequestCall } from '../../../src/core/javascript/clients';
import { parse, type SyntaxNode } from '../../../src/core/parser';

/** The text of every call/new expression in `code` that isRequestCall accepts. */
async function requests(code: string, grammar: 'javascript' | 'typescript' | 'tsx' = 'typescript'): Promise<string[]> {
  const tree = await parse(grammar, code);
  try {
    return tree.rootNode.descendantsOfType(['call_expression', 'new_expression'])
      .filter((n): n is SyntaxNode => !!n && isRequestCall(n))
      .map((n) => n.text.split('\n')[0]);
  } finally {
    tree.delete();
  }
}

describe('isRequestCall', () => {
  it('fetch and its global forms', async () => {
    assert.deepEqual(await requests('fetch(u); window.fetch(u); globalThis.fetch(u); foo.fetch(u);'), ['fetch(u)', 'window.fetch(u)', 'globalThis.fetch(u)']);
  });

  it('axios, its methods and instances, but not axios.create', async () => {
    const code = "import ax from 'axios';\nconst api = ax.create({ baseURL });\nax(u); ax.get(u); ax.post(u, d); ax.request({ url }); api.delete(u); api.interceptors.request.use(f); ax.isAxiosError(e);";
    assert.deepEqual(await requests(code), ['ax(u)', 'ax.get(u)', 'ax.post(u, d)', 'ax.request({ url })', 'api.delete(u)']);
  });

  it('got, ky and superagent', async () => {
    const code = "const got = require('got');\nimport ky from 'ky';\nimport request from 'superagent';\ngot(u); got.post(u); ky.get(u).json(); request.get(u).set('a', 'b'); request('GET', u);";
    assert.deepEqual(await requests(code), ['got(u)', 'got.post(u)', 'ky.get(u)', "request.get(u)", "request('GET', u)"]);
  });

  it('undici functions and Client/Pool instances', async () => {
    const code = "import { request, fetch as uf, Pool } from 'undici';\nconst pool = new Pool(origin);\nrequest(u); uf(u); pool.request({ path: '/' }); pool.close();";
    assert.deepEqual(await requests(code), ['request(u)', 'uf(u)', "pool.request({ path: '/' })"]);
  });

  it('node http/https', async () => {
    const code = "import * as https from 'node:https';\nimport { get } from 'http';\nhttps.request(o); https.get(u, cb); get(u); https.createServer(h);";
    assert.deepEqual(await requests(code), ['https.request(o)', 'https.get(u, cb)', 'get(u)']);
  });

  it('XMLHttpRequest open and WebSockets', async () => {
    const code = "const WS = require('ws');\nconst xhr = new XMLHttpRequest();\nxhr.open('GET', u); new WebSocket(u); new WS(u); new EventEmitter();";
    assert.deepEqual(await requests(code, 'javascript'), ["xhr.open('GET', u)", 'new WebSocket(u)', 'new WS(u)']);
  });

  it('a local function named like a client is not one unless imported', async () => {
    assert.deepEqual(await requests('request(u); get(u); client.get(u); http.createServer();'), []);
  });

  it('extra client functions from the configuration', async () => {
    const tree = await parse('typescript', 'myHttp.get(u); myHttp.put(u);');
    try {
      const calls = tree.rootNode.descendantsOfType('call_expression').filter((n): n is SyntaxNode => !!n);
      assert.deepEqual(calls.map((c) => isRequestCall(c, [{ function: 'myHttp.get', urlArg: 0 }])), [true, false]);
    } finally {
      tree.delete();
    }
  });
});
