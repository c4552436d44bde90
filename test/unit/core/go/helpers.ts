/** Shared by the Go front end's tests: expectations in fixtures, analysis, edits, parse errors. */
import { parse } from '../../../../src/core/parser';
import { analyzeGo } from '../../../../src/core/go/analyze';
import type { AnalyzeOptions } from '../../../../src/core/analyze';
import type { Finding, TextEdit } from '../../../../src/core/types';

export interface Expectation {
  rule: string;
  severity?: string;
  text: string;
  line: number;
  fixed?: string;
}

export function readExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  let pending: Expectation[] = [];
  let fixed: string | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    const expect = /^\s*\/\/ expect: ([\w/-]+)(?::(\w+))? "(.*)"\s*$/.exec(line);
    const fix = /^\s*\/\/ fixed: (.*)$/.exec(line);
    if (expect) pending.push({ rule: expect[1], severity: expect[2], text: expect[3], line: -1 });
    else if (fix) fixed = fix[1];
    else if (/^\s*\/\//.test(line) || line.trim() === '') { /* comments and blank lines carry no code */ }
    else if (pending.length > 0 || fixed !== undefined) {
      for (const p of pending) out.push({ ...p, line: i, fixed });
      pending = [];
      fixed = undefined;
    }
  });
  return out;
}

export async function analyzeText(text: string, options: AnalyzeOptions = {}): Promise<Finding[]> {
  const tree = await parse('go', text);
  try {
    return analyzeGo(tree, text, options);
  } finally {
    tree.delete();
  }
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export async function errorCount(text: string): Promise<number> {
  const tree = await parse('go', text);
  try {
    return tree.rootNode.descendantsOfType('ERROR').length + tree.rootNode.descendantsOfType('MISSING').length + (tree.rootNode.hasError ? 1 : 0);
  } finally {
    tree.delete();
  }
}

/** `rule "range text"` for each finding, in document order. */
export async function ranges(text: string, options: AnalyzeOptions = {}): Promise<string[]> {
  return (await analyzeText(text, options)).map((f) => `${f.ruleId} ${text.slice(f.start, f.end)}`);
}
