/**
 * Registers the Request Runner's view and commands at activation with thin handlers; the parts
 * themselves (undici, key store, panel: see runnerParts.ts, bundled into dist/runner.js) are built
 * the first time the panel opens or one of the commands runs.
 */
import * as vscode from 'vscode';
import type { Catalog } from '../../catalog/types';
import { Commands, Views } from '../ids';
import type { RunnerBundle } from '../lazy';
import type { Analyze } from './lintComposed';
import type { RequestRunnerParts } from './runnerParts';
import type { SiteAtCursor } from './sendRequestAtCursor';

export type { RequestRunnerParts } from './runnerParts';

/** The commands the Request Runner handles (keys of `Commands`). */
export const RUNNER_COMMANDS = ['openPanel', 'sendRequest', 'sendRequestAtCursor', 'resendLastRequest', 'setApiKey', 'manageApiKeys', 'exportHistory', 'clearHistory'] as const;
export type RunnerCommand = (typeof RUNNER_COMMANDS)[number];

export interface LazyRequestRunner {
  /** The runner's parts, built (and dist/runner.js loaded) on the first call. */
  parts(): RequestRunnerParts;
}

export function registerRequestRunner(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  catalogs: () => readonly Catalog[],
  analyze: Analyze,
  load: () => RunnerBundle,
  siteAt?: SiteAtCursor,
): LazyRequestRunner {
  let built: ReturnType<RunnerBundle['createRunnerParts']> | undefined;
  const parts = () => (built ??= load().createRunnerParts({ context, log, catalogs, analyze, siteAt }));
  const view: vscode.WebviewViewProvider = { resolveWebviewView: (webviewView) => parts().panel.resolveWebviewView(webviewView) };
  context.subscriptions.push(
    { dispose: () => built?.dispose() },
    vscode.window.registerWebviewViewProvider(Views.panel, view),
    ...RUNNER_COMMANDS.map((name) => vscode.commands.registerCommand(Commands[name], (arg?: unknown) => parts().commands[name](arg))),
  );
  return { parts };
}
