/**
 * The fixture harness shared by the tree-sitter front ends other than JavaScript (Python, Go,
 * shell). Expectations are comments on the line(s) above the code they describe:
 *
 *   <c> expect: key-in-url "api_key={key}"          a finding of the rule starts on the next code line
 *   <c> expect: retry-after-ignored:info "for …"    and covers exactly that text (and severity)
 *   <c> fixed: requests.get(url, headers=…)         that line after applying the finding's fix
 *   <c> expect-none                                 nothing of the folder's rule (documentation)
 *
 * where <c> is the language's line comment (`#` or `//`). Every other code line is a negative case:
 * a finding of the folder's rule that no expectation names fails the test.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AnalyzeOptions } from '../../../src/core/analyze';
import { LineIndex } from '../../../src/core/lineIndex';
import { parse, type Grammar, type Tree } from '../../../src/core/parser';
import type { Finding, TextEdit } from '../../../src/core/types';

export interface Expectation {
  rule: string;
  severity?: string;
  text: string;
  line: number;
  fixed?: string;
}

export interface LanguageHarness {
  readExpectations(text: string): Expectation[];
  analyzeText(text: string, options?: AnalyzeOptions): Promise<Finding[]>;
  errorCount(text: string): Promise<number>;
  /** `rule "range text"` for each finding, in document order. */
  ranges(text: string, options?: AnalyzeOptions): Promise<string[]>;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function languageHarness(grammar: Grammar, comment: '#' | '//', analyzeTree: (tree: Tree, text: string, options: AnalyzeOptions) => Finding[]): LanguageHarness {
  const c = escapeRegExp(comment);
  const expectLine = new RegExp(`^\\s*${c} expect: ([\\w/-]+)(?::(\\w+))? "(.*)"\\s*$`);
  const fixedLine = new RegExp(`^\\s*${c} fixed: (.*)$`);
  const commentLine = new RegExp(`^\\s*${c}`);

  const analyzeText = async (text: string, options: AnalyzeOptions = {}): Promise<Finding[]> => {
    const tree = await parse(grammar, text);
    try {
      return analyzeTree(tree, text, options);
    } finally {
      tree.delete();
    }
  };

  return {
    readExpectations(text) {
      const out: Expectation[] = [];
      let pending: Expectation[] = [];
      let fixed: string | undefined;
      text.split(/\r?\n/).forEach((line, i) => {
        const expect = expectLine.exec(line);
        const fix = fixedLine.exec(line);
        if (expect) pending.push({ rule: expect[1], severity: expect[2], text: expect[3], line: -1 });
        else if (fix) fixed = fix[1];
        else if (commentLine.test(line) || line.trim() === '') { /* comments and blank lines carry no code */ }
        else if (pending.length > 0 || fixed !== undefined) {
          for (const p of pending) out.push({ ...p, line: i, fixed });
          pending = [];
          fixed = undefined;
        }
      });
      return out;
    },
    analyzeText,
    async errorCount(text) {
      const tree = await parse(grammar, text);
      try {
        return tree.rootNode.descendantsOfType('ERROR').length + tree.rootNode.descendantsOfType('MISSING').length + (tree.rootNode.hasError ? 1 : 0);
      } finally {
        tree.delete();
      }
    },
    async ranges(text, options = {}) {
      return (await analyzeText(text, options)).map((f) => `${f.ruleId} ${text.slice(f.start, f.end)}`);
    },
  };
}

/** The folder's rules: a retry folder also holds `retry-after-ignored` cases. */
const RULES_OF: Record<string, string[]> = { 'retry-without-backoff': ['retry-without-backoff', 'retry-after-ignored'] };

function describeFinding(f: Finding, text: string, lines: LineIndex): string {
  return `${f.ruleId}:${f.severity} line ${lines.positionAt(f.start).line + 1} "${text.slice(f.start, f.end)}"`;
}

/** Registers the fixture tests of `test/fixtures/<language>/<rule>/*<extension>`. */
export function describeFixtures(language: string, extension: string, harness: LanguageHarness): void {
  const root = resolve(__dirname, '../../../../test/fixtures', language);
  const folders = existsSync(root) ? readdirSync(root).sort() : [];
  for (const folder of folders) {
    const rules = new Set(RULES_OF[folder] ?? [folder]);
    describe(`${language} fixtures: ${folder}`, () => {
      const dir = join(root, folder);
      for (const file of readdirSync(dir).filter((f) => f.endsWith(extension)).sort()) {
        const text = readFileSync(join(dir, file), 'utf8');
        const expectations = harness.readExpectations(text).filter((e) => rules.has(e.rule));
        const ours = async (t: string) => (await harness.analyzeText(t)).filter((f) => rules.has(f.ruleId));

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
          const baseErrors = await harness.errorCount(text);
          for (const f of findings) {
            if (!f.fix) continue;
            const after = applyEdits(text, f.fix.edits);
            const again = (await ours(after)).filter((g) => g.ruleId === f.ruleId);
            const where = describeFinding(f, text, lines);
            assert.equal(again.length, findings.filter((g) => g.ruleId === f.ruleId).length - 1, `fix of ${where} should remove exactly that finding:\n${after}`);
            assert.ok((await harness.errorCount(after)) <= baseErrors, `fix of ${where} broke the syntax:\n${after}`);
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
}
