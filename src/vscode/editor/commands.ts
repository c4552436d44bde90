/** The editor's commands: workspace scan, clear its findings, rule docs, fix all, open an example. */
import * as vscode from 'vscode';
import { languageForFileName } from '../../core/analyze';
import { Commands } from '../ids';
import type { ApiDoctorCodeActions } from './codeActions';
import { ruleDocsUrl } from './ruleDocs';
import type { WorkspaceScan } from './workspaceScan';

export function registerEditorCommands(
  extensionUri: vscode.Uri,
  scan: WorkspaceScan,
  codeActions: ApiDoctorCodeActions,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.scanWorkspace, () => scan.scan()),
    vscode.commands.registerCommand(Commands.clearWorkspaceFindings, () => scan.clear()),
    vscode.commands.registerCommand(Commands.showRuleDocs, async (ruleId?: unknown) => {
      const id = typeof ruleId === 'string' ? ruleId : await vscode.window.showInputBox({ prompt: vscode.l10n.t('Rule id, e.g. key-in-url') });
      if (id) await vscode.env.openExternal(vscode.Uri.parse(ruleDocsUrl(id)));
    }),
    vscode.commands.registerCommand(Commands.fixAll, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return false;
      const action = await codeActions.fixAllAction(editor.document);
      return action?.edit ? vscode.workspace.applyEdit(action.edit) : false;
    }),
    // An untitled copy: quick fixes must never edit the installed extension's own files.
    vscode.commands.registerCommand(Commands.openExample, async (name?: unknown) => {
      const file = typeof name === 'string' && /^[\w-]+\.[\w]+$/.test(name) ? name : 'key-in-url.ts';
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'examples', file));
      const language = languageForFileName(file) ?? 'plaintext';
      const doc = await vscode.workspace.openTextDocument({ language, content: new TextDecoder().decode(bytes) });
      await vscode.window.showTextDocument(doc);
      return doc.uri.toString();
    }),
  ];
}
