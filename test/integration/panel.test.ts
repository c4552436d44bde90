import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { HostMessage } from '../../src/protocol/messages';
import { AUTO_KEY, emptyDraft, type RequestDraft } from '../../src/protocol/request';
import type { ResponseView } from '../../src/protocol/views';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import type { RequestRunnerParts } from '../../src/vscode/runner/registerRunner';

/** Waits until `read` returns a value that `done` accepts, or fails with the last value seen. */
async function waitFor<T>(read: () => T, done: (v: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  let value = read();
  while (!done(value)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
    value = read();
  }
  return value;
}

async function runnerParts(): Promise<RequestRunnerParts> {
  const ext = vscode.extensions.getExtension<{ runner?: RequestRunnerParts }>('api-doctor.api-doctor');
  if (!ext) throw new Error('the API Doctor extension is not loaded');
  const parts = (await ext.activate()).runner;
  if (!parts) throw new Error('the runner is exported only in an extension host running tests');
  return parts;
}

/** Collects what the host posts to the panel while a test runs. */
function record(parts: RequestRunnerParts): { messages: HostMessage[]; replies: (id: string) => HostMessage[]; dispose(): void } {
  const messages: HostMessage[] = [];
  const sub = parts.panel.onDidPost((m) => messages.push(m));
  return {
    messages,
    replies: (id) => messages.filter((m) => 'replyTo' in m && m.replyTo === id),
    dispose: () => sub.dispose(),
  };
}

const KEY = 'sk_integration_Q7w2Xe9Rt4Yu1Io6';

describe('Request Runner panel', function () {
  this.timeout(60_000);
  let parts: RequestRunnerParts;
  let sandbox: Sandbox;
  let host: string;

  before(async () => {
    parts = await runnerParts();
    sandbox = await startSandbox({ port: 0, ratePerMinute: 2 });
    host = `127.0.0.1:${sandbox.port}`;
  });
  after(async () => {
    await vscode.commands.executeCommand('apiDoctor.manageApiKeys', { remove: `host:${host}` });
    await sandbox.close();
  });

  it('stores a key in secret storage through the command, and lists it only masked', async () => {
    const id = await vscode.commands.executeCommand<string>('apiDoctor.setApiKey', { host, key: KEY });
    assert.equal(id, `host:${host}`);
    assert.equal(await parts.keys.get(id), KEY);
    const listed = parts.keys.list().find((k) => k.id === id);
    assert.deepEqual(listed, { id, label: host, masked: 'sk_***1Io6', hosts: [host] });
    assert.ok(!JSON.stringify(parts.keys.list()).includes(KEY));
  });

  it('sends from the panel to the sandbox, decodes the 429 and copies a ticket without the key', async () => {
    const rec = record(parts);
    try {
      const draft: RequestDraft = { ...emptyDraft(), url: `${sandbox.url}/waves/api/v1/lightning-v3.1/get_voices`, key: AUTO_KEY };
      // Two requests fit in the sandbox's minute for this key; the third gets 429.
      for (const id of ['it-send-1', 'it-send-2', 'it-send-3']) await parts.panel.receive({ type: 'send', id, request: draft });
      const statuses = ['it-send-1', 'it-send-2', 'it-send-3'].map((id) => {
        const r = rec.replies(id).find((m) => m.type === 'response');
        return r?.type === 'response' ? r.response.status : null;
      });
      assert.deepEqual(statuses, [200, 200, 429]);
      const third = rec.replies('it-send-3').find((m) => m.type === 'response');
      assert.ok(third?.type === 'response');
      const d = third.response.diagnosis;
      assert.ok(d, 'the 429 has a diagnosis');
      assert.equal(d.retryable, true);
      assert.equal(d.retryBasis, 'retry-after');
      assert.ok(d.retryAfterMs !== null && d.retryAfterMs >= 1000);
      assert.match(d.requestId ?? '', /\S/);

      await vscode.env.clipboard.writeText('');
      await parts.panel.receive({ type: 'bodyAction', id: 'it-ticket', responseId: third.response.responseId, action: 'copyTicket' });
      const ticket = await vscode.env.clipboard.readText();
      assert.ok(ticket.includes(d.requestId!), 'the ticket names the request id');
      assert.ok(ticket.includes('429'));
      assert.ok(!ticket.includes(KEY), 'the ticket holds no key');
      assert.deepEqual(rec.replies('it-ticket').map((m) => m.type === 'done' && m.ok), [true]);

      assert.ok(!JSON.stringify(rec.messages).includes(KEY), 'no message to the panel holds the key');
      assert.ok(!JSON.stringify(parts.runner.history()).includes(KEY), 'history holds no key');
    } finally {
      rec.dispose();
    }
  });

  it('retries with backoff, waits as Retry-After says, and succeeds', async () => {
    let n = 0;
    const server: Server = createServer((_req, res) => {
      n += 1;
      if (n === 1) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        res.end('{"detail":"Too many requests"}');
      } else res.end('{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const rec = record(parts);
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/items`;
      await parts.panel.receive({ type: 'retry', id: 'it-retry', request: { ...emptyDraft(), url, key: '' } });
      const replies = rec.replies('it-retry');
      assert.deepEqual(replies.filter((m) => m.type === 'progress').map((m) => m.type === 'progress' && [m.phase, m.attempt, m.waitMs]), [['sending', 1, 0], ['waiting', 2, 1000]]);
      const last = replies[replies.length - 1];
      assert.ok(last.type === 'response');
      assert.equal((last.response as ResponseView).status, 200);
      assert.equal(last.response.attempts, 2);
    } finally {
      rec.dispose();
      server.close();
    }
  });

  it('re-sends the last request from the palette command, showing it in the panel', async () => {
    const rec = record(parts);
    try {
      await vscode.commands.executeCommand('apiDoctor.resendLastRequest');
      const prefill = rec.messages.find((m) => m.type === 'prefill');
      assert.ok(prefill?.type === 'prefill' && prefill.sendId !== null);
      const answer = rec.replies(prefill.sendId!).find((m) => m.type === 'response' || m.type === 'failure');
      assert.ok(answer, 'the re-sent request was answered in the panel');
    } finally {
      rec.dispose();
    }
  });

  it('sends the request under the cursor (Send Request at Cursor)', async () => {
    const url = `${sandbox.url}/specala/api/v1/developer/projects`;
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: `const r = await fetch("${url}");\n` });
    const editor = await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(doc.getText().indexOf('/specala/'));
    editor.selection = new vscode.Selection(at, at);
    const rec = record(parts);
    try {
      await vscode.commands.executeCommand('apiDoctor.sendRequestAtCursor');
      const prefill = rec.messages.find((m) => m.type === 'prefill');
      assert.ok(prefill?.type === 'prefill' && prefill.sendId !== null);
      assert.equal(prefill.request.method, 'GET');
      assert.equal(prefill.request.url, url);
      const answer = rec.replies(prefill.sendId!).find((m) => m.type === 'response');
      // The stored host key goes along; Specala's stand-in wants sk_live_ keys, so it answers 401.
      assert.ok(answer?.type === 'response');
      assert.equal(answer.response.status, 401);
    } finally {
      rec.dispose();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('exports history as a .http file without the key', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the integration run opens a workspace folder');
    const target = vscode.Uri.joinPath(folder, 'panel-history.http');
    await vscode.commands.executeCommand('apiDoctor.exportHistory', target);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.ok(text.includes(`GET ${sandbox.url}/waves/api/v1/lightning-v3.1/get_voices`), text.slice(0, 400));
    assert.ok(!text.includes(KEY));
    await vscode.workspace.fs.delete(target);
  });

  it('drops a malformed message from the view without replying', async () => {
    const rec = record(parts);
    try {
      await parts.panel.receive({ type: 'send', id: 'it-bad', request: { url: 'http://127.0.0.1:1/' } });
      await parts.panel.receive({ type: 'runCommand', command: 'workbench.action.quit' });
      assert.deepEqual(rec.messages, []);
    } finally {
      rec.dispose();
    }
  });

  it('opens the panel prefilled from apiDoctor.sendRequest (the code lens command)', async () => {
    const rec = record(parts);
    try {
      await vscode.commands.executeCommand('apiDoctor.sendRequest', {
        method: 'GET',
        url: `${sandbox.url}/specala/api/v1/developer/transcriptions?limit=5`,
        headers: { Accept: 'application/json', Authorization: 'Bearer should-not-pass' },
      });
      const prefill = await waitFor(() => rec.messages.find((m) => m.type === 'prefill'), (m) => m !== undefined, 'the prefill message');
      assert.ok(prefill?.type === 'prefill');
      assert.equal(prefill.sendId, null);
      assert.deepEqual(prefill.request, {
        method: 'GET',
        url: `${sandbox.url}/specala/api/v1/developer/transcriptions`,
        query: [{ name: 'limit', value: '5', enabled: true }],
        headers: [{ name: 'Accept', value: 'application/json', enabled: true }],
        body: { kind: 'none' },
        key: AUTO_KEY,
      });
    } finally {
      rec.dispose();
    }
  });
});
