import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeActive, editorFeatures, waitFor } from './editorHelpers';

describe('editor: Send request code lens', () => {
  before(editorFeatures);
  after(closeActive);

  it('sits above each request whose URL resolves and never carries a key', async () => {
    const text = [
      "fetch('https://app.specala.ai/api/v1/developer/projects', { headers: { Authorization: 'Bearer sk_live_abcdefghijklmnop1234', Accept: 'application/json' } });",
      "axios.post('https://waves-api.smallest.ai/api/v1/pulse/get_text?token=sk_abcdef1234567890', body);",
      "fetch(base + '/relative');",
      '',
    ].join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: text });
    await vscode.window.showTextDocument(doc);
    const lenses = await waitFor(
      () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri),
      (l) => l.filter((c) => c.command?.command === 'apiDoctor.sendRequest').length === 2,
      'two lenses',
    );
    const ours = lenses.filter((c) => c.command?.command === 'apiDoctor.sendRequest');
    assert.deepEqual(ours.map((c) => c.range.start.line), [0, 1]);
    assert.deepEqual(ours.map((c) => c.command?.title), ['$(send) Send request', '$(send) Send request']);
    assert.deepEqual(ours[0].command?.arguments, [{ method: 'GET', url: 'https://app.specala.ai/api/v1/developer/projects', headers: { Accept: 'application/json' } }]);
    assert.deepEqual(ours[1].command?.arguments, [{ method: 'POST', url: 'https://waves-api.smallest.ai/api/v1/pulse/get_text?token=***', headers: {} }]);
    assert.ok(!JSON.stringify(ours.map((c) => c.command?.arguments)).includes('abcdef'));
  });
});
