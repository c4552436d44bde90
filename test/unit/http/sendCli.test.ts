import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';
import { closedPort, startServer, type TestServer } from './servers';

const SEND_MODULE = resolve(__dirname, '../../../src/cli/send.js');
const KEY = 'sk_live_CliSecret42xyz';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `api-doctor send ...` in a child process with the key in API_KEY_UNDER_TEST. */
function send(args: string[], env: Record<string, string> = { API_KEY_UNDER_TEST: KEY }): Promise<Run> {
  const script = `require(${JSON.stringify(SEND_MODULE)}).runSend(process.argv.slice(1)).then((c) => { process.exitCode = c; })`;
  return new Promise((resolveRun) => {
    execFile(process.execPath, ['-e', script, ...args], { env: { ...process.env, ...env }, timeout: 15_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolveRun({ code, stdout, stderr });
    });
  });
}

function assertNoKey(run: Run): void {
  for (const part of [KEY, 'CliSecret42xyz']) {
    assert.ok(!run.stdout.includes(part), `key in stdout:\n${run.stdout}`);
    assert.ok(!run.stderr.includes(part), `key in stderr:\n${run.stderr}`);
  }
}

describe('api-doctor send', () => {
  let sandbox: Sandbox;
  let echo: TestServer;
  let hits = 0;
  before(async () => {
    sandbox = await startSandbox({ port: 0, ratePerMinute: 50 });
    // Echoes the key back in a header, a JSON body and an error message: the CLI must still hide it.
    echo = await startServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      if (req.url === '/flaky' && hits++ === 0) {
        res.writeHead(429, { 'retry-after': '0', 'x-echo': auth, 'content-type': 'application/json' });
        res.end(JSON.stringify({ detail: `slow down, ${auth}` }));
        return;
      }
      res.writeHead(req.url === '/fail' ? 401 : 200, { 'x-echo': auth, 'content-type': 'application/json' });
      res.end(JSON.stringify({ detail: `you sent ${auth}`, key: auth.slice(7) }));
    });
  });
  after(async () => {
    await sandbox.close();
    await echo.close();
  });

  it('prints one JSON document with status, headers, body, attempts, elapsedMs and the diagnosis', async () => {
    const run = await send([`${sandbox.url}/specala/api/v1/developer/projects`, '--key-env', 'API_KEY_UNDER_TEST', '--provider', 'specala', '--format', 'json'],
      { API_KEY_UNDER_TEST: 'sk_live_noapi_CliSecret42xyz' });
    assert.equal(run.code, 1);
    const doc = JSON.parse(run.stdout);
    assert.equal(doc.status, 403);
    assert.equal(typeof doc.headers['x-request-id'], 'string');
    assert.equal(doc.bodyEncoding, 'text');
    assert.equal(JSON.parse(doc.body).detail.code, 'api_access_denied');
    assert.deepEqual(doc.attempts.map((a: { result: number }) => a.result), [403]);
    assert.equal(typeof doc.elapsedMs, 'number');
    assert.equal(doc.diagnosis.provider, 'specala');
    assert.equal(doc.diagnosis.code, 'api_access_denied');
    assert.equal(doc.diagnosis.requestId, doc.headers['x-request-id']);
    assert.ok(!run.stdout.includes('CliSecret42xyz'));
  });

  it('sends a body, returns audio as base64 and no diagnosis on success', async () => {
    const run = await send([`${sandbox.url}/waves/api/v1/lightning-v3.1/get_speech`, '--key-env', 'API_KEY_UNDER_TEST', '--provider', 'waves',
      '--data', '{"text":"hello"}', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const doc = JSON.parse(run.stdout);
    assert.equal(doc.status, 200);
    assert.equal(doc.diagnosis, null);
    assert.equal(doc.bodyEncoding, 'base64');
    assert.equal(Buffer.from(doc.body, 'base64').toString('ascii', 0, 4), 'RIFF');
  });

  it('sends a file with --data @file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-doctor-cli-'));
    try {
      writeFileSync(join(dir, 'ids.json'), '{"ids":[],"format":"md"}');
      const run = await send([`${sandbox.url}/specala/api/v1/developer/transcriptions/export`, '--key-env', 'API_KEY_UNDER_TEST',
        '--provider', 'specala', '--data', `@${join(dir, 'ids.json')}`, '--header', 'Content-Type: application/json']);
      assert.equal(run.code, 1);
      assert.match(run.stdout, /^HTTP 422 Unprocessable Entity/);
      assert.match(run.stdout, /ids must be a non-empty list/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never prints the key, even when the server echoes it', async () => {
    for (const format of ['text', 'json']) {
      for (const path of ['/ok', '/fail']) {
        const run = await send([`${echo.url}${path}`, '--key-env', 'API_KEY_UNDER_TEST', '--format', format]);
        assert.equal(run.code, path === '/fail' ? 1 : 0);
        assertNoKey(run);
        assert.ok((run.stdout).includes('***'), run.stdout);
      }
    }
  });

  it('retries with --retry and honours Retry-After', async () => {
    hits = 0;
    const run = await send([`${echo.url}/flaky`, '--key-env', 'API_KEY_UNDER_TEST', '--retry', '2', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const doc = JSON.parse(run.stdout);
    assert.deepEqual(doc.attempts.map((a: { result: number; waitMs?: number }) => [a.result, a.waitMs]), [[429, 0], [200, undefined]]);
    assertNoKey(run);
  });

  it('exits 4 with one line when nothing answers', async () => {
    const port = await closedPort();
    const run = await send([`http://127.0.0.1:${port}/`, '--key-env', 'API_KEY_UNDER_TEST']);
    assert.equal(run.code, 4);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `api-doctor send: Nothing is listening at 127.0.0.1:${port}: the connection was refused. Is the server running on that port?\n`);
  });

  it('exits 2 on bad arguments, a missing key variable or a malformed key, without printing the key', async () => {
    const cases: Array<[string[], RegExp, Record<string, string>?]> = [
      [[], /no URL given/],
      [['http://127.0.0.1:1/', '--bogus'], /unknown option --bogus/],
      [['http://127.0.0.1:1/', '--retry', 'many'], /--retry needs a whole number/],
      [['http://127.0.0.1:1/', '--format', 'xml'], /unknown format "xml"/],
      [['http://127.0.0.1:1/', '--provider', 'nobody'], /unknown provider "nobody" \(known: /],
      [['http://127.0.0.1:1/', '--key-env', 'NOT_SET_ANYWHERE_42'], /NOT_SET_ANYWHERE_42 is not set/],
      [['not a url'], /is not a URL/],
      [[`${echo.url}/ok`, '--key-env', 'API_KEY_UNDER_TEST'], /quote marks/, { API_KEY_UNDER_TEST: `"${KEY}"` }],
    ];
    for (const [args, message, env] of cases) {
      const run = await send(args, env);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assertNoKey(run);
    }
  });
});
