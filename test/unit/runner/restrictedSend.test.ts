import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadBuiltinCatalogs } from '../../../src/catalog/load';
import { analyze } from '../../../src/core/analyze';
import type { HostMessage } from '../../../src/protocol/messages';
import { emptyDraft } from '../../../src/protocol/request';
import type { FailureView, HistoryItem } from '../../../src/protocol/views';
import { RequestRunner } from '../../../src/vscode/runner/requestRunner';
import { notSentMessage, restrictedSendQuestion } from '../../../src/vscode/runner/restrictedSend';
import { normaliseRunnerSettings } from '../../../src/vscode/runner/runnerSettings';

const { catalogs } = loadBuiltinCatalogs(join(__dirname, '..', '..', '..', '..', 'catalogs'));
const KEY = 'sk_test_Rq7Wn3Xc5Vb8Lm2P';
const NONE = new Set<string>();

describe('restricted workspace: the question before sending', () => {
  it('asks nothing in a trusted workspace', () => {
    assert.equal(restrictedSendQuestion('https://api.example.com/v1/items', true, NONE), undefined);
  });

  it('names the host (with its port), never the path or the query', () => {
    const q = restrictedSendQuestion(`https://API.example.com:8443/v1/items?api_key=${KEY}`, false, NONE);
    assert.deepEqual(q, {
      host: 'api.example.com:8443',
      message: 'Send a request to api.example.com:8443?',
      detail:
        'This workspace is in Restricted Mode, so API Doctor asks before it contacts a server. ' +
        'Send only if you expect this request to go to api.example.com:8443. ' +
        'Redirects are followed; a stored key only ever goes to the hosts it is for.',
      send: 'Send',
      sendForSession: "Send, and don't ask again for api.example.com:8443",
    });
    assert.doesNotMatch(JSON.stringify(q), /sk_test|items/);
  });

  it('says when the request would travel over plain http', () => {
    assert.match(restrictedSendQuestion('http://127.0.0.1:3000/x', false, NONE)!.detail, /127\.0\.0\.1:3000 \(plain http, not encrypted\)\./);
  });

  it('does not ask again for a host allowed this session, and does ask for another', () => {
    const allowed = new Set(['api.example.com']);
    assert.equal(restrictedSendQuestion('https://api.example.com/a', false, allowed), undefined);
    assert.equal(restrictedSendQuestion('https://other.example.com/a', false, allowed)?.host, 'other.example.com');
    // The port is part of the host: another port is another server.
    assert.equal(restrictedSendQuestion('https://api.example.com:444/a', false, allowed)?.host, 'api.example.com:444');
  });

  it('asks nothing for a URL that cannot be sent (the runner reports it without contacting anything)', () => {
    assert.equal(restrictedSendQuestion('not a url', false, NONE), undefined);
    assert.equal(restrictedSendQuestion('ftp://files.example.com/x', false, NONE), undefined);
    assert.equal(restrictedSendQuestion('file:///etc/passwd', false, NONE), undefined);
  });

  it('says what happened when the user did not confirm', () => {
    assert.equal(notSentMessage(`https://api.example.com/x?key=${KEY}`), 'Not sent: this workspace is in Restricted Mode and sending to api.example.com was not confirmed.');
    assert.equal(notSentMessage('::'), 'Not sent: this workspace is in Restricted Mode and sending to that host was not confirmed.');
  });
});

describe('request runner: the restricted-workspace gate (real HTTP on 127.0.0.1)', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  async function setUp(answer: boolean) {
    const arrived: string[] = [];
    server = createServer((req, res) => {
      arrived.push(req.url ?? '');
      res.end('{}');
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const history: HistoryItem[] = [];
    const logs: string[] = [];
    const asked: string[] = [];
    const keyReads: string[] = [];
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const runner = new RequestRunner({
      catalogs: () => catalogs,
      analyze,
      keyIds: () => [`host:${host}`],
      keyValue: async (id) => {
        keyReads.push(id);
        return KEY;
      },
      settings: () => ({ ...normaliseRunnerSettings({}), secretParamNames: [] }),
      filePath: () => undefined,
      loadHistory: () => history,
      saveHistory: async (items) => {
        history.splice(0, history.length, ...items);
      },
      log: (line) => logs.push(line),
      mayContact: async (url) => {
        asked.push(url);
        return answer;
      },
    });
    return { runner, base, arrived, history, logs, asked, keyReads };
  }

  it('sends nothing, reads no key and keeps no history when the user does not confirm', async () => {
    const t = await setUp(false);
    const reports: HostMessage[] = [];
    const draft = { ...emptyDraft(), url: `${t.base}/v1/items`, query: [{ name: 'token', value: KEY, enabled: true }] };
    const view = (await t.runner.run('send-1', draft, false, (m) => reports.push(m))) as FailureView;
    assert.deepEqual(t.asked, [`${t.base}/v1/items?token=${KEY}`]);
    assert.deepEqual(t.arrived, []);
    assert.deepEqual(t.keyReads, []);
    assert.deepEqual(t.history, []);
    const message = `Not sent: this workspace is in Restricted Mode and sending to ${new URL(t.base).host} was not confirmed.`;
    assert.equal(view.kind, 'aborted');
    assert.equal(view.message, message);
    assert.deepEqual(reports.map((r) => r.type), ['failure', 'done']);
    assert.deepEqual(reports[1], { type: 'done', replyTo: 'send-1', ok: false, message });
    assert.equal(t.runner.lastRequest, draft);
    assert.doesNotMatch(t.logs.join('\n'), new RegExp(KEY));
  });

  it('sends once the user confirms', async () => {
    const t = await setUp(true);
    const reports: HostMessage[] = [];
    await t.runner.run('send-2', { ...emptyDraft(), url: `${t.base}/v1/items` }, false, (m) => reports.push(m));
    assert.deepEqual(t.arrived, ['/v1/items']);
    assert.equal(t.asked.length, 1);
    assert.deepEqual(reports.map((r) => r.type), ['progress', 'response']);
    assert.equal(t.history.length, 1);
  });
});
