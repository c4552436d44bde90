/**
 * Runs every `.http` fixture under test/fixtures/http/<rule>/. Expectations are comments on the
 * line(s) above the line they describe (for a request line, its `?`/`&` continuation lines count
 * as the same line):
 *
 *   # expect: key-in-url "api_key={{key}}"     a finding of that rule covering exactly that text
 *   # fixed: Authorization: Bearer {{key}}     after the finding's fix, the file has this line
 *   # expect-none                              nothing here (documentation)
 *
 * Findings of any rule that no expectation names fail the test. Each fix is applied and the file
 * re-analysed: that rule has one finding fewer, nothing new appears, and the requests still parse.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeHttpFile } from '../../../../src/core/httpFile/analyze';
import { parseHttpFile } from '../../../../src/core/httpFile/parse';
import { LineIndex } from '../../../../src/core/lineIndex';
import type { Finding, TextEdit } from '../../../../src/core/types';

const ROOT = resolve(__dirname, '../../../../../test/fixtures/http');

interface Expectation {
  rule: string;
  text: string;
  /** The lines a finding may start on: the described line and its continuation lines. */
  lines: number[];
  fixed?: string;
}

function readExpectations(text: string): Expectation[] {
  const lines = text.split(/\r\n|\n|\r/);
  const out: Expectation[] = [];
  let pending: { rule: string; text: string }[] = [];
  let fixed: string[] = [];
  lines.forEach((line, i) => {
    const expect = /^\s*(?:#|\/\/) expect: ([\w/-]+) "(.*)"\s*$/.exec(line);
    const fix = /^\s*(?:#|\/\/) fixed: (.*)$/.exec(line);
    if (expect) pending.push({ rule: expect[1], text: expect[2] });
    else if (fix) fixed.push(fix[1]);
    else if (/^\s*(?:#|\/\/) expect-none/.test(line)) { /* documentation only */ }
    else if (pending.length > 0) {
      const covered = [i];
      for (let j = i + 1; j < lines.length && /^\s*[?&]/.test(lines[j]); j++) covered.push(j);
      // `fixed:` lines belong to the expectations in order; a lone one belongs to the first.
      pending.forEach((p, k) => out.push({ ...p, lines: covered, fixed: fixed[k] }));
      pending = [];
      fixed = [];
    }
  });
  return out;
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function describeFinding(f: Finding, text: string, lines: LineIndex): string {
  return `${f.ruleId} line ${lines.positionAt(f.start).line + 1} "${text.slice(f.start, f.end)}"`;
}

const folders = existsSync(ROOT) ? readdirSync(ROOT).sort() : [];

for (const folder of folders) {
  describe(`.http fixtures: ${folder}`, () => {
    const dir = join(ROOT, folder);
    for (const file of readdirSync(dir).filter((f) => /\.(http|rest)$/.test(f)).sort()) {
      const text = readFileSync(join(dir, file), 'utf8');
      const expectations = readExpectations(text);
      const lines = new LineIndex(text);
      const findings = analyzeHttpFile(text, {});

      it(`${file}: exactly the expected findings (${expectations.length})`, () => {
        const unmatched = [...findings];
        const missing: string[] = [];
        for (const e of expectations) {
          const i = unmatched.findIndex((f) => f.ruleId === e.rule && e.lines.includes(lines.positionAt(f.start).line) && text.slice(f.start, f.end) === e.text);
          if (i < 0) missing.push(`${e.rule} line ${e.lines[0] + 1} "${e.text}"`);
          else unmatched.splice(i, 1);
        }
        assert.deepEqual({ missing, unexpected: unmatched.map((f) => describeFinding(f, text, lines)) }, { missing: [], unexpected: [] });
      });

      it(`${file}: every fix removes its finding and keeps the requests`, () => {
        const requests = parseHttpFile(text).requests.length;
        for (const f of findings) {
          if (!f.fix) continue;
          const where = describeFinding(f, text, lines);
          const after = applyEdits(text, f.fix.edits);
          const again = analyzeHttpFile(after, {});
          const count = (list: Finding[]) => list.filter((g) => g.ruleId === f.ruleId).length;
          assert.equal(count(again), count(findings) - 1, `fix of ${where} should remove exactly that finding:\n${after}`);
          assert.ok(again.length < findings.length, `fix of ${where} should not add findings:\n${after}`);
          assert.equal(parseHttpFile(after).requests.length, requests, `fix of ${where} changed the requests:\n${after}`);
          const e = expectations.find((x) => x.rule === f.ruleId && x.lines.includes(lines.positionAt(f.start).line) && x.text === text.slice(f.start, f.end));
          if (e?.fixed !== undefined) {
            const written = (t: string) => t.split(/\r\n|\n|\r/).filter((l) => l.trim() === e.fixed!.trim()).length;
            assert.ok(written(after) > written(text), `fix of ${where} should write "${e.fixed}":\n${after}`);
          }
        }
      });

      it(`${file}: every "fixed:" expectation has a fix`, () => {
        for (const e of expectations.filter((x) => x.fixed !== undefined)) {
          const f = findings.find((x) => x.ruleId === e.rule && e.lines.includes(lines.positionAt(x.start).line) && text.slice(x.start, x.end) === e.text);
          assert.ok(f?.fix, `line ${e.lines[0] + 1} "${e.text}" should have a fix`);
        }
      });
    }
  });
}
