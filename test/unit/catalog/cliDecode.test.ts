import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runDecode, type DecodeIo } from '../../../src/cli/decode';
import { leaksKey } from './builtin';

const FIXTURES = resolve(__dirname, '../../../../test/fixtures/catalog');

async function cli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: DecodeIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: async () => stdin };
  const code = await runDecode(args, io);
  return { code, out, err };
}

describe('api-doctor decode', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'api-doctor-decode-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--format json prints one document with the catalog id and the wait in ms', async () => {
    const r = await cli([
      '--status', '429', '--method', 'get', '--url', 'https://app.specala.ai/api/v1/developer/transcriptions/tr_1/export?format=md',
      '--header', 'Retry-After: 7', '--header', 'x-request-id: req-42', '--body', '{"detail":"Rate limit exceeded"}',
      '--format', 'json', '--now', '2026-11-25T18:00:00Z',
    ]);
    assert.equal(r.code, 0);
    assert.equal(r.err, '');
    const d = JSON.parse(r.out);
    assert.equal(d.provider, 'specala');
    assert.equal(d.status, 429);
    assert.deepEqual(d.retry, { retryable: true, afterMs: 7000, basis: 'retry-after' });
    assert.equal(d.requestId, 'req-42');
    assert.equal(d.rateLimit.surface, 'data');
    assert.ok(d.ticket.includes('| Time (UTC) | 2026-11-25T18:00:00.000Z |'));
  });

  it('text output for an unknown host gives the generic meaning', async () => {
    const r = await cli(['--status', '503', '--url', 'https://api.example.com/x', '--now', '2026-11-25T18:00:00Z']);
    assert.equal(r.code, 0);
    const lines = r.out.split('\n');
    assert.equal(lines[0], '503 Service Unavailable');
    assert.equal(lines[1], 'The service is overloaded or down for maintenance.');
    assert.ok(r.out.includes('Retry: Wait 1 s, then send it again (backoff for attempt 1; the wait grows with each failure).'));
    assert.ok(r.out.includes('--- support ticket (secrets masked) ---\n## 503 Service Unavailable\n'));
  });

  it('request headers and a body from a file feed the evidence and the masked ticket', async () => {
    const bodyFile = join(dir, 'body.json');
    writeFileSync(bodyFile, '{"detail":"Invalid API key"}');
    const r = await cli([
      '--status', '401', '--url', 'https://app.specala.ai/api/v1/developer/projects?token=sk_live_Zx81QpL0vN3mR7tY5uWb2cHd',
      '--request-header', 'Authorization: Bearer "sk_live_Zx81QpL0vN3mR7tY5uWb2cHd"', '--body', `@${bodyFile}`, '--format', 'json',
    ]);
    assert.equal(r.code, 0);
    const d = JSON.parse(r.out);
    assert.deepEqual(d.causes.filter((c: { seen?: string }) => c.seen).map((c: { id: string }) => c.id), ['key-in-url', 'key-quoted']);
    assert.equal(leaksKey(r.out), false);
  });

  it('reads a pasted exchange from stdin', async () => {
    const r = await cli(['--paste', '-', '--format', 'json'], 'HTTP/1.1 403 Forbidden\ncontent-type: application/json\n\n{"detail":{"code":"api_access_denied","message":"No API access"}}');
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.out).code, 'api_access_denied');
  });

  it('loads user catalogs and reports a broken one on stderr without failing', async () => {
    const r = await cli(['--status', '429', '--url', 'https://api.acme.test/v1/speak', '--catalog', join(FIXTURES, 'acme.jsonc'), '--catalog', join(FIXTURES, 'wrong-type.jsonc'), '--format', 'json']);
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.out).provider, 'acme');
    assert.equal(r.err, `api-doctor: ${join(FIXTURES, 'wrong-type.jsonc')}:11:20: statuses.429.retryable: expected a boolean, found string\n`);
  });

  it('bad arguments exit 2 with a one-line message', async () => {
    const cases: Array<[string[], string]> = [
      [[], '--status is required'],
      [['--status', 'abc'], '--status needs a whole number from 100 to 599, got "abc"'],
      [['--status', '700'], '--status needs a whole number from 100 to 599, got "700"'],
      [['--status', '401', '--format', 'xml'], 'unknown format "xml" (text or json)'],
      [['--status', '401', '--header', 'no colon'], 'header "no colon" is not of the form "Name: value"'],
      [['--status', '401', '--bogus'], 'unknown option --bogus'],
      [['--status'], '--status needs a value'],
      [['--status', '401', '--body', '@/nonexistent/file.json'], 'cannot read --body file /nonexistent/file.json'],
      [['--status', '401', '--status', '402'], '--status given more than once'],
      [['--paste', '-'], 'no status line found in the pasted text; add --status N'],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '');
      assert.equal(r.err, `api-doctor decode: ${message}\n`);
    }
  });

  it('--help prints the usage', async () => {
    const r = await cli(['--help']);
    assert.equal(r.code, 0);
    assert.ok(r.out.startsWith('usage: api-doctor decode --status N'));
  });
});
