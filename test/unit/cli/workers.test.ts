import * as assert from 'node:assert/strict';
import { LEAKY, CLEAN, WORKERS_ONLY, makeTree, removeTree, runCli } from './runCli';

describe('api-doctor lint on worker threads', () => {
  let root = '';
  afterEach(() => removeTree(root));

  it('gives the same document as linting in one thread', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`src/m${String(i).padStart(2, '0')}.${i % 3 === 0 ? 'js' : 'ts'}`] = i % 2 ? LEAKY : CLEAN;
    root = makeTree(files);
    // No time budget: the one-thread run stays in the main thread (a budget needs a worker to stop).
    const one = runCli(['lint', 'src', '--format', 'json', '--jobs', '1', '--stats', '--max-file-ms', '0'], root);
    const pool = runCli(['lint', 'src', '--format', 'json', '--jobs', '2', '--stats'], root, { env: WORKERS_ONLY });
    assert.equal(one.code, 1);
    assert.equal(pool.code, 1);
    assert.equal(pool.stdout, one.stdout);
    assert.equal((JSON.parse(one.stdout) as { findings: unknown[] }).findings.length, 15);
    assert.match(one.stderr, /main thread 30 files, 0 worker threads 0 files/);
    assert.match(pool.stderr, /main thread 0 files, 2 worker threads 30 files/);
  });

  it('shares the work between the main thread and a worker when both may lint', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`f${i}.ts`] = LEAKY;
    root = makeTree(files);
    const r = runCli(['lint', '.', '--format', 'json', '--jobs', '2', '--stats', '--max-file-ms', '0'], root);
    assert.equal(r.code, 1);
    assert.equal((JSON.parse(r.stdout) as { findings: unknown[] }).findings.length, 6);
    // How the six files split depends on timing; together they are all there.
    const m = /main thread (\d+) files, (\d) worker threads? (\d+) files/.exec(r.stderr);
    assert.ok(m, r.stderr);
    assert.equal(Number(m[1]) + Number(m[3]), 6);
  });
});
