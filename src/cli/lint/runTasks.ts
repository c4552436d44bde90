/**
 * Lints in this thread alone or on several threads. A worker costs 70–110 ms of CPU to start (it
 * loads the bundle, the WASM runtime and the grammars), and on a 2-core machine two busy threads
 * each run slower than one alone. Timed there on third-party client code: one thread was as fast
 * or faster up to 1 MB, two threads faster from about 2 MB. So `--jobs auto` uses one thread
 * below 1 MB; `--jobs N` overrides it.
 */
import { availableParallelism } from 'node:os';
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
