import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** Waits until `read` returns a value that `done` accepts, or fails with the last value seen. */
export async function waitFor<T>(read: () => T, done: (v: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  let value = read();
  while (!done(value)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
    value = read();
  }
  return value;
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'API Doctor');

describe('key-in-url diagnostics', () => {
  it('appears on open with the rule id and the range of the parameter', async () => {
    const text = 'const key = process.env.KEY;\nfetch(`https://api.example.com/v1/items?limit=5&api_key=${key}`);\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: text });
    await vscode.window.showTextDocument(doc);
    const [d] = await waitFor(() => ours(doc.uri), (l) => l.length === 1, 'one diagnostic');
    assert.equal(d.code, 'key-in-url');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(doc.getText(d.range), 'api_key=${key}');
  });

  it('goes away when the key moves out of the URL, and comes back while typing', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: 'fetch("https://x.example/a?token=abc");\n' });
    const editor = await vscode.window.showTextDocument(doc);
    await waitFor(() => ours(doc.uri), (l) => l.length === 1, 'the first diagnostic');
    const start = doc.getText().indexOf('?');
    await editor.edit((e) => e.delete(new vscode.Range(doc.positionAt(start), doc.positionAt(start + '?token=abc'.length))));
    await waitFor(() => ours(doc.uri), (l) => l.length === 0, 'the diagnostic to clear');
    await editor.edit((e) => e.insert(doc.positionAt(doc.getText().indexOf('"', 7)), '?apikey=abc'));
    const [d] = await waitFor(() => ours(doc.uri), (l) => l.length === 1, 'the diagnostic to return');
    assert.equal(doc.getText(d.range), 'apikey=abc');
  });
});
