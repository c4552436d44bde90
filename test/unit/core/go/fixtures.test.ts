/**
 * Runs every Go fixture under test/fixtures/go/<rule>/. Expectations are comments on the
 * line(s) above the code they describe, as in the Python fixtures:
 *
 *   // expect: key-in-url "api_key=%s"            a finding of the rule starts on the next code line
 *   // expect: retry-after-ignored:info "for {"   and covers exactly that text (and severity)
 *   // fixed: req, err := http.NewRequest(…)      that line after applying the finding's fix
 *   // expect-none                                nothing of the folder's rule (documentation)
 *
 * Findings of the folder's rule(s) that no expectation names fail the test, so every unmarked line
 * is a negative case. Each fix is applied and the file re-analysed: exactly one finding of the rule
 * fewer, and no new syntax errors.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LineIndex } from '../../../../src/core/lineIndex';
import type { Finding } from '../../../../src/core/types';
import { analyzeText, applyEdits, errorCount, readExpectations } from './helpers';

const ROOT = resolve(__dirname, '../../../../../test/fixtures/go');

/** The folder's rules: the retry folder also holds `retry-after-ignored` cases. */
const RULES_OF: Record<string, string[]> = { 'retry-without-backoff': ['retry-without-backoff', 'retry-after-ignored'] };

function describeFinding(f: Finding, text: string, lines: LineIndex): string {
  return `${f.ruleId}:${f.severity} line ${lines.positionAt(f.start).line + 1} "${text.slice(f.start, f.end)}"`;
}

const folders = existsSync(ROOT) ? readdirSync(ROOT).sort() : [];

for (const folder of folders) {
  const rules = new Set(RULES_OF[folder] ?? [folder]);
  describe(`go fixtures: ${folder}`, () => {
    const dir = join(ROOT, folder);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.go')).sort()) {
      const text = readFileSync(join(dir, file), 'utf8');
      const expectations = readExpectations(text).filter((e) => rules.has(e.rule));
      const ours = async (t: string) => (await analyzeText(t)).filter((f) => rules.has(f.ruleId));

      it(`${file}: exactly the expected findings (${expectations.length})`, async () => {
        const lines = new LineIndex(text);
        const unmatched = await ours(text);
        const missing: string[] = [];
        for (const e of expectations) {
          const i = unmatched.findIndex((f) => f.ruleId === e.rule && lines.positionAt(f.start).line === e.line
            && text.slice(f.start, f.end) === e.text && (!e.severity || e.severity === f.severity));
          if (i < 0) missing.push(`${e.rule} line ${e.line + 1} "${e.text}"${e.severity ? ` (${e.severity})` : ''}`);
          else unmatched.splice(i, 1);
        }
        assert.deepEqual({ missing, unexpected: unmatched.map((f) => describeFinding(f, text, lines)) }, { missing: [], unexpected: [] });
      });

      it(`${file}: every fix removes its finding and keeps the code parsing`, async () => {
        const lines = new LineIndex(text);
        const findings = await ours(text);
        const baseErrors = await errorCount(text);
        for (const f of findings) {
          if (!f.fix) continue;
          const after = applyEdits(text, f.fix.edits);
          const again = (await ours(after)).filter((g) => g.ruleId === f.ruleId);
          const where = describeFinding(f, text, lines);
          assert.equal(again.length, findings.filter((g) => g.ruleId === f.ruleId).length - 1, `fix of ${where} should remove exactly that finding:\n${after}`);
          assert.ok((await errorCount(after)) <= baseErrors, `fix of ${where} broke the syntax:\n${after}`);
          const e = expectations.find((x) => x.line === lines.positionAt(f.start).line && x.text === text.slice(f.start, f.end));
          if (e?.fixed !== undefined) assert.equal(after.split(/\r?\n/)[e.line].trim(), e.fixed.trim(), `fix of ${where}`);
        }
      });

      it(`${file}: every "fixed:" expectation has a fix`, async () => {
        const lines = new LineIndex(text);
        const findings = await ours(text);
        for (const e of expectations.filter((x) => x.fixed !== undefined)) {
          const f = findings.find((x) => lines.positionAt(x.start).line === e.line && text.slice(x.start, x.end) === e.text);
          assert.ok(f?.fix, `line ${e.line + 1} "${e.text}" should have a fix`);
        }
      });
    }
  });
}
