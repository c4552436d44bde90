/** Shared by the editor suites: the extension's test exports, waiting, documents and settings. */
import * as vscode from 'vscode';
import type { EditorFeatures } from '../../src/vscode/editor/editorFeatures';

/** Waits until `read` returns a value that `done` accepts, or fails with the last value seen. */
export async function waitFor<T>(read: () => T | PromiseLike<T>, done: (v: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

export async function editorFeatures(): Promise<EditorFeatures> {
  const ext = vscode.extensions.getExtension<{ editor: EditorFeatures }>('api-doctor.api-doctor');
  if (!ext) throw new Error('the API Doctor extension is not loaded');
  return (await ext.activate()).editor;
}

export const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'API Doctor');

/** Opens an untitled document and waits until API Doctor has linted it (`count` diagnostics). */
export async function openLinted(content: string, language = 'typescript', count = 1): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor; diagnostics: vscode.Diagnostic[] }> {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  const editor = await vscode.window.showTextDocument(doc);
  const diagnostics = await waitFor(() => ours(doc.uri), (l) => l.length === count, `${count} diagnostic(s)`);
  return { doc, editor, diagnostics };
}

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration run opens a workspace folder');
  return folder.uri;
}

export async function writeFile(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Sets a workspace setting for the duration of `body`, then restores it. */
export async function withSetting<T>(section: string, key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration(section);
  const before = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    return await body();
  } finally {
    await vscode.workspace.getConfiguration(section).update(key, before, vscode.ConfigurationTarget.Workspace);
  }
}

/** Whether the manifest declares a setting yet (VS Code refuses to write undeclared ones). */
export function declares(setting: string): boolean {
  const ext = vscode.extensions.getExtension('api-doctor.api-doctor');
  return Boolean(ext?.packageJSON?.contributes?.configuration?.properties?.[setting]);
}

/** Closes the active editor without a save prompt. */
export async function closeActive(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** The Markdown of API Doctor's own hovers at a position (other providers' hovers left out). */
export async function ourHovers(doc: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .filter((v) => v.startsWith('**API Doctor**') || v.startsWith('**HTTP '));
}

export function positionOf(doc: vscode.TextDocument, needle: string, delta = 1): vscode.Position {
  const i = doc.getText().indexOf(needle);
  if (i < 0) throw new Error(`${needle} is not in the document`);
  return doc.positionAt(i + delta);
}
