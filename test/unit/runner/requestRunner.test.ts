import * as assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadBuiltinCatalogs } from '../../../src/catalog/load';
import { analyze } from '../../../src/core/analyze';
import type { HostMessage } from '../../../src/protocol/messages';
import { AUTO_KEY, NO_KEY, emptyDraft, type RequestDraft } from '../../../src/protocol/request';
import type { FailureView, HistoryItem, ResponseView } from '../../../src/protocol/views';
import { RequestRunner } from '../../../src/vscode/runner/requestRunner';
import { normaliseRunnerSettings } from '../../../src/vscode/runner/runnerSettings';

const { catalogs } = loadBuiltinCatalogs(join(__dirname, '..', '..', '..', '..', 'catalogs'));
const KEY = 'sk_test_Zx9qLm2Vb7Tr4Pw8';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** A real server on 127.0.0.1; `reply` decides each answer from the request and how many came before. */
async function startServer(reply: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<{ server: Server; base: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body: Buffer.concat(chunks).toString('utf8') });
      reply(req, res, seen.length);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function makeRunner(keys: Record<string, string>, history: HistoryItem[] = []) {
  const logs: string[] = [];
  const runner = new RequestRunner({
    catalogs: () => catalogs,
    analyze,
    keyIds: () => Object.keys(keys),
    keyValue: async (id) => keys[id],
    settings: () => ({ ...normaliseRunnerSettings({ maxRetries: 2 }), secretParamNames: [] }),
    filePath: () => undefined,
    loadHistory: () => history,
    saveHistory: async (items) => {
      history.splice(0, history.length, ...items);
    },
    log: (line) => logs.push(line),
  }, () => new Date('2026-11-25T12:00:00Z'));
  return { runner, logs, history };
}

describe('request runner (real HTTP on 127.0.0.1)', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('injects a host key as Bearer, replacing a typed Authorization header, and keeps history redacted', async () => {
    const s = await startServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ echoed: `your key ${KEY}` }));
    });
    server = s.server;
    const host = s.base.replace('http://', '');
    const { runner, logs, history } = makeRunner({ [`host:${host}`]: KEY });
    const posted: HostMessage[] = [];
    const draft: RequestDraft = { ...emptyDraft(), method: 'POST', url: `${s.base}/v1/items`, headers: [{ name: 'Authorization', value: 'Bearer old', enabled: true }], body: { kind: 'json', text: '{"a":1}' }, key: AUTO_KEY };
    const view = (await runner.run('send-1', draft, false, (m) => posted.push(m))) as ResponseView;
    assert.equal(s.seen[0].authorization, `Bearer ${KEY}`);
    assert.equal(s.seen[0].body, '{"a":1}');
    assert.equal(view.status, 200);
    assert.deepEqual(posted.map((m) => m.type), ['progress', 'response']);
    // The server echoed the key: the panel sees it masked.
    assert.deepEqual(view.body, { kind: 'json', text: '{"echoed":"your key sk_test_***4Pw8"}' });
    const everything = JSON.stringify({ posted, history, logs });
    assert.ok(!everything.includes(KEY), 'the key leaked into messages, history or logs');
    assert.equal(history.length, 1);
    assert.deepEqual(history[0].request.headers, [{ name: 'Authorization', value: 'Bearer ***', enabled: false }]);
  });

  it('never sends a provider key to a host it is not bound to', async () => {
    const s = await startServer((_req, res) => res.end('ok'));
    server = s.server;
    const { runner } = makeRunner({ 'provider:waves': KEY });
    const view = (await runner.run('send-2', { ...emptyDraft(), url: `${s.base}/x`, key: 'provider:waves' }, false, () => {})) as FailureView;
    assert.equal(view.kind, 'invalid-request');
    assert.match(view.message, /bound to waves-api\.smallest\.ai/);
    assert.equal(s.seen.length, 0);
  });

  it('decodes a 429, then retries with backoff honouring Retry-After until it succeeds', async () => {
    const s = await startServer((_req, res, n) => {
      if (n === 1) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0', 'x-request-id': 'req-42' });
        res.end('{"detail":"Too many requests"}');
      } else res.end('done');
    });
    server = s.server;
    const { runner } = makeRunner({});
    const first = (await runner.run('send-3', { ...emptyDraft(), url: `${s.base}/v1/items`, key: NO_KEY }, false, () => {})) as ResponseView;
    assert.equal(first.status, 429);
    assert.equal(first.diagnosis?.retryable, true);
    assert.equal(first.diagnosis?.requestId, 'req-42');
    assert.ok(runner.response(first.responseId)?.ticket.includes('req-42'));

    const posted: HostMessage[] = [];
    const s2 = await startServer((_req, res, n) => {
      if (n === 1) {
        res.writeHead(429, { 'retry-after': '0' });
        res.end('slow down');
      } else res.end('done');
    });
    try {
      const second = (await runner.run('retry-1', { ...emptyDraft(), url: `${s2.base}/v1/items`, key: NO_KEY }, true, (m) => posted.push(m))) as ResponseView;
      assert.equal(second.status, 200);
      assert.equal(second.attempts, 2);
      assert.deepEqual(posted.filter((m) => m.type === 'progress').map((m) => m.type === 'progress' && [m.phase, m.attempt, m.maxAttempts, m.waitMs]), [['sending', 1, 3, 0], ['waiting', 2, 3, 0]]);
    } finally {
      s2.server.close();
    }
  });

  it('cancels a request that is waiting for an answer', async () => {
    let arrived: () => void = () => {};
    const waiting = new Promise<void>((r) => (arrived = r));
    const held: ServerResponse[] = [];
    const s = await startServer((_req, res) => {
      held.push(res);
      arrived();
    });
    server = s.server;
    const { runner } = makeRunner({});
    const result = runner.run('send-4', { ...emptyDraft(), url: `${s.base}/slow`, key: NO_KEY }, false, () => {});
    await waiting;
    assert.equal(runner.cancel('send-4'), true);
    const view = (await result) as FailureView;
    assert.equal(view.kind, 'aborted');
    for (const r of held) r.destroy();
    server.closeAllConnections();
  });

  it('explains a refused connection', async () => {
    const s = await startServer(() => {});
    const base = s.base;
    await new Promise<void>((r) => s.server.close(() => r()));
    const { runner } = makeRunner({});
    const view = (await runner.run('send-5', { ...emptyDraft(), url: `${base}/x`, key: NO_KEY }, false, () => {})) as FailureView;
    assert.equal(view.kind, 'refused');
    assert.equal(view.title, 'The connection was refused');
    assert.ok(runner.response(view.responseId)?.ticket.startsWith('## The connection was refused'));
  });

  it('writes code with the key as an environment variable', () => {
    const { runner } = makeRunner({ 'provider:waves': KEY });
    const curl = runner.code({ ...emptyDraft(), method: 'GET', url: 'https://waves-api.smallest.ai/api/v1/lightning-v3.1/get_voices', key: AUTO_KEY }, 'curl');
    assert.ok(!curl.includes(KEY));
    assert.match(curl, /Authorization: Bearer \$\{?WAVES_API_KEY/);
  });
});

describe('request runner: file bodies and the rate guard', () => {
  let server: Server | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    server?.close();
    if (dir) (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('sends a picked file as bytes with its content type', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    dir = mkdtempSync(join(tmpdir(), 'api-doctor-runner-'));
    const wav = Buffer.from([0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x41, 0x56, 0x45, 0, 0xff]);
    writeFileSync(join(dir, 'clip.wav'), wav);
    let received = Buffer.alloc(0);
    let type = '';
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      type = req.headers['content-type'] ?? '';
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received = Buffer.concat(chunks);
        res.end('{"text":"ok"}');
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pulse/get_text`;
    const runner = new RequestRunner({
      catalogs: () => catalogs, analyze, keyIds: () => [], keyValue: async () => undefined,
      settings: () => ({ ...normaliseRunnerSettings({}), secretParamNames: [] }),
      filePath: (id) => (id === 'file-abc' ? join(dir!, 'clip.wav') : undefined),
      loadHistory: () => [], saveHistory: async () => {}, log: () => {},
    });
    const body = { kind: 'file' as const, file: { fileId: 'file-abc', name: 'clip.wav', size: wav.length, contentType: 'audio/wav' } };
    const view = (await runner.run('f-1', { ...emptyDraft(), method: 'POST', url, body, key: NO_KEY }, false, () => {})) as ResponseView;
    assert.equal(view.status, 200);
    assert.deepEqual([...received], [...wav]);
    assert.equal(type, 'audio/wav');
    const gone = (await runner.run('f-2', { ...emptyDraft(), method: 'POST', url, body: { ...body, file: { ...body.file, fileId: 'file-old' } }, key: NO_KEY }, false, () => {})) as FailureView;
    assert.equal(gone.message, 'The file "clip.wav" was picked in an earlier session; choose it again.');
  });

  it("warns before the runner itself would go over the provider's rate limit", async () => {
    server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/items`;
    // A catalog for a local API with a limit of 3 requests a minute.
    const local = {
      id: 'local', name: 'Local API', match: { hosts: ['127.0.0.1'] }, statuses: {},
      rateLimits: [{ surface: 'data', label: 'data endpoints', requests: 3, perSeconds: 60, paths: ['/v1/**'] }],
    };
    const runner = new RequestRunner({
      catalogs: () => [...catalogs, local], analyze, keyIds: () => ['provider:local'], keyValue: async () => KEY,
      settings: () => ({ ...normaliseRunnerSettings({}), secretParamNames: [] }),
      filePath: () => undefined, loadHistory: () => [], saveHistory: async () => {}, log: () => {},
    });
    const draft: RequestDraft = { ...emptyDraft(), url, key: AUTO_KEY };
    const guard = () => runner.check(draft).warnings.filter((w) => w.rule === 'rate-guard').map((w) => w.message);
    assert.deepEqual(guard(), []);
    await runner.run('g-1', draft, false, () => {});
    await runner.run('g-2', draft, false, () => {});
    // The words are the rate guard's (src/http); what matters here is that the panel gets them in time.
    const near = guard();
    assert.equal(near.length, 1);
    assert.match(near[0], /3 .*a minute.*data endpoints.*429/);
    await runner.run('g-3', draft, false, () => {});
    const over = guard();
    assert.equal(over.length, 1);
    assert.notEqual(over[0], near[0]);
    assert.match(over[0], /expect 429/);
  });
});
