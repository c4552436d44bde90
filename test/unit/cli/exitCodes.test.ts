import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLEAN, CLI, LEAKY, REPO, WORKERS_ONLY, makeTree, removeTree, runCli } from './runCli';

const BASIC = 'test/fixtures/cli/basic';

/** Usage and internal errors are one line on stderr, never a stack trace. */
function assertOneLine(stderr: string): void {
  assert.equal(stderr.split('\n').length, 2, `expected one line, got: ${stderr}`);
  assert.ok(stderr.endsWith('\n'));
  assert.doesNotMatch(stderr, /\n\s+at /);
}

describe('api-doctor exit codes', () => {
  it('exits 0 when there is nothing to report', () => {
    const root = makeTree({ 'ok.ts': CLEAN });
    try {
      const r = runCli(['lint', root]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, '0 findings in 1 file\n');
      assert.equal(r.stderr, '');
    } finally {
      removeTree(root);
    }
  });

  it('exits 1 when there are findings', () => {
    const r = runCli(['lint', BASIC]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
  });

  for (const [args, message] of [
    [['lint', '--frobnicate'], 'api-doctor: unknown option --frobnicate'],
    [['lint', BASIC, '--format', 'xml'], 'api-doctor: unknown format "xml" (use text, json or sarif)'],
    [['lint', '--format=yaml', BASIC], 'api-doctor: unknown format "yaml" (use text, json or sarif)'],
    [['lint', BASIC, '--format'], 'api-doctor: --format needs a value'],
    [['lint', 'no/such/folder'], 'api-doctor: no such file or folder: no/such/folder'],
    [['lint', BASIC, '--jobs', '0'], 'api-doctor: --jobs needs a whole number from 1 or "auto", not "0"'],
    [['lint', BASIC, '--fix=yes'], 'api-doctor: --fix takes no value'],
    [['lint', BASIC, '--config', 'no-such.jsonc'], 'api-doctor: no such config file: no-such.jsonc'],
    [['frobnicate'], 'api-doctor: unknown command "frobnicate" (try api-doctor --help)'],
    [[], 'api-doctor: no command given (try api-doctor --help)'],
  ] as const) {
    it(`exits 2 with one line for: ${args.join(' ') || '(no arguments)'}`, () => {
      const r = runCli(args);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, message + '\n');
      assertOneLine(r.stderr);
    });
  }

  it('exits 2 on a broken config file, saying file:line:col', () => {
    const r = runCli(['lint', 'test/fixtures/cli/config/broken']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'test/fixtures/cli/config/broken/.api-doctor.jsonc:3:3: JSON syntax: a comma is expected\n');
  });

  it('exits 3 with one line on an internal error (a broken install without its grammars)', () => {
    // The bundle copied away from dist/wasm and node_modules cannot load the parser.
    const root = makeTree({ 'src/a.ts': LEAKY, 'src/b.ts': LEAKY });
    try {
      copyFileSync(CLI, join(root, 'cli.js'));
      // In this thread, and on worker threads (the error comes back from the worker).
      for (const [jobs, env] of [['1', {}], ['2', WORKERS_ONLY]] as const) {
        const r = runCli(['lint', 'src', '--jobs', jobs], root, { cli: join(root, 'cli.js'), env });
        assert.equal(r.code, 3, r.stderr);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, /^api-doctor: internal error: src\/[ab]\.ts: /);
        assertOneLine(r.stderr);
      }
    } finally {
      removeTree(root);
    }
  });

  it('prints usage for --help and the package version for --version', () => {
    const help = runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: api-doctor <command>/);
    assert.match(help.stdout, /\n {2}lint {4}/);
    const lintHelp = runCli(['lint', '--help']);
    assert.equal(lintHelp.code, 0);
    assert.match(lintHelp.stdout, /--format text\|json\|sarif/);
    const version = runCli(['--version']);
    assert.equal(version.code, 0);
    assert.equal(version.stdout, `${(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });
});
