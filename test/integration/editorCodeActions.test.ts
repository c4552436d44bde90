import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeActive, editorFeatures, openLinted, ours, waitFor, withSetting, workspaceFolder, writeFile } from './editorHelpers';

const OUR_TITLES = [/^Wait with exponential backoff/, /^Move the credential/, /^Write the header/, /^Read the key from/, /^Disable .+ (for this line|in this file)$/, /^Show documentation for /, /API Doctor/];

async function quickFixes(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value);
  // Other extensions' actions (TypeScript's own) are left out by title.
  return all.filter((a) => OUR_TITLES.some((t) => t.test(a.title)));
}

async function apply(action: vscode.CodeAction | undefined): Promise<void> {
  assert.ok(action?.edit, 'an action with an edit');
  assert.equal(await vscode.workspace.applyEdit(action.edit), true);
}

const KEY_IN_URL = 'const key = process.env.WEATHER_KEY;\nfetch(`https://api.example.com/v1/items?limit=5&api_key=${key}`);\n';

describe('editor: quick fixes', () => {
  before(editorFeatures);
  afterEach(closeActive);

  it('offers the finding fix, disable for line and file and the docs, tied to the diagnostic', async () => {
    const { doc, diagnostics: [d] } = await openLinted(KEY_IN_URL);
    const titles = (await quickFixes(doc, d.range)).map((a) => a.title);
    assert.deepEqual(titles, [
      'Move the credential to the Authorization header',
      'Disable key-in-url for this line',
      'Disable key-in-url in this file',
      'Show documentation for key-in-url',
    ]);
    const docs = (await quickFixes(doc, d.range))[3];
    assert.deepEqual(docs.command?.arguments, ['key-in-url']);
  });

  it('moves the key to the Authorization header', async () => {
    const { doc, diagnostics: [d] } = await openLinted(KEY_IN_URL);
    const fix = (await quickFixes(doc, d.range))[0];
    assert.equal(fix.title, 'Move the credential to the Authorization header');
    assert.equal(fix.kind?.value, 'quickfix');
    assert.equal(fix.isPreferred, true);
    await apply(fix);
    assert.equal(doc.getText(), 'const key = process.env.WEATHER_KEY;\nfetch(`https://api.example.com/v1/items?limit=5`, { headers: { Authorization: `Bearer ${key}` } });\n');
    await waitFor(() => ours(doc.uri), (l) => l.length === 0, 'the diagnostic to clear');
  });

  it('rewrites a malformed Bearer value', async () => {
    const { doc, diagnostics: [d] } = await openLinted("fetch('https://app.specala.ai/api/v1/developer/projects', { headers: { Authorization: `Bearer ${process.env.SPECALA_API_KEY} ` } });\n");
    assert.equal(d.code, 'bearer-format');
    await apply((await quickFixes(doc, d.range)).find((a) => a.title.startsWith('Write the header')));
    assert.equal(doc.getText(), "fetch('https://app.specala.ai/api/v1/developer/projects', { headers: { Authorization: `Bearer ${process.env.SPECALA_API_KEY}` } });\n");
  });

  it('replaces a hard-coded key by an environment variable read', async () => {
    const text = "fetch('https://app.specala.ai/api/v1/developer/projects', { headers: { Authorization: 'Bearer sk_live_9fQ2mX7pL4vR8tK1' } });\nconst home = process.env.HOME;\n";
    const { doc, diagnostics: [d] } = await openLinted(text);
    assert.equal(d.code, 'hardcoded-key');
    const fix = (await quickFixes(doc, d.range))[0];
    assert.equal(fix.title, 'Read the key from process.env.SPECALA_API_KEY');
    await apply(fix);
    assert.equal(doc.getText(), "fetch('https://app.specala.ai/api/v1/developer/projects', { headers: { Authorization: `Bearer ${process.env.SPECALA_API_KEY}` } });\nconst home = process.env.HOME;\n");
    await waitFor(() => ours(doc.uri), (l) => l.length === 0, 'the finding to clear');
  });

  it('rewrites a retry loop to back off exponentially and honour Retry-After', async () => {
    const text = 'export async function get(u: string) {\n  for (;;) {\n    const r = await fetch(u);\n    if (r.status !== 429) return r;\n  }\n}\n';
    const { doc, diagnostics: [d] } = await openLinted(text);
    assert.equal(d.code, 'retry-without-backoff');
    const fix = (await quickFixes(doc, d.range))[0];
    assert.equal(fix.title, 'Wait with exponential backoff and honour Retry-After');
    await apply(fix);
    assert.equal(doc.getText(), [
      'export async function get(u: string) {',
      '  let attempt = 0;',
      '  let retryAfter: string | null | undefined;',
      '  for (;;) {',
      '    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, retryAfter)));',
      '    attempt++;',
      '    const r = await fetch(u);',
      "    retryAfter = r.headers.get('retry-after');",
      '    if (r.status !== 429) return r;',
      '  }',
      '}',
      '',
      '/** Capped exponential backoff with jitter: 500 ms doubling to 30 s; a Retry-After header wins. */',
      'function backoffDelay(attempt: number, retryAfter?: string | null): number {',
      '  if (retryAfter) {',
      '    const seconds = Number(retryAfter);',
      '    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();',
      '    if (ms >= 0) return Math.min(ms, 30_000);',
      '  }',
      '  const cap = Math.min(30_000, 500 * 2 ** Math.max(0, attempt - 1));',
      '  return cap / 2 + Math.random() * (cap / 2);',
      '}',
      '',
    ].join('\n'));
    await waitFor(() => ours(doc.uri), (l) => l.every((x) => x.code !== 'retry-without-backoff'), 'the retry finding to clear');
  });

  it('rewrites a Python retry loop the same way, in Python', async () => {
    const text = 'import requests\n\n\ndef voices(url):\n    while True:\n        resp = requests.get(url)\n        if resp.status_code == 429:\n            continue\n        return resp.json()\n';
    const { doc, diagnostics } = await openLinted(text, 'python');
    const d = diagnostics.find((x) => x.code === 'retry-without-backoff')!;
    const fix = (await quickFixes(doc, d.range)).find((a) => a.title === 'Wait with exponential backoff and honour Retry-After');
    assert.ok(fix, 'the backoff fix is offered');
    await apply(fix);
    const out = doc.getText();
    assert.ok(out.startsWith('import requests\nimport time\n\n\ndef voices(url):\n    attempt = 0\n    retry_after = None\n    while True:\n        if attempt > 0:\n            time.sleep(backoff_seconds(attempt, retry_after))\n        attempt += 1\n        resp = requests.get(url)\n        retry_after = resp.headers.get("retry-after")\n'), out);
    assert.match(out, /\ndef backoff_seconds\(attempt, retry_after=None\):\n/);
    await waitFor(() => ours(doc.uri), (l) => l.every((x) => x.code !== 'retry-without-backoff'), 'the retry finding to clear');
  });

  it('disables the rule for one line and for the file with comments the analyzer honours', async () => {
    const { doc, diagnostics: [d] } = await openLinted(`function f() {\n  ${KEY_IN_URL.split('\n')[1]}\n}\n`);
    await apply((await quickFixes(doc, d.range)).find((a) => a.title === 'Disable key-in-url for this line'));
    assert.equal(doc.getText().split('\n')[1], '  // api-doctor-disable-next-line key-in-url');
    await waitFor(() => ours(doc.uri), (l) => l.length === 0, 'the line to be suppressed');

    const second = await openLinted(KEY_IN_URL);
    await apply((await quickFixes(second.doc, second.diagnostics[0].range)).find((a) => a.title === 'Disable key-in-url in this file'));
    assert.equal(second.doc.getText().split('\n')[0], '/* api-doctor-disable key-in-url */');
    await waitFor(() => ours(second.doc.uri), (l) => l.length === 0, 'the file to be suppressed');
    await closeActive();
  });

  it('fixes everything at once with source.fixAll.apiDoctor and the Fix All command', async () => {
    const text = `${KEY_IN_URL}fetch('https://app.specala.ai/api/v1/developer/projects', { headers: { Authorization: \`Bearer \${process.env.SPECALA_API_KEY} \` } });\n`;
    const { doc } = await openLinted(text, 'typescript', 2);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.apiDoctor');
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.apiDoctor');
    const expected = 'const key = process.env.WEATHER_KEY;\nfetch(`https://api.example.com/v1/items?limit=5`, { headers: { Authorization: `Bearer ${key}` } });\n' +
      "fetch('https://app.specala.ai/api/v1/developer/projects', { headers: { Authorization: `Bearer ${process.env.SPECALA_API_KEY}` } });\n";
    await apply(fixAll);
    assert.equal(doc.getText(), expected);

    const again = await openLinted(text, 'typescript', 2);
    assert.equal(await vscode.commands.executeCommand('apiDoctor.fixAll'), true);
    assert.equal(again.doc.getText(), expected);
    await closeActive();
  });

  it('fixes on save through editor.codeActionsOnSave', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolder(), 'fix-on-save.ts');
    await writeFile(uri, KEY_IN_URL);
    await withSetting('editor', 'codeActionsOnSave', { 'source.fixAll.apiDoctor': 'explicit' }, async () => {
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc);
      await waitFor(() => ours(uri), (l) => l.length === 1, 'the diagnostic');
      // A change makes the document dirty so that saving runs the save participants.
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// weather\n'));
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor(() => doc.getText(), (t) => !t.includes('api_key'), 'the fix on save');
      assert.equal(doc.getText(), '// weather\nconst key = process.env.WEATHER_KEY;\nfetch(`https://api.example.com/v1/items?limit=5`, { headers: { Authorization: `Bearer ${key}` } });\n');
    });
  });
});
