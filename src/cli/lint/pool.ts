/**
 * Lints files on several threads, all taking files from one queue. Results keep the tasks' order;
 * the first failure stops every worker and rejects.
 *
 * Without a time budget the main thread lints too: a worker's start-up (bundle, WASM runtime,
 * grammars) costs as much as linting a few hundred KB, and on a 2-core machine one worker plus the
 * main thread beats two workers and an idle main thread.
 *
 * With a time budget (`--max-file-ms`) only workers lint and the main thread watches them. The
 * analyzer is synchronous WASM work that nothing inside its thread can interrupt, and a thread
 * busy with a file cannot even run a timer; so the one thing that really bounds a file's time is
 * another thread stopping the worker: a worker still on one file after the budget is terminated,
 * the file reported as skipped with the reason, and a fresh worker takes the files it held.
 */
import { Worker, parentPort } from 'node:worker_threads';
import { oneLine } from '../command';
import { lintFile, skippedReport, type FileReport, type LintTask } from './lintFile';

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

interface Lane {
  worker: Worker;
  /** Ids posted to this worker and not answered yet, in the order it works on them. */
  inFlight: number[];
  /** When the worker began its current file (inFlight[0]): when it was posted, or when the previous answer came. */
  since: number;
  /** Stopped by the watchdog; its late messages and exit are ignored. */
  retired: boolean;
}

/** `budgetMs` 0 = no time limit per file. */
export function lintOnThreads(tasks: readonly LintTask[], threads: number, budgetMs = 0): Promise<FileReport[]> {
  return new Promise((resolve, reject) => {
    const reports: FileReport[] = new Array(tasks.length);
    const lanes: Lane[] = [];
    /** Ids waiting for a thread; files taken back from a stopped worker go to the front. */
    const queue: number[] = tasks.map((_, i) => i);
    let done = 0;
    let settled = false;
    let watchdog: NodeJS.Timeout | undefined;
    const watched = budgetMs > 0;

    const finish = (err?: Error): void => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      for (const lane of lanes) void lane.worker.terminate();
      if (err) reject(err);
      else resolve(reports);
    };
    const completed = (id: number, report: FileReport): void => {
      if (reports[id]) return;
      reports[id] = report;
      done++;
      if (done === tasks.length) finish();
    };
    const feed = (lane: Lane): void => {
      while (!settled && lane.inFlight.length < IN_FLIGHT_PER_WORKER && queue.length > 0) {
        const id = queue.shift()!;
        if (lane.inFlight.length === 0) lane.since = performance.now();
        lane.inFlight.push(id);
        lane.worker.postMessage({ id, task: tasks[id] } satisfies ToWorker);
      }
    };

    const startWorker = (): void => {
      // The worker loads this very file (the CLI bundle, or this module when unbundled) and asks
      // it for the worker loop: no second entry point to build or ship.
      const worker = new Worker(`require(${JSON.stringify(__filename)}).runLintWorker();`, { eval: true });
      const lane: Lane = { worker, inFlight: [], since: 0, retired: false };
      lanes.push(lane);
      worker.on('message', (message: FromWorker) => {
        if (lane.retired) return;
        // Work is handed out only once the worker has started: until then the main thread takes it.
        if ('ready' in message) return feed(lane);
        lane.inFlight = lane.inFlight.filter((id) => id !== message.id);
        lane.since = performance.now();
        if ('error' in message) return finish(new Error(`${tasks[message.id].path}: ${message.error}`));
        completed(message.id, message.report);
        feed(lane);
      });
      worker.on('error', (err) => {
        if (!lane.retired) finish(err);
      });
      worker.on('exit', (code) => {
        if (!settled && !lane.retired) finish(new Error(`a lint worker stopped early (exit code ${code})`));
      });
    };

    /** Stops a worker that has spent the budget on one file, reports that file, and hands its other files to a new worker. */
    const checkBudgets = (): void => {
      const now = performance.now();
      for (const lane of [...lanes]) {
        if (lane.retired || lane.inFlight.length === 0 || now - lane.since <= budgetMs) continue;
        lane.retired = true;
        const [slow, ...held] = lane.inFlight;
        const threadId = lane.worker.threadId;
        void lane.worker.terminate();
        lanes.splice(lanes.indexOf(lane), 1);
        queue.unshift(...held);
        completed(slow, skippedReport(tasks[slow].path, 'overBudget', `analysing it took longer than ${budgetMs} ms (--max-file-ms), so it was stopped`, threadId));
        if (!settled) startWorker();
      }
    };

    if (tasks.length === 0) return finish();
    const mainLints = !WORKERS_ONLY && !watched;
    const count = mainLints ? Math.max(0, Math.min(threads - 1, tasks.length - 1)) : Math.max(1, Math.min(threads, tasks.length));
    for (let i = 0; i < count; i++) startWorker();
    // A quarter of the budget between checks: a file is stopped within 1.25 × the budget.
    if (watched) watchdog = setInterval(checkBudgets, Math.max(10, Math.min(250, budgetMs / 4)));

    void (async () => {
      while (mainLints && queue.length > 0 && !settled) {
        const id = queue.shift()!;
        try {
          completed(id, await lintFile(tasks[id]));
        } catch (err) {
          return finish(new Error(`${tasks[id].path}: ${oneLine(err)}`));
        }
        // Let the workers' messages in: linting a file never yields to the event loop by itself.
        await new Promise((r) => setImmediate(r));
      }
    })();
  });
}

/**
 * The loop a worker thread runs: lint each file it is sent, one after the other (so the pool knows
 * which file a busy worker is on), and answer with the report.
 */
export function runLintWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runLintWorker must run in a worker thread');
  let previous: Promise<void> = Promise.resolve();
  port.on('message', (message: ToWorker) => {
    previous = previous.then(() =>
      lintFile(message.task).then(
        (report) => port.postMessage({ id: message.id, report } satisfies FromWorker),
        (err: unknown) => port.postMessage({ id: message.id, error: oneLine(err) } satisfies FromWorker),
      ),
    );
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}
