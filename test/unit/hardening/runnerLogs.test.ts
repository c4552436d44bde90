/**
 * The secrets sweep, continued into the Request Runner's output-channel lines: a stored key (of no
 * well-known shape, so only the runner's own masking can hide it) and a typed `sk_live_` key go
 * into the URL path and query, a header and the body; servers echo them back, fail, loop and time
 * out. Neither key may show in a log line, the history or a kept ticket; the stored key not in a
 * panel message either.
 */
import * as assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadBuiltinCatalogs } from '../../../src/catalog/load';
import { analyze } from '../../../src/core/analyze';
import type { HostMessage } from '../../../src/protocol/messages';
import { emptyDraft, type RequestDraft } from '../../../src/protocol/request';
import type { HistoryItem } from '../../../src/protocol/views';
import { errorLine, failedLine, notSentLine, safeLogLine, sendingLine } from '../../../src/vscode/runner/logLines';
import { RequestRunner } from '../../../src/vscode/runner/requestRunner';
import { normaliseRunnerSettings } from '../../../src/vscode/runner/runnerSettings';
import { closedPort } from '../http/servers';

const { catalogs } = loadBuiltinCatalogs(join(__dirname, '..', '..', '..', '..', 'catalogs'));
/** Stored in the key store; no prefix, so the generic credential patterns do not know it. */
const STORED = 'Q7vLx2Nw9RtB4kPz8HcJ5mYdWq3F';
/** Typed by the user, never stored: only its shape gives it away. */
const TYPED = 'sk_live_LOGSWEEP0123456789abcdef';
const TYPED_TAIL = 'LOGSWEEP0123456789abcdef';

function assertHidden(text: string, where: string, typedToo = true): void {
  // A masked form may keep the last four characters; any longer piece is a leak.
  assert.ok(!text.includes(STORED.slice(0, 12)) && !text.includes(STORED.slice(-12)), `the stored key shows in ${where}:\n${text}`);
  if (typedToo) assert.ok(!text.includes(TYPED_TAIL.slice(0, 12)), `the typed key shows in ${where}:\n${text}`);
}

describe('hardening: runner log lines never hold a key', () => {
  it('masks the stored key and credential shapes in every line the runner formats', () => {
    const url = `https://api.example.com/v1/${STORED}/items?k=${STORED}&q=${TYPED}&api_key=plain-value-1`;
    const lines = [
      sendingLine('POST', url, ['k'], [STORED], null),
      sendingLine('POST', url, [], [STORED], 3),
      notSentLine('GET', url),
      failedLine('redirect-loop', `The redirects lead back to ${url}`, [STORED]),
      failedLine('invalid-url', `http://exa mple.com/?q=${TYPED}`, []),
      failedLine('other', `UND_ERR_INFO request failed: Authorization: Bearer ${STORED}`, []),
      errorLine('Panel action send failed', new Error(`could not read header X-Custom: ${STORED} (token=${TYPED})`), [STORED]),
      // Pre-flight runs before the key is read: only shapes can be masked there.
      errorLine('pre-flight lint skipped', `fetch("https://api.example.com/v1/items?q=${TYPED}", { headers: { Authorization: "Bearer ${STORED}" } })`, []),
      safeLogLine(`The key was not sent: ${TYPED} is not for this host.`, []),
    ];
    for (const line of lines) assertHidden(line, `"${line}"`);
    assert.equal(sendingLine('POST', url, ['k'], [STORED], 3), 'POST https://api.example.com/v1/***mYdWq3F/items?k=***&q=sk_live_***&api_key=*** (retry with backoff, up to 3 attempts)'.replace('mYdWq3F', STORED.slice(-4)));
    assert.equal(failedLine('invalid-url', `http://exa mple.com/?q=${TYPED}`, []), '→ failed (invalid-url): http://exa mple.com/?q=sk_live_***');
  });

  describe('through real sends (127.0.0.1)', () => {
    let server: Server | undefined;
    afterEach(() => {
      server?.closeAllConnections();
      server?.close();
      server = undefined;
    });

    async function start(reply: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<string> {
      let n = 0;
      server = createServer((req, res) => {
        req.resume();
        req.on('end', () => reply(req, res, ++n));
      });
      await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
      return `127.0.0.1:${(server.address() as AddressInfo).port}`;
    }

    function runnerFor(host: string) {
      const logs: string[] = [];
      const history: HistoryItem[] = [];
      const runner = new RequestRunner({
        catalogs: () => catalogs,
      analyze,
        keyIds: () => [`host:${host}`],
        keyValue: async () => STORED,
        settings: () => ({ ...normaliseRunnerSettings({ timeoutMs: 1000, maxRetries: 2 }), secretParamNames: [] }),
        filePath: () => undefined,
        loadHistory: () => history,
        saveHistory: async (items) => {
          history.splice(0, history.length, ...items);
        },
        log: (line) => logs.push(line),
      });
      return { runner, logs, history };
    }

    /** The key everywhere a user can type it. */
    function leakyDraft(base: string): RequestDraft {
      return {
        ...emptyDraft(),
        method: 'POST',
        url: `${base}/v1/${STORED}/items`,
        query: [{ name: 'k', value: STORED, enabled: true }, { name: 'q', value: TYPED, enabled: true }],
        headers: [{ name: 'X-Custom', value: STORED, enabled: true }, { name: 'X-Other', value: TYPED, enabled: true }],
        body: { kind: 'json', text: JSON.stringify({ key: STORED, other: TYPED }) },
      };
    }

    /** `keyRead` false: the runner never read the stored key (an unparsable URL), so only logs and tickets are checked for it. */
    async function sweep(host: string, draft: RequestDraft, retry: boolean, keyRead = true): Promise<void> {
      const { runner, logs, history } = runnerFor(host);
      const reports: HostMessage[] = [];
      const view = await runner.run('send-1', draft, retry, (m) => reports.push(m));
      assert.ok(logs.length >= 2, logs.join('\n'));
      assertHidden(logs.join('\n'), 'the log lines');
      // The panel shows the response as the server sent it and the user's own typing: only the stored key is masked there.
      if (keyRead) assertHidden(JSON.stringify(reports), 'the panel messages', false);
      if (keyRead) assertHidden(JSON.stringify(history), 'the history');
      const kept = runner.response(view.responseId);
      assertHidden(JSON.stringify({ ticket: kept?.ticket, url: kept?.url }), 'the kept ticket');
      // The kept body is the response as the server sent it (for "Open in editor"): the stored key masked.
      assertHidden(kept?.text ?? '', 'the kept response text', false);
    }

    it('a 401 that echoes the key in its body and headers', async () => {
      const host = await start((req, res) => {
        res.writeHead(401, { 'content-type': 'application/json', 'x-echo': String(req.headers['x-custom']), 'www-authenticate': `Bearer error="${req.headers.authorization}"` });
        res.end(JSON.stringify({ detail: { message: `Invalid key ${req.headers.authorization} for ${req.url}` } }));
      });
      await sweep(host, leakyDraft(`http://${host}`), false);
    });

    it('429s with Retry-After, retried', async () => {
      const host = await start((_req, res, n) => {
        if (n < 3) {
          res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
          res.end(`{"detail":"slow down ${STORED}"}`);
        } else res.end('ok');
      });
      await sweep(host, leakyDraft(`http://${host}`), true);
    });

    it('a redirect loop whose Location carries the key', async () => {
      const host = await start((req, res) => {
        res.writeHead(302, { location: req.url ?? '/' });
        res.end();
      });
      await sweep(host, leakyDraft(`http://${host}`), false);
    });

    it('a refused connection, a timeout, a reset and a URL that cannot be sent', async () => {
      const refused = `127.0.0.1:${await closedPort()}`;
      await sweep(refused, leakyDraft(`http://${refused}`), false);
      const silent = await start(() => undefined);
      await sweep(silent, leakyDraft(`http://${silent}`), false);
      server?.closeAllConnections();
      server?.close();
      const reset = await start((_req, res) => {
        res.writeHead(200, { 'content-length': '1000' });
        res.write(`partial ${STORED}`);
        setTimeout(() => res.destroy(), 20);
      });
      await sweep(reset, leakyDraft(`http://${reset}`), false);
      await sweep(reset, { ...leakyDraft(`http://${reset}`), url: `http://exa mple.com/${STORED}` }, false, false);
    });
  });
});
