import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeActive, declares, openLinted, ours, waitFor, withSetting } from './editorHelpers';

const EXPORT_JS = [
  `const BASE = 'https://app.specala.ai/api/v1/developer';`,
  `export function exportAll(ids) {`,
  `  return fetch(\`\${BASE}/transcriptions/export\`, { method: 'POST', body: JSON.stringify({ ids, format: 'pdf' }) });`,
  `}`,
  ``,
].join('\n');

describe('editor: provider rules from the catalogs', () => {
  it('shows specala/export-format on the format of a Specala export', async () => {
    const { doc, diagnostics } = await openLinted(EXPORT_JS, 'javascript', 1);
    const [d] = diagnostics;
    assert.equal(d.code, 'specala/export-format');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(doc.getText(d.range), "'pdf'");
    assert.equal(d.message, 'Bulk export accepts `format` `md` or `txt` only; pdf is answered with 422.');
    await closeActive();
  });

  it('turns the rule off from apiDoctor.rules', async function () {
    if (!declares('apiDoctor.rules')) this.skip();
    const { doc } = await openLinted(EXPORT_JS, 'javascript', 1);
    await withSetting('apiDoctor', 'rules', { 'specala/export-format': 'off' }, async () => {
      await waitFor(() => ours(doc.uri), (l) => l.length === 0, 'the provider diagnostic to go');
    });
    await waitFor(() => ours(doc.uri), (l) => l.length === 1 && l[0].code === 'specala/export-format', 'the provider diagnostic to return');
    await closeActive();
  });
});
