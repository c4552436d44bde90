/**
 * The parser's time budget: on a text where tree-sitter's error recovery runs away (this fixture
 * ran 209 s and then exhausted the WASM heap, which broke every later parse in the process), the
 * parse stops, says so, and the parser keeps working; the CLI reports the file as skipped.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze } from '../../../src/core/analyze';
import { parse, ParseGaveUp } from '../../../src/core/parser';
import { makeTree, removeTree, runCli } from '../cli/runCli';

const RUNAWAY = readFileSync(resolve(__dirname, '../../../../test/fixtures/hardening/parser-runaway.js'), 'utf8');

describe('parse time budget', () => {
  it('gives up on a runaway text with ParseGaveUp, and the next parse works', async () => {
    await assert.rejects(parse('javascript', RUNAWAY, undefined, 200), (err: unknown) => {
      assert.ok(err instanceof ParseGaveUp);
      assert.equal(err.message, 'the javascript parser gave up after 200 ms: it could not make sense of the text');
      return true;
    });
    const findings = await analyze("fetch('https://api.example.com/x?api_key=' + key);", 'javascript');
    assert.deepEqual(findings.map((f) => f.ruleId), ['key-in-url']);
  });

  it('the TypeScript grammar gets through the same text', async () => {
    const tree = await parse('typescript', RUNAWAY, undefined, 5_000);
    tree.delete();
  });

  it('api-doctor lint reports the file as skipped with the reason and lints the others', async () => {
    const dir = makeTree({ 'runaway.js': RUNAWAY, 'ok.js': "fetch('https://api.example.com/x?api_key=' + key);\n" });
    try {
      const r = runCli(['lint', '.', '--format', 'json'], dir);
      const out = JSON.parse(r.stdout) as { findings: Array<{ file: string; ruleId: string }>; skipped: Array<{ file: string; reason: string }> };
      assert.deepEqual(out.findings.map((f) => [f.file, f.ruleId]), [['ok.js', 'key-in-url']]);
      assert.deepEqual(out.skipped, [{ file: 'runaway.js', reason: 'the javascript parser gave up after 3000 ms: it could not make sense of the text' }]);
      assert.equal(r.code, 1);
    } finally {
      removeTree(dir);
    }
  });
});
