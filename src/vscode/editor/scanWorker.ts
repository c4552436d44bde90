/**
 * Runs the workspace scan's analysis on a worker thread, so that a large scan never holds up the
 * extension host: the worker loads the command-line bundle (dist/cli.js, which carries the same
 * analyzer and a worker loop, see cli/lint/pool.ts) and lints the files it is sent from disk.
 * Started for a scan and stopped after it; a stopped or failed worker rejects what it still holds.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FileReport, LintTask } from '../../cli/lint/lintFile';

type FromWorker = { ready: true } | { id: number; report: FileReport } | { id: number; error: string };

export class ScanWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: FileReport) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;

  /** Undefined when the bundle is missing (an unbuilt checkout): the caller lints in-thread. */
  static start(cliBundle: string): ScanWorker | undefined {
    return existsSync(cliBundle) ? new ScanWorker(cliBundle) : undefined;
  }

  private constructor(cliBundle: string) {
    this.worker = new Worker(`require(${JSON.stringify(cliBundle)}).runLintWorker();`, { eval: true });
    this.worker.on('message', (m: FromWorker) => {
      if ('ready' in m) return;
      const waiting = this.pending.get(m.id);
      this.pending.delete(m.id);
      if ('error' in m) waiting?.reject(new Error(m.error));
      else waiting?.resolve(m.report);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`the scan worker stopped (exit code ${code})`)));
  }

  lint(task: LintTask): Promise<FileReport> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, task });
    });
  }

  async stop(): Promise<void> {
    this.fail(new Error('the scan was stopped'));
    await this.worker.terminate();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }
}
