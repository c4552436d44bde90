/**
 * Whole-document analyses of large files on a worker thread, so that the pause after typing in a
 * 5,000-line file never holds up the extension host (the keystroke path stays in-thread: it needs
 * the document's tree and costs a few milliseconds). The worker loads the command-line bundle
 * (dist/cli.js), started on first use and kept for the session; if it fails, callers analyse
 * in-thread.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { AnalyzeReply, AnalyzeRequest } from '../../cli/analyzeWorker';
import type { AnalyzeOptions } from '../../core/analyze';
import type { Finding } from '../../core/types';

/** Texts from this many characters on (about 2,500 lines) are analysed whole on the worker. */
export const WORKER_MIN_CHARS = 100_000;

export class AnalysisWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (f: Finding[]) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  /** Set once the worker failed: from then on, callers analyse in-thread. */
  failure: Error | undefined;
  /** How many analyses the worker answered (tests read it). */
  answered = 0;

  constructor(private readonly cliBundle: string) {}

  /**
   * Whether a text should go to the worker (and the worker can take it): a long one, or any whose
   * analysis proved slow on the extension host (`slow`).
   */
  wants(text: string, slow = false): boolean {
    return !this.failure && (slow || text.length >= WORKER_MIN_CHARS) && existsSync(this.cliBundle);
  }

  analyze(text: string, languageId: string, options: AnalyzeOptions, catalogs: string[]): Promise<Finding[]> {
    if (this.failure) return Promise.reject(this.failure);
    const worker = this.start();
    const id = this.nextId++;
    // Only what can cross a thread: the tree stays here, the provider rules are rebuilt there.
    const { tree: _tree, providerRules: _rules, ...portable } = options;
    const request: AnalyzeRequest = { id, text, languageId, options: portable, catalogs };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  dispose(): void {
    this.fail(new Error('the analysis worker was stopped'));
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(`require(${JSON.stringify(this.cliBundle)}).runAnalyzeWorker();`, { eval: true });
    worker.on('message', (reply: AnalyzeReply) => {
      if ('ready' in reply) return;
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!waiting) return;
      this.answered++;
      if ('findings' in reply) waiting.resolve(reply.findings);
      else waiting.reject(new Error(reply.error));
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`the analysis worker stopped (exit code ${code})`)));
    // An idle worker must not keep the extension host's process alive on shutdown.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }
}
