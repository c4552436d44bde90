/**
 * Lints in this thread alone or on several threads. A worker costs 70–110 ms of CPU to start (it
 * loads the bundle, the WASM runtime and the grammars), and on a 2-core machine two busy threads
 * each run slower than one alone. Timed there on third-party client code: one thread was as fast
 * or faster up to 1 MB, two threads faster from about 2 MB. So `--jobs auto` uses one thread
 * below 1 MB; `--jobs N` overrides it.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runtimeStarted } from '../../core/parser';
import { oneLine } from '../command';
import { lintFile, type FileReport, type LintTask } from './lintFile';
import { lintOnThreads } from './pool';

/** Below this many bytes of source, `--jobs auto` does not start workers. */
export const SINGLE_THREAD_BELOW_BYTES = 1024 * 1024;

/** How many threads (this one included) to lint on. */
export function threadsFor(jobs: number | 'auto', fileCount: number, totalBytes: number): number {
  if (fileCount < 2) return 1;
  if (jobs !== 'auto') return Math.min(jobs, fileCount);
  if (totalBytes < SINGLE_THREAD_BELOW_BYTES) return 1;
  return Math.min(availableParallelism(), fileCount);
}

/**
 * `budgetMs` > 0 always lints on worker threads (even one), because only another thread can stop
 * a file that runs over the budget (see pool.ts); 0 keeps small inputs in this thread.
 */
export async function runTasks(tasks: readonly LintTask[], threads: number, budgetMs = 0): Promise<FileReport[]> {
  if (threads > 1 || budgetMs > 0) return lintOnThreads(tasks, threads, budgetMs);
  const reports: FileReport[] = [];
  for (const task of tasks) {
    try {
      reports.push(await lintFile(task));
    } catch (err) {
      throw new Error(`${task.path}: ${oneLine(err)}`);
    }
  }
  return reports;
}

/** Below this many bytes of source the grammars run on V8's baseline WebAssembly compiler only. */
export const BASELINE_WASM_BELOW_BYTES = 2 * 1024 * 1024;

/**
 * For a small run, keeps V8 from recompiling the grammars with its optimizing compiler. That work
 * runs in the background, and the process waits for it before it can exit: the shell grammar alone
 * cost 350 ms after parsing one 456-byte script, so the eight example files took 0.68 s instead of
 * 0.29 s. Large runs keep it: the optimized parser is worth it from about 2 MB (13 MB of
 * JavaScript: 2.3 s with it, 2.65 s without). V8 flags hold for the whole process, workers
 * included, and are only set while no WebAssembly has been compiled here (never in a test run
 * that already parsed something).
 */
export function useBaselineWasmForSmallRuns(totalBytes: number): boolean {
  if (!wantsBaselineWasm(totalBytes, runtimeStarted())) return false;
  setFlagsFromString('--no-wasm-tier-up');
  setFlagsFromString('--no-wasm-dynamic-tiering');
  return true;
}

/** The rule of `useBaselineWasmForSmallRuns`: a small run, and nothing compiled yet. */
export function wantsBaselineWasm(totalBytes: number, runtimeStarted: boolean): boolean {
  return totalBytes < BASELINE_WASM_BELOW_BYTES && !runtimeStarted;
}
