/**
 * Runs every JSON/JSONC fixture under test/fixtures/json/<rule>/. Each `<name>.json(c)` has a side
 * file `<name>.expect.json`: the findings in document order as `[rule, rangeText]`, optionally with
 * a third element — the trimmed line of the finding after its fix, or `null` for "no fix".
 * Every fix is applied and the file re-analysed: one finding of that rule fewer, nothing new, and
 * the result still parses without errors.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { analyzeJsonConfig } from '../../../../src/core/jsonConfig/analyze';
import { LineIndex } from '../../../../src/core/lineIndex';
import type { Finding, TextEdit } from '../../../../src/core/types';

const ROOT = resolve(__dirname, '../../../../../test/fixtures/json');

type Expected = [rule: string, text: string, fixedLine?: string | null];

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function parseErrors(text: string, comments: boolean): string[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: comments, disallowComments: !comments });
  return errors.map((e) => `${printParseErrorCode(e.error)} at ${e.offset}`);
}

const folders = existsSync(ROOT) ? readdirSync(ROOT).sort() : [];

for (const folder of folders) {
  describe(`JSON fixtures: ${folder}`, () => {
    const dir = join(ROOT, folder);
    for (const file of readdirSync(dir).filter((f) => /\.jsonc?$/.test(f) && !f.endsWith('.expect.json')).sort()) {
      const text = readFileSync(join(dir, file), 'utf8');
      const comments = file.endsWith('.jsonc');
      const expectFile = join(dir, file.replace(/\.jsonc?$/, '.expect.json'));
      const expected: Expected[] = JSON.parse(readFileSync(expectFile, 'utf8'));
      const findings = analyzeJsonConfig(text, { fileName: file });
      const lines = new LineIndex(text);

      it(`${file}: exactly the expected findings, in order (${expected.length})`, () => {
        assert.deepEqual(parseErrors(text, comments), [], 'the fixture itself must parse');
        assert.deepEqual(findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]), expected.map((e) => [e[0], e[1]]));
      });

      it(`${file}: fixes where expected, and each one removes its finding and keeps the file valid`, () => {
        findings.forEach((f, i) => {
          const want = expected[i]?.[2];
          const where = `${f.ruleId} "${text.slice(f.start, f.end)}"`;
          if (want === null) assert.equal(f.fix, undefined, `${where} should have no fix`);
          if (typeof want === 'string') assert.ok(f.fix, `${where} should have a fix`);
          if (!f.fix) return;
          const after = applyEdits(text, f.fix.edits);
          const again = analyzeJsonConfig(after, { fileName: file });
          const count = (list: Finding[]) => list.filter((g) => g.ruleId === f.ruleId).length;
          assert.equal(count(again), count(findings) - 1, `fix of ${where} should remove exactly that finding:\n${after}`);
          assert.ok(again.length < findings.length, `fix of ${where} should not add findings`);
          assert.deepEqual(parseErrors(after, comments), [], `fix of ${where} broke the JSON:\n${after}`);
          if (typeof want === 'string') assert.equal(after.split(/\r?\n/)[lines.positionAt(f.start).line].trim(), want, `fix of ${where}`);
        });
      });
    }
  });
}
