import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DecodedErrorView } from '../../src/vscode/decode/registerDecodeError';
import { closeActive, waitFor } from './editorHelpers';

const KEY = 'sk_live_Zx81QpL0vN3mR7tY5uWb2cHd';

/** `curl -v` output of a request that put the key in the URL, as a user would select it. */
const CURL_VERBOSE = [
  '* Connected to app.specala.ai (104.18.2.1) port 443',
  `> GET /api/v1/developer/transcriptions?api_key=${KEY} HTTP/2`,
  '> Host: app.specala.ai',
  '> Accept: */*',
  '>',
  '< HTTP/2 401',
  '< content-type: application/json',
  '< x-request-id: 5f0c9d2e',
  '<',
  '{"detail":"Invalid API key"}',
].join('\n');

/** The view behind the command, from the test-only exports (the view itself, or a getter when it loads lazily). */
async function decodedErrorView(): Promise<DecodedErrorView> {
  const ext = vscode.extensions.getExtension<{ decodedErrorView?: DecodedErrorView | (() => DecodedErrorView) }>('api-doctor.api-doctor');
  if (!ext) throw new Error('the API Doctor extension is not loaded');
  const exported = (await ext.activate()).decodedErrorView;
  if (!exported) throw new Error('the decoded-error view is exported only in an extension host running tests');
  return typeof exported === 'function' ? exported() : exported;
}

function decodedErrorTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('apiDoctor.decodedError'));
}

describe('command: Decode HTTP Error…', () => {
  it('decodes the selection, opens the diagnosis view and copies a masked support ticket', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: CURL_VERBOSE });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(doc.positionAt(0), doc.positionAt(doc.getText().length));

    await vscode.commands.executeCommand('apiDoctor.decodeError');
    const tabs = await waitFor(() => decodedErrorTabs().map((t) => t.label), (labels) => labels.length === 1, 'the diagnosis view');
    assert.deepEqual(tabs, ['HTTP 401: Key not accepted']);

    // The view's "Copy support ticket" button runs this; the webview's own script cannot be clicked from here.
    const view = await decodedErrorView();
    await vscode.env.clipboard.writeText('');
    await view.copyTicket();
    const ticket = await vscode.env.clipboard.readText();
    assert.match(ticket, /^## 401 Unauthorized \(Invalid API key\) from Specala AI/);
    assert.match(ticket, /\| Request id \| `5f0c9d2e` \|/);
    assert.match(ticket, /\| URL \| `https:\/\/app\.specala\.ai\/api\/v1\/developer\/transcriptions\?api_key=\*\*\*` \|/);
    assert.equal(ticket.includes(KEY), false, 'the key must be masked in the ticket');
    assert.equal(/sk_live_[A-Za-z0-9]{6,}/.test(ticket), false);

    // Decoding again reuses the one view. The view took the focus: select the text again first.
    const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    const again = await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, selection: all });
    assert.equal(again.selection.isEmpty, false);
    await vscode.commands.executeCommand('apiDoctor.decodeError');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(decodedErrorTabs().length, 1);

    await vscode.window.tabGroups.close(decodedErrorTabs());
    await closeActive();
  });
});
