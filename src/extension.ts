/** Wires API Doctor's parts together; the work itself lives in the modules imported here. */
import * as vscode from 'vscode';
import { setWasmDirectory } from './core/parser';
import { DiagnosticsController } from './vscode/diagnostics';
import { CONFIG_SECTION, Commands, Views } from './vscode/ids';
import { PanelProvider } from './vscode/panel';
import { readSettings } from './vscode/settings';

export function activate(context: vscode.ExtensionContext): void {
  setWasmDirectory(vscode.Uri.joinPath(context.extensionUri, 'dist', 'wasm').fsPath);
  const log = vscode.window.createOutputChannel('API Doctor', { log: true });
  context.subscriptions.push(log);

  const diagnostics = new DiagnosticsController(readSettings(), log);
  const panel = new PanelProvider(context.extensionUri, String(context.extension.packageJSON.version), () => countFindings(), log);
  context.subscriptions.push(
    diagnostics,
    panel,
    vscode.window.registerWebviewViewProvider(Views.panel, panel),
    vscode.commands.registerCommand(Commands.showOutput, () => log.show()),
    vscode.commands.registerCommand(Commands.openPanel, () => vscode.commands.executeCommand(`${Views.panel}.focus`)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(CONFIG_SECTION)) diagnostics.updateSettings(readSettings());
    }),
    vscode.languages.onDidChangeDiagnostics(() => panel.refresh()),
  );
  log.info('API Doctor is active.');
}

function countFindings(): number {
  let n = 0;
  for (const [, list] of vscode.languages.getDiagnostics()) n += list.filter((d) => d.source === 'API Doctor').length;
  return n;
}

export function deactivate(): void {}
