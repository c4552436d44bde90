import * as assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analyze';
import { parse } from '../../../src/core/parser';
import { REPO, WORKERS_ONLY, makeTree, removeTree, runCli } from './runCli';

const FIXABLE = join(REPO, 'test/fixtures/cli/fixable');

/** A copy of the fixable fixture in a temporary folder: --fix writes files. */
function copyOfFixture(): string {
  const root = makeTree({});
  cpSync(FIXABLE, root, { recursive: true });
  return root;
}

async function assertFixedWell(root: string): Promise<void> {
  for (const [file, languageId, grammar] of [['voices.ts', 'typescript', 'typescript'], ['legacy.js', 'javascript', 'javascript']] as const) {
    const text = readFileSync(join(root, file), 'utf8');
    const left = await analyze(text.replace(/^\uFEFF/, ''), languageId);
    assert.deepEqual(left.filter((f) => f.fix), [], `${file} still has fixable findings`);
    const tree = await parse(grammar, text);
    try {
      assert.equal(tree.rootNode.hasError, false, `${file} no longer parses:\n${text}`);
    } finally {
      tree.delete();
    }
  }
}

describe('api-doctor lint --fix', () => {
  let root = '';
  afterEach(() => removeTree(root));

  it('applies the safe fixes, says what it fixed, then reports what remains', async () => {
    root = copyOfFixture();
    const r = runCli(['lint', '.', '--fix'], root);
    assert.equal(r.code, 1, r.stderr); // legacy.js builds its URL by concatenation: no safe fix
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 5, r.stdout);
    assert.match(lines[0], /^voices\.ts:5:62: fixed key-in-url: \S/);
    assert.match(lines[1], /^voices\.ts:6:76: fixed bearer-format: \S/);
    assert.equal(lines[2], 'fixed 2 problems in 1 file');
    assert.match(lines[3], /^legacy\.js:3:41: warning key-in-url: /);
    assert.equal(lines[4], '1 finding in 2 files');

    const fixed = readFileSync(join(root, 'voices.ts'), 'utf8');
    assert.doesNotMatch(fixed, /api_key=/);
    assert.doesNotMatch(fixed, /Bearer {2}/);
    assert.equal(readFileSync(join(root, 'legacy.js'), 'utf8'), readFileSync(join(FIXABLE, 'legacy.js'), 'utf8'));
    await assertFixedWell(root);

    // A second run finds nothing more to fix.
    const again = runCli(['lint', '.', '--fix'], root);
    assert.doesNotMatch(again.stdout, /fixed/);
  });

  it('fixes the same way on worker threads, keeping stdout one JSON document', async () => {
    const inProcess = copyOfFixture();
    try {
      runCli(['lint', '.', '--fix', '--jobs', '1'], inProcess);
      root = copyOfFixture();
      const r = runCli(['lint', '.', '--fix', '--jobs', '2', '--format', 'json', '--stats'], root, { env: WORKERS_ONLY });
      assert.equal(r.code, 1, r.stderr);
      const findings = (JSON.parse(r.stdout) as { findings: { file: string; ruleId: string }[] }).findings;
      assert.deepEqual(findings.map((f) => [f.file, f.ruleId]), [['legacy.js', 'key-in-url']]);
      assert.match(r.stderr, /^voices\.ts:5:62: fixed key-in-url: /m);
      assert.match(r.stderr, /main thread 0 files, [12] worker threads? 2 files/);
      for (const file of ['voices.ts', 'legacy.js']) {
        assert.equal(readFileSync(join(root, file), 'utf8'), readFileSync(join(inProcess, file), 'utf8'));
      }
      await assertFixedWell(root);
    } finally {
      removeTree(inProcess);
    }
  });

  it('keeps a byte order mark', () => {
    root = copyOfFixture();
    const path = join(root, 'voices.ts');
    writeFileSync(path, '\uFEFF' + readFileSync(path, 'utf8'));
    const r = runCli(['lint', 'voices.ts', '--fix'], root);
    assert.match(r.stdout, /^voices\.ts:5:62: fixed key-in-url: /);
    const text = readFileSync(path, 'utf8');
    assert.ok(text.startsWith('\uFEFF'));
    assert.doesNotMatch(text, /api_key=/);
  });
});
