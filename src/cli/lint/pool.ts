/**
 * Lints files on several threads: this one plus `threads - 1` worker threads, all taking files
 * from one queue. The main thread works too because a worker's start-up (bundle, WASM runtime,
 * grammars) costs as much as linting a few hundred KB, and on a 2-core machine one worker plus
 * the main thread beats two workers and an idle main thread. Results keep the tasks' order; the
 * first failure stops every worker and rejects.
 */
import { Worker, parentPort } from 'node:worker_threads';
import { oneLine } from '../command';
import { lintFile, type FileReport, type LintTask } from './lintFile';

type ToWorker = { id: number; task: LintTask };
type FromWorker = { ready: true } | { id: number; report: FileReport } | { id: number; error: string };

/** Files queued at a worker, so it never waits for the main thread to hand it the next one. */
const IN_FLIGHT_PER_WORKER = 2;

/**
 * `API_DOCTOR_LINT_ON_WORKERS_ONLY=1` keeps the main thread out of the linting, so that tests
 * (and timings) can be sure the worker path ran; otherwise a small input may all be linted before
 * the first worker has started.
 */
const WORKERS_ONLY = process.env.API_DOCTOR_LINT_ON_WORKERS_ONLY === '1';

export function lintOnThreads(tasks: readonly LintTask[], threads: number): Promise<FileReport[]> {
  return new Promise((resolve, reject) => {
    const reports: FileReport[] = new Array(tasks.length);
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;

    const finish = (err?: Error): void => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(reports);
    };
    const completed = (id: number, report: FileReport): void => {
      reports[id] = report;
      done++;
      if (done === tasks.length) finish();
    };
    const feed = (worker: Worker): void => {
      if (next < tasks.length && !settled) {
        const message: ToWorker = { id: next, task: tasks[next] };
        next++;
        worker.postMessage(message);
      }
    };

    const count = WORKERS_ONLY ? Math.min(threads, tasks.length) : Math.max(0, Math.min(threads - 1, tasks.length - 1));
    for (let i = 0; i < count; i++) {
      // The worker loads this very file (the CLI bundle, or this module when unbundled) and asks
      // it for the worker loop: no second entry point to build or ship.
      const worker = new Worker(`require(${JSON.stringify(__filename)}).runLintWorker();`, { eval: true });
      workers.push(worker);
      worker.on('message', (message: FromWorker) => {
        // Work is handed out only once the worker has started: until then the main thread takes it.
        if ('ready' in message) {
          for (let k = 0; k < IN_FLIGHT_PER_WORKER; k++) feed(worker);
          return;
        }
        if ('error' in message) return finish(new Error(`${tasks[message.id].path}: ${message.error}`));
        completed(message.id, message.report);
        feed(worker);
      });
      worker.on('error', (err) => finish(err));
      worker.on('exit', (code) => {
        if (!settled) finish(new Error(`a lint worker stopped early (exit code ${code})`));
      });
    }

    void (async () => {
      while (!WORKERS_ONLY && next < tasks.length && !settled) {
        const id = next++;
        try {
          completed(id, await lintFile(tasks[id]));
        } catch (err) {
          return finish(new Error(`${tasks[id].path}: ${oneLine(err)}`));
        }
        // Let the workers' messages in: linting a file never yields to the event loop by itself.
        await new Promise((r) => setImmediate(r));
      }
      if (tasks.length === 0) finish();
    })();
  });
}

/** The loop a worker thread runs: lint each file it is sent and answer with the report. */
export function runLintWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runLintWorker must run in a worker thread');
  port.on('message', (message: ToWorker) => {
    lintFile(message.task).then(
      (report) => port.postMessage({ id: message.id, report } satisfies FromWorker),
      (err: unknown) => port.postMessage({ id: message.id, error: oneLine(err) } satisfies FromWorker),
    );
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}
