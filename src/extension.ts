/** Wires API Doctor's parts together; the work itself lives in the modules imported here. */
import * as vscode from 'vscode';
import { setWasmDirectory } from './core/parser';
import { registerDecodeError } from './vscode/decode/registerDecodeError';
import { registerEditorFeatures } from './vscode/editor/editorFeatures';
import { Commands } from './vscode/ids';
import { registerRequestRunner, type RequestRunnerParts } from './vscode/runner/registerRunner';
import { siteAtCursor } from './vscode/runner/siteAtCursor';

export function activate(context: vscode.ExtensionContext): { editor: ReturnType<typeof registerEditorFeatures>; activationMs: number; runner?: RequestRunnerParts } {
  const started = performance.now();
  setWasmDirectory(vscode.Uri.joinPath(context.extensionUri, 'dist', 'wasm').fsPath);
  const log = vscode.window.createOutputChannel('API Doctor', { log: true });
  context.subscriptions.push(log);

  const editor = registerEditorFeatures(context, log);
  const catalogs = editor.catalogs;
  const runner = registerRequestRunner(context, log, () => catalogs.all, siteAtCursor(editor.trees));
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showOutput, () => log.show()),
    registerDecodeError(() => catalogs.all),
  );
  log.info('API Doctor is active.');
  // Read by the integration tests through `extension.exports`. The runner's parts can reach stored
  // keys, so other extensions never get them: only an extension host running tests does.
  // How long activate() itself took (the host benchmark reads it; the bundle's load comes before).
  const activationMs = performance.now() - started;
  return { editor, activationMs, ...(context.extensionMode === vscode.ExtensionMode.Test ? { runner } : {}) };
}

export function deactivate(): void {}
