/** Wires API Doctor's parts together; the work itself lives in the modules imported here. */
import * as vscode from 'vscode';
import { analyze } from './core/analyze';
import { setWasmDirectory } from './core/parser';
import { registerDecodeError, type DecodedErrorView } from './vscode/decode/registerDecodeError';
import { registerEditorFeatures } from './vscode/editor/editorFeatures';
import { Commands } from './vscode/ids';
import { loadOnFirstUse, type RunnerBundle } from './vscode/lazy';
import { registerRequestRunner, type RequestRunnerParts } from './vscode/runner/registerRunner';
import { siteAtCursor } from './vscode/runner/siteAtCursor';

export interface ApiDoctorExports {
  editor: ReturnType<typeof registerEditorFeatures>;
  /** How long activate() itself took (the host benchmark reads it; the bundle's load comes before). */
  activationMs: number;
  /** Test hosts only: reading it loads dist/runner.js and builds the Request Runner. */
  readonly runner?: RequestRunnerParts;
  /** Test hosts only: the Decode HTTP Error view, loaded on first read. */
  readonly decodedErrorView?: DecodedErrorView;
}

export function activate(context: vscode.ExtensionContext): ApiDoctorExports {
  const started = performance.now();
  setWasmDirectory(vscode.Uri.joinPath(context.extensionUri, 'dist', 'wasm').fsPath);
  const log = vscode.window.createOutputChannel('API Doctor', { log: true });
  context.subscriptions.push(log);

  const editor = registerEditorFeatures(context, log);
  const catalogs = editor.catalogs;
  // The Request Runner and the error decoder wait in dist/runner.js until first used.
  const runnerBundle = loadOnFirstUse<RunnerBundle>('runner.js');
  const runner = registerRequestRunner(context, log, () => catalogs.all, analyze, runnerBundle, siteAtCursor(editor.trees));
  const decodeError = registerDecodeError(() => catalogs.all, runnerBundle);
  context.subscriptions.push(vscode.commands.registerCommand(Commands.showOutput, () => log.show()), decodeError);
  log.info('API Doctor is active.');
  const exports: ApiDoctorExports = { editor, activationMs: performance.now() - started };
  // Read by the integration tests through `extension.exports`. The runner's parts can reach stored
  // keys, so other extensions never get them: only an extension host running tests does. Getters,
  // so that activation still leaves dist/runner.js unloaded.
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    Object.defineProperties(exports, {
      runner: { get: () => runner.parts(), enumerable: true },
      decodedErrorView: { get: () => decodeError.view(), enumerable: true },
    });
  }
  return exports;
}

export function deactivate(): void {}
