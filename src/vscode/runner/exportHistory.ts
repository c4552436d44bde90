/** "API Doctor: Export Request History as .http File…": every history entry, keys as variables. */
import * as vscode from 'vscode';
import type { RequestRunner } from './requestRunner';

export async function exportHistory(runner: RequestRunner, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const items = runner.history();
  if (items.length === 0) {
    void vscode.window.showInformationMessage('The request history is empty.');
    return undefined;
  }
  const text = items.map((h) => `### ${h.status ?? h.failure ?? ''} ${h.at}\n${runner.code(h.request, 'http').trimEnd()}\n`).join('\n');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = target ?? (await vscode.window.showSaveDialog({
    title: 'Export request history',
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'api-doctor-history.http') : undefined,
    filters: { 'HTTP requests': ['http', 'rest'] },
  }));
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(`Exported ${items.length} request${items.length === 1 ? '' : 's'} to ${vscode.workspace.asRelativePath(uri)}.`);
  return uri;
}
