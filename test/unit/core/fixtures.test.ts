/**
 * Runs every fixture under test/fixtures/js/<rule>/. A fixture is realistic code with its
 * expectations written as comments on the line(s) above the code they describe:
 *
 *   // expect: key-in-url "api_key=${key}"         a finding of the rule starts on the next code
 *   // expect: key-in-url:info "token=${t}"        line and covers exactly that text (and severity)
 *   // fixed: fetch(url, { headers: … })           that line after applying the finding's fix
 *   // expect-none                                 nothing of the folder's rule (documentation)
 *
 * Findings of the folder's rule that no expectation names fail the test, so every line that is not
 * marked is a negative case. Each fix is applied and the file re-analysed: exactly one finding of
 * the rule fewer, and no new syntax errors.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze, languageForFileName } from '../../../src/core/analyze';
import { grammarForLanguage } from '../../../src/core/analyze';
import { parse } from '../../../src/core/parser';
import { LineIndex } from '../../../src/core/lineIndex';
import type { Finding, TextEdit } from '../../../src/core/types';

const ROOT = resolve(__dirname, '../../../../test/fixtures/js');

interface Expectation {
  rule: string;
  severity?: string;
  text: string;
  line: number;
  fixed?: string;
}

function readExpectations(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const out: Expectation[] = [];
  let pending: Expectation[] = [];
  let fixed: string | undefined;
  lines.forEach((line, i) => {
    const expect = /^\s*\/\/ expect: ([\w/-]+)(?::(\w+))? "(.*)"\s*$/.exec(line);
    const fix = /^\s*\/\/ fixed: (.*)$/.exec(line);
    if (expect) pending.push({ rule: expect[1], severity: expect[2], text: expect[3], line: -1 });
    else if (fix) fixed = fix[1];
    else if (/^\s*\/\/ expect-none/.test(line)) { /* documentation only */ }
    else if (pending.length > 0 || fixed !== undefined) {
      for (const p of pending) out.push({ ...p, line: i, fixed });
      pending = [];
      fixed = undefined;
    }
  });
  return out;
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

async function errorCount(text: string, languageId: string): Promise<number> {
  const tree = await parse(grammarForLanguage(languageId)!, text);
  try {
    return tree.rootNode.descendantsOfType('ERROR').length + (tree.rootNode.hasError ? 1 : 0);
  } finally {
    tree.delete();
  }
}

function describeFinding(f: Finding, text: string, lines: LineIndex): string {
  return `${f.ruleId}:${f.severity} line ${lines.positionAt(f.start).line + 1} "${text.slice(f.start, f.end)}"`;
}

const rules = existsSync(ROOT) ? readdirSync(ROOT).filter((d) => !d.startsWith('retry')) : [];

for (const rule of rules) {
  describe(`fixtures: ${rule}`, () => {
    const dir = join(ROOT, rule);
    for (const file of readdirSync(dir).sort()) {
      const languageId = file.endsWith('.tsx') ? 'typescriptreact' : file.endsWith('.jsx') ? 'javascriptreact' : languageForFileName(file);
      if (!languageId) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      const expectations = readExpectations(text).filter((e) => e.rule === rule);

      it(`${file}: exactly the expected ${rule} findings (${expectations.length})`, async () => {
        const lines = new LineIndex(text);
        const findings = (await analyze(text, languageId)).filter((f) => f.ruleId === rule);
        const unmatched = [...findings];
        const missing: string[] = [];
        for (const e of expectations) {
          const i = unmatched.findIndex((f) => lines.positionAt(f.start).line === e.line && text.slice(f.start, f.end) === e.text && (!e.severity || e.severity === f.severity));
          if (i < 0) missing.push(`line ${e.line + 1} "${e.text}"${e.severity ? ` (${e.severity})` : ''}`);
          else unmatched.splice(i, 1);
        }
        assert.deepEqual({ missing, unexpected: unmatched.map((f) => describeFinding(f, text, lines)) }, { missing: [], unexpected: [] });
      });

      it(`${file}: every fix removes its finding and keeps the code parsing`, async () => {
        const lines = new LineIndex(text);
        const findings = (await analyze(text, languageId)).filter((f) => f.ruleId === rule);
        const baseErrors = await errorCount(text, languageId);
        for (const f of findings) {
          if (!f.fix) continue;
          const after = applyEdits(text, f.fix.edits);
          const again: Finding[] = (await analyze(after, languageId)).filter((g) => g.ruleId === rule);
          const where = describeFinding(f, text, lines);
          assert.equal(again.length, findings.length - 1, `fix of ${where} should remove exactly that finding:\n${after}`);
          assert.ok((await errorCount(after, languageId)) <= baseErrors, `fix of ${where} broke the syntax:\n${after}`);
          const e = expectations.find((x) => x.line === lines.positionAt(f.start).line && x.text === text.slice(f.start, f.end));
          if (e?.fixed !== undefined) {
            const afterLine = after.split(/\r?\n/)[e.line];
            assert.equal(afterLine.trim(), e.fixed.trim(), `fix of ${where}`);
          }
        }
      });

      it(`${file}: every "fixed:" expectation has a fix`, async () => {
        const lines = new LineIndex(text);
        const findings = (await analyze(text, languageId)).filter((f) => f.ruleId === rule);
        for (const e of expectations.filter((x) => x.fixed !== undefined)) {
          const f = findings.find((x) => lines.positionAt(x.start).line === e.line && text.slice(x.start, x.end) === e.text);
          assert.ok(f?.fix, `line ${e.line + 1} "${e.text}" should have a fix`);
        }
      });
    }
  });
}
