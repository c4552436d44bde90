/**
 * One known key pushed through every path out of API Doctor that runs without VS Code: the lint,
 * decode and send commands (the built `dist/cli.js`, as a user runs it), the code generator, the
 * ticket and the redaction helpers. The full key must never come out; a masked form may.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { buildTicket, DEFAULT_TICKET_ITEMS } from '../../../src/catalog/ticket';
import { redactBody, redactHeaderValue, redactText, redactUrl } from '../../../src/catalog/redact';
import { generateCode, type CodeFormat, type CodegenRequest } from '../../../src/http/codegen';
import { CLI, makeTree, removeTree, runCli, type CliResult } from '../cli/runCli';
import { closedPort, startServer, type TestServer } from '../http/servers';

const KEY = 'sk_live_HARDENINGtest0123456789abcdef';
/** The part after the product prefix: a masked form keeps `sk_live_`, never this. */
const TAIL = 'HARDENINGtest0123456789abcdef';

function assertHidden(text: string, where: string): void {
  assert.ok(!text.includes(TAIL), `the key shows in ${where}:\n${text}`);
}

function assertCliHidden(r: CliResult, what: string): void {
  assertHidden(r.stdout, `${what} stdout`);
  assertHidden(r.stderr, `${what} stderr`);
}

/** Runs the CLI without blocking this process, so a server in it can answer. */
function runCliAsync(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout: 15_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

const LEAKY_SOURCE = [
  `const KEY = "${KEY}";`,
  `fetch("https://api.example.com/v1/items?api_key=${KEY}");`,
  'fetch(`https://api.example.com/v1/items?token=${KEY}`, { headers: { Authorization: "Bearer ' + KEY + '" } });',
  '',
].join('\n');

describe('hardening: the key never leaves unmasked', () => {
  it('lint: text, json and sarif reports name the problems but not the key', () => {
    const root = makeTree({ 'app.js': LEAKY_SOURCE, 'client.py': `import requests\nrequests.get("https://api.example.com/v1/x?api_key=${KEY}")\n` });
    try {
      for (const format of ['text', 'json', 'sarif']) {
        const r = runCli(['lint', '--format', format, root]);
        assert.equal(r.code, 1, r.stderr);
        assert.ok(r.stdout.includes('key-in-url'), `no key-in-url finding in ${format}:\n${r.stdout}`);
        assertCliHidden(r, `lint --format ${format}`);
      }
    } finally {
      removeTree(root);
    }
  });

  it('decode: the key in --url, --header, --request-header and an echoing --body stays masked, ticket included', () => {
    const base = [
      'decode', '--status', '401', '--method', 'POST',
      '--url', `https://api.example.com/v1/items?api_key=${KEY}&page=2`,
      '--header', `Authorization: Bearer ${KEY}`,
      '--request-header', `Authorization: Bearer ${KEY}`,
      '--request-body', JSON.stringify({ api_key: KEY, note: `key ${KEY}` }),
      '--body', JSON.stringify({ error: `invalid key ${KEY}`, received: KEY, token: KEY }),
    ];
    for (const format of ['text', 'json']) {
      const r = runCli([...base, '--format', format]);
      assert.equal(r.code, 0, r.stderr);
      assertCliHidden(r, `decode --format ${format}`);
      if (format === 'json') assert.ok((JSON.parse(r.stdout) as { ticket: string }).ticket.length > 0);
    }
    // A plain-text body with the key and no JSON around it.
    const plain = runCli(['decode', '--status', '403', '--body', `Forbidden: ${KEY} is not allowed`, '--format', 'json']);
    assertCliHidden(plain, 'decode with a text body');
  });

  describe('send', () => {
    let echo: TestServer;
    before(async () => {
      // Echoes the Authorization header in a header, a JSON body and an error text.
      echo = await startServer((req, res) => {
        const auth = req.headers.authorization ?? '';
        res.writeHead(req.url?.startsWith('/fail') ? 401 : 200, { 'x-echo': auth, 'x-raw-key': auth.slice(7), 'content-type': 'application/json' });
        res.end(JSON.stringify({ detail: `you sent ${auth}`, raw: auth.slice(7) }));
      });
    });
    after(() => echo.close());

    it('hides the key the server echoes, in text and json, on success and on error', async () => {
      for (const path of ['/ok', '/fail']) {
        for (const format of ['text', 'json']) {
          const r = await runCliAsync(['send', `${echo.url}${path}`, '--key-env', 'HARDENING_KEY', '--format', format], { HARDENING_KEY: KEY });
          assert.equal(r.code, path === '/ok' ? 0 : 1, r.stderr);
          assertCliHidden(r, `send ${path} --format ${format}`);
        }
      }
      assert.equal(echo.seen.at(-1)?.headers.authorization, `Bearer ${KEY}`);
    });

    it('hides a key written into the URL or a --header: refused, unknown host, not a URL, echoed back', async () => {
      const port = await closedPort();
      const cases = [
        ['send', `http://127.0.0.1:${port}/v1?api_key=${KEY}`],
        ['send', `http://127.0.0.1:${port}/v1?api_key=${KEY}`, '--format', 'json'],
        ['send', `http://no-such-host.invalid/v1?token=${KEY}`],
        ['send', `http://127.0.0.1:${port}/v1`, '--key-env', 'HARDENING_KEY'],
        ['send', `not a url ?api_key=${KEY}`],
        ['send', `${echo.url}/ok?api_key=${KEY}`, '--format', 'json'],
        ['send', `${echo.url}/ok?api_key=${KEY}`],
        // The key typed into a header instead of --key-env: the server echoes it back.
        ['send', `${echo.url}/fail`, '--header', `Authorization: Bearer ${KEY}`],
        ['send', `${echo.url}/ok`, '--header', `Authorization: Bearer ${KEY}`, '--format', 'json'],
      ];
      for (const args of cases) {
        const r = await runCliAsync(args, { HARDENING_KEY: KEY });
        assertCliHidden(r, args.join(' '));
      }
    });
  });

  it('codegen: curl, fetch, python and .http read the key from the environment', () => {
    const formats: CodeFormat[] = ['curl', 'fetch', 'python', 'http'];
    const requests: CodegenRequest[] = [
      { method: 'POST', url: `https://api.example.com/v1/items?api_key=${KEY}`, headers: { Authorization: `Bearer ${KEY}`, 'X-Api-Key': KEY },
        body: JSON.stringify({ key: KEY, text: `uses ${KEY}` }), provider: 'waves', key: { value: KEY } },
      { method: 'GET', url: `https://api.example.com/v1/items?q=${KEY}`, headers: [['X-Note', `copy of ${KEY}`]], key: { value: KEY } },
      { method: 'POST', url: 'https://api.example.com/v1/items', body: `free text ${KEY}`, headers: { Authorization: `Bearer ${KEY}` } },
    ];
    for (const req of requests) for (const f of formats) assertHidden(generateCode(req, f), `${f} code`);
  });

  it('the ticket and the redaction helpers mask the key in every place it can sit', () => {
    const ticket = buildTicket({
      title: 'Invalid key', providerName: 'Example', method: 'POST', url: `https://api.example.com/v1/x?api_key=${KEY}`,
      status: 401, statusText: 'Unauthorized', requestId: null, requestBody: JSON.stringify({ api_key: KEY, text: KEY }),
      responseBody: `{"error": "bad key ${KEY}"`, now: new Date('2026-01-01T00:00:00Z'), items: DEFAULT_TICKET_ITEMS,
    });
    assertHidden(ticket, 'the ticket');
    const outputs = [
      redactText(`failed: Bearer ${KEY}; key=${KEY}; ${KEY}`),
      redactUrl(`https://user:${KEY}@api.example.com/${KEY}/x?api_key=${KEY}#${KEY}`),
      redactBody(`api_key=${KEY}&x=1`),
      redactBody(`{"nested": {"value": "${KEY}"}, "list": ["${KEY}"]}`),
      redactBody(`{"cut short": "${KEY}`),
      redactHeaderValue('Authorization', `Bearer ${KEY}`),
      redactHeaderValue('X-Api-Key', KEY),
      redactHeaderValue('X-Other', `has ${KEY}`),
    ];
    for (const o of outputs) assertHidden(o, 'a redaction helper');
  });
});
