/**
 * Whole analyses on a worker thread (the editor's path for large documents), against the real
 * command-line bundle: the same findings as in-thread, provider rules from the catalogs included,
 * and a clear failure when the worker cannot run.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analyze';
import { providerRulesFor } from '../../../src/catalog/providerRules';
import { loadBuiltinCatalogs } from '../../../src/catalog/load';
import { AnalysisWorker, WORKER_MIN_CHARS } from '../../../src/vscode/editor/analysisWorker';
import { CLI, REPO } from '../cli/runCli';

const REQUEST = "fetch('https://api.example.com/x?api_key=' + key);\n";
const EXPORT = "fetch('https://app.specala.ai/api/v1/developer/transcriptions/tr_1/export?format=pdf');\n";
const key = (f: { ruleId: string; start: number; end: number; message: string }): string => `${f.ruleId} ${f.start}-${f.end} ${f.message}`;

describe('analysis worker', () => {
  it('takes only large texts', () => {
    const worker = new AnalysisWorker(CLI);
    assert.equal(worker.wants('x'.repeat(WORKER_MIN_CHARS - 1)), false);
    assert.equal(worker.wants('x'.repeat(WORKER_MIN_CHARS)), true);
    assert.equal(new AnalysisWorker(join(REPO, 'no-such-bundle.js')).wants('x'.repeat(WORKER_MIN_CHARS)), false);
  });

  it('finds what an in-thread analysis finds, provider rules included', async () => {
    const worker = new AnalysisWorker(CLI);
    try {
      const text = `${REQUEST}${EXPORT}${'// filler line of a large file\n'.repeat(4_000)}${REQUEST}`;
      const options = { rules: { 'hardcoded-key': 'off' as const } };
      const onWorker = await worker.analyze(text, 'typescript', options, []);
      const builtin = loadBuiltinCatalogs(join(REPO, 'catalogs'));
      const here = await analyze(text, 'typescript', { ...options, providerRules: providerRulesFor(builtin.catalogs) });
      assert.deepEqual(onWorker.map(key), here.map(key));
      assert.deepEqual(onWorker.map((f) => f.ruleId), ['key-in-url', 'specala/export-format', 'key-in-url']);
      // Fixes cross the thread too: the editor's quick fixes come from them.
      assert.equal(onWorker[0].fix?.edits.length, here[0].fix?.edits.length);
      assert.equal(worker.answered, 1);
    } finally {
      worker.dispose();
    }
  });

  it('rejects with the reason when the worker cannot start, and stays failed', async () => {
    const worker = new AnalysisWorker(join(REPO, 'package.json'));
    await assert.rejects(worker.analyze(REQUEST, 'javascript', {}, []), /runAnalyzeWorker is not a function|the analysis worker stopped/);
    assert.ok(worker.failure);
    worker.dispose();
  });
});
