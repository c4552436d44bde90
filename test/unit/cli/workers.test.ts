import * as assert from 'node:assert/strict';
import { BASELINE_WASM_BELOW_BYTES, wantsBaselineWasm } from '../../../src/cli/lint/runTasks';
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

  it('lints every language the same on workers as in one thread', () => {
    root = makeTree({
      'a.js': LEAKY,
      'b.ts': LEAKY,
      'c.py': 'import requests\nrequests.get("https://a.example/x?api_key=" + key)\n',
      'd.sh': '#!/bin/sh\ncurl "https://a.example/x?api_key=$KEY"\n',
      'e.go': 'package main\n\nimport "net/http"\n\nfunc main() { http.Get("https://a.example/x?api_key=" + key) }\n',
    });
    const one = runCli(['lint', '.', '--format', 'json', '--jobs', '1', '--stats', '--max-file-ms', '0'], root);
    const pool = runCli(['lint', '.', '--format', 'json', '--jobs', '2', '--stats'], root, { env: WORKERS_ONLY });
    assert.equal(one.code, 1, one.stderr);
    assert.equal(pool.stdout, one.stdout);
    const files = (JSON.parse(one.stdout) as { findings: Array<{ file: string; ruleId: string }> }).findings.map((f) => `${f.file} ${f.ruleId}`);
    assert.deepEqual([...new Set(files)], ['a.js key-in-url', 'b.ts key-in-url', 'c.py key-in-url', 'd.sh key-in-url', 'e.go key-in-url']);
    assert.match(pool.stderr, /main thread 0 files, 2 worker threads 5 files/);
  });
});

describe('api-doctor lint: the compiler for the grammars', () => {
  it('keeps the grammars on the baseline compiler only for a small run, and only before anything was compiled', () => {
    assert.equal(wantsBaselineWasm(BASELINE_WASM_BELOW_BYTES - 1, false), true);
    assert.equal(wantsBaselineWasm(BASELINE_WASM_BELOW_BYTES, false), false);
    assert.equal(wantsBaselineWasm(1000, true), false);
  });
});
