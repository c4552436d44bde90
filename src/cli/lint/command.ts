/** `api-doctor lint`: find files, lint them (with fixes if asked), print a report, exit 0/1. */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Command } from '../command';
import { VERSION } from '../version';
import { ConfigError, ConfigFinder, ignoredByConfig, type LoadedConfig } from './config';
import { findFiles } from './findFiles';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatFixes, formatText } from './formatText';
import type { FileFinding, FileReport, FixedProblem, LintTask } from './lintFile';
import { LINT_USAGE, parseLintArgs } from './options';
import { providerCatalogs } from './providerCatalogs';
import { useBaselineWasmForSmallRuns, runTasks, threadsFor } from './runTasks';
import { byFile, type SkippedFile } from './skipped';

export const lintCommand: Command = {
  summary: 'lint    check HTTP calls in files and folders (text, JSON or SARIF output; --fix)',
  run: lint,
};

async function lint(args: string[]): Promise<number> {
  const options = parseLintArgs(args);
  if (options.help) {
    process.stdout.write(LINT_USAGE + '\n');
    return EXIT_OK;
  }
  if (options.config !== undefined && !existsSync(options.config)) throw new UsageError(`no such config file: ${options.config}`);

  const search = findFiles(options.paths, options.maxFileSize);
  const configs = new ConfigFinder(options.config);
  const tasks: LintTask[] = [];
  let bytes = 0;
  for (const file of search.files) {
    const loaded = configs.forPath(file.given);
    if (ignoredByConfig(loaded, file.path)) continue;
    tasks.push({ path: file.path, languageId: file.languageId, fix: options.fix, options: { config: loaded.config }, catalogs: catalogFiles(loaded) });
    bytes += file.size;
  }
  checkCatalogs(tasks);

  useBaselineWasmForSmallRuns(bytes);
  const started = performance.now();
  const reports = await runTasks(tasks, threadsFor(options.jobs, tasks.length, bytes), options.maxFileMs);
  const elapsed = performance.now() - started;

  const findings: FileFinding[] = [];
  const fixed: FixedProblem[] = [];
  const skipped: SkippedFile[] = [...search.skipped];
  let linted = 0;
  for (const report of reports) {
    if (report.skipped) skipped.push(report.skipped);
    else linted++;
    findings.push(...report.findings);
    fixed.push(...report.fixed);
  }
  findings.sort(byFileThenPosition);
  fixed.sort(byFileThenPosition);
  skipped.sort(byFile);

  // What was fixed goes to stderr for the machine formats, so stdout stays one document.
  const fixes = formatFixes(fixed);
  if (fixes) (options.format === 'text' ? process.stdout : process.stderr).write(fixes);
  if (options.format === 'json') process.stdout.write(formatJson(findings, skipped));
  else if (options.format === 'sarif') process.stdout.write(formatSarif(findings, VERSION, process.cwd(), skipped));
  else process.stdout.write(formatText(findings, linted, skipped, options));
  if (options.stats) process.stderr.write(formatStats(reports, bytes, elapsed));
  return findings.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** The config's `catalogs`, relative to the config file's folder. */
function catalogFiles(loaded: LoadedConfig): string[] | undefined {
  const folder = loaded.folder;
  return folder && loaded.config.catalogs.length > 0 ? loaded.config.catalogs.map((p) => resolve(folder, p)) : undefined;
}

/**
 * A catalog named in a config is part of that config: a mistake in it stops the run (exit 2), as a
 * mistake in the config does. The built-in catalogs ship in the package; the tests check them.
 */
function checkCatalogs(tasks: readonly LintTask[]): void {
  const problems = new Set<string>();
  for (const files of new Set(tasks.map((t) => (t.catalogs ?? []).join('\n')))) {
    for (const e of providerCatalogs(files ? files.split('\n') : []).errors) problems.add(`${shownPath(e.file)}:${e.line}:${e.column}: ${e.message}`);
  }
  if (problems.size > 0) throw new ConfigError([...problems].join('\n'));
}

/** A file under the working folder is named relative to it, like the linted files. */
function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** `--stats`: how the work was spread, to tune `--jobs` (and to see the worker path was taken). */
function formatStats(reports: readonly FileReport[], bytes: number, ms: number): string {
  const perThread = new Map<number, number>();
  for (const r of reports) perThread.set(r.thread, (perThread.get(r.thread) ?? 0) + 1);
  const workers = [...perThread.keys()].filter((t) => t !== 0).length;
  const onMain = perThread.get(0) ?? 0;
  return (
    `api-doctor: ${reports.length} files, ${(bytes / 1024).toFixed(0)} KB, in ${(ms / 1000).toFixed(2)} s; ` +
    `main thread ${onMain} files, ${workers} worker thread${workers === 1 ? '' : 's'} ${reports.length - onMain} files\n`
  );
}

type Positioned = { file: string; line: number; column: number; endLine?: number; endColumn?: number; ruleId: string };

/** Plain code-unit order for files (not locale order), so output is the same on every machine. */
function byFileThenPosition(a: Positioned, b: Positioned): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.endLine ?? 0) - (b.endLine ?? 0) ||
    (a.endColumn ?? 0) - (b.endColumn ?? 0) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
