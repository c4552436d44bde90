/**
 * Lints one file: read, skip if minified or if its syntax tree would take the queries seconds,
 * analyze, and with `fix` apply the safe fixes pass after pass (a fix left out for overlapping
 * another gets its turn after re-analysis), write the file back, then report what remains. Runs
 * the same in the main thread and in a worker.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { analyze, grammarForLanguage, type AnalyzeOptions } from '../../core/analyze';
import { LineIndex } from '../../core/lineIndex';
import { parse, ParseGaveUp } from '../../core/parser';
import { whyTreeNotLinted } from '../../core/tooLarge';
import type { Finding } from '../../core/types';
import { applyFixes } from './applyFixes';
import { minifiedReason } from './minified';
import { providerCatalogs } from './providerCatalogs';
import type { SkipKind, SkippedFile } from './skipped';

export interface LintTask {
  path: string;
  languageId: string;
  fix: boolean;
  /** Plain data only (the config, no tree): the task may cross to a worker thread. */
  options: AnalyzeOptions;
  /**
   * User catalog files (absolute) whose endpoint rules apply besides the built-in catalogs'. Paths,
   * not catalogs: each thread loads them once and builds the provider rules itself.
   */
  catalogs?: string[];
}

/** One finding as the JSON output spells it: 1-based lines and columns (UTF-16 code units). */
export interface FileFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: string;
  message: string;
}

export interface FixedProblem {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  title: string;
}

export interface FileReport {
  findings: FileFinding[];
  fixed: FixedProblem[];
  minified: boolean;
  /** Set when the file was not linted (minified included), with the reason. */
  skipped?: SkippedFile;
  /** The thread that linted the file (0 = main), for `--stats`. */
  thread: number;
}

/** Passes of fix + re-analysis before giving up on fixes that keep producing fixes. */
const MAX_FIX_PASSES = 10;
const BOM = '\uFEFF';

export async function lintFile(task: LintTask): Promise<FileReport> {
  try {
    return await lintFileText(task);
  } catch (err) {
    // The parser's own time limit (parser.ts): a text its error recovery cannot get through.
    if (err instanceof ParseGaveUp) return skippedReport(task.path, 'unparsable', err.message);
    throw err;
  }
}

async function lintFileText(task: LintTask): Promise<FileReport> {
  const raw = readFileSync(task.path, 'utf8');
  // Offsets are taken without the byte order mark, as editors do; it is put back on write.
  const bom = raw.startsWith(BOM);
  const original = bom ? raw.slice(1) : raw;
  const minified = minifiedReason(original);
  if (minified) return skippedReport(task.path, 'minified', minified);

  let text = original;
  const options: AnalyzeOptions = { ...task.options, fileName: task.path, providerRules: providerCatalogs(task.catalogs).rules };
  let findings: Finding[];
  const grammar = grammarForLanguage(task.languageId);
  if (grammar) {
    // Parsed here so the tree can be looked at before the queries run over it.
    const tree = await parse(grammar, text);
    try {
      const broken = whyTreeNotLinted(tree);
      if (broken) return skippedReport(task.path, 'unparsable', broken);
      findings = await analyze(text, task.languageId, { ...options, tree });
    } finally {
      tree.delete();
    }
  } else {
    findings = await analyze(text, task.languageId, options);
  }
  const fixed: FixedProblem[] = [];
  for (let pass = 0; task.fix && pass < MAX_FIX_PASSES; pass++) {
    const result = applyFixes(text, findings);
    if (result.applied.length === 0) break;
    const index = new LineIndex(text);
    for (const f of result.applied) {
      const at = index.positionAt(f.start);
      fixed.push({ file: task.path, line: at.line + 1, column: at.character + 1, ruleId: f.ruleId, title: f.fix!.title });
    }
    text = result.text;
    findings = await analyze(text, task.languageId, options);
  }
  if (text !== original) writeFileSync(task.path, (bom ? BOM : '') + text, 'utf8');
  return { findings: toFileFindings(task.path, text, findings), fixed, minified: false, thread: threadId };
}

export function skippedReport(file: string, kind: SkipKind, reason: string, thread = threadId): FileReport {
  return { findings: [], fixed: [], minified: kind === 'minified', skipped: { file, kind, reason }, thread };
}

function toFileFindings(file: string, text: string, findings: readonly Finding[]): FileFinding[] {
  if (findings.length === 0) return [];
  const index = new LineIndex(text);
  return findings.map((f) => {
    const s = index.positionAt(f.start);
    const e = index.positionAt(f.end);
    return {
      file,
      line: s.line + 1,
      column: s.character + 1,
      endLine: e.line + 1,
      endColumn: e.character + 1,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
    };
  });
}
