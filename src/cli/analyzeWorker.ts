/**
 * A worker-thread loop that analyses texts it is sent: the editor hands it whole-document analyses
 * of large files, so they never hold up the extension host (see vscode/editor/analysisWorker.ts).
 * Lives in the command-line bundle, which already carries the analyzer and the catalogs.
 */
import { parentPort } from 'node:worker_threads';
import { analyze, type AnalyzeOptions } from '../core/analyze';
import { ParseGaveUp } from '../core/parser';
import type { Finding } from '../core/types';
import { oneLine } from './command';
import { providerCatalogs } from './lint/providerCatalogs';

/** What the editor sends: everything `analyze` takes that can cross a thread (no tree, no hook). */
export interface AnalyzeRequest {
  id: number;
  text: string;
  languageId: string;
  options: Omit<AnalyzeOptions, 'tree' | 'providerRules'>;
  /** User catalog files (absolute), loaded here with the built-in ones for the provider rules. */
  catalogs: string[];
}

export type AnalyzeReply = { ready: true } | { id: number; findings: Finding[] } | { id: number; error: string; gaveUp: boolean };

export function runAnalyzeWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runAnalyzeWorker must run in a worker thread');
  let previous: Promise<void> = Promise.resolve();
  port.on('message', (request: AnalyzeRequest) => {
    previous = previous.then(async () => {
      try {
        const providerRules = providerCatalogs(request.catalogs).rules;
        const findings = await analyze(request.text, request.languageId, { ...request.options, providerRules });
        port.postMessage({ id: request.id, findings } satisfies AnalyzeReply);
      } catch (err) {
        port.postMessage({ id: request.id, error: err instanceof ParseGaveUp ? err.message : oneLine(err), gaveUp: err instanceof ParseGaveUp } satisfies AnalyzeReply);
      }
    });
  });
  port.postMessage({ ready: true } satisfies AnalyzeReply);
}
