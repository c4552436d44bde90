import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeActive, editorFeatures, ours, waitFor } from './editorHelpers';

describe('editor: walkthrough and status bar', () => {
  it('opens an example as an untitled copy that shows its finding', async () => {
    await editorFeatures();
    const uri = await vscode.commands.executeCommand<string>('apiDoctor.openExample', 'key-in-url.ts');
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc);
    assert.equal(doc.uri.toString(), uri);
    assert.equal(doc.uri.scheme, 'untitled');
    assert.equal(doc.languageId, 'typescript');
    const [d] = await waitFor(() => ours(doc.uri), (l) => l.some((x) => x.code === 'key-in-url'), 'the example finding');
    assert.ok(doc.getText(d.range).startsWith('api_key='));
    await closeActive();
  });

  it('opens the Problems view from the status bar item', async () => {
    const editor = await editorFeatures();
    assert.equal(editor.statusBar.shown.command, 'workbench.actions.view.problems');
  });
});
