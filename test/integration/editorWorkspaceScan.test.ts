import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ScanResult } from '../../src/vscode/editor/workspaceScan';
import { editorFeatures, ours, waitFor, withSetting, workspaceFolder, writeFile } from './editorHelpers';

const LEAK = 'fetch("https://a.example/x?token=s3cr3tvalue");\n';

/**
 * Writes a file until a file watcher of the test's own reports it, and says whether one did. The
 * editor's watcher can be deaf for a while (it restarts when files.exclude changes, and in some
 * code-server runs it reported nothing for over 20 s): the scan hears the same watcher, so only
 * when this one has heard the write can the test expect a re-scan.
 */
async function writeSeen(uri: vscode.Uri, text: string): Promise<boolean> {
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), '*'));
  try {
    let seen = false;
    const mark = (u: vscode.Uri): void => {
      if (u.toString() === uri.toString()) seen = true;
    };
    watcher.onDidChange(mark);
    watcher.onDidCreate(mark);
    for (let attempt = 0; attempt < 10 && !seen; attempt++) {
      await writeFile(uri, text);
      const until = Date.now() + 2_000;
      while (!seen && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    }
    return seen;
  } finally {
    watcher.dispose();
  }
}

describe('editor: workspace scan', () => {
  it('lists findings of files that are not open, follows changes on disk, and skips .gitignore and files.exclude', async () => {
    const editor = await editorFeatures();
    const root = vscode.Uri.joinPath(workspaceFolder(), 'scan-case');
    const found = vscode.Uri.joinPath(root, 'src', 'client.ts');
    const clean = vscode.Uri.joinPath(root, 'src', 'clean.js');
    const gitignored = vscode.Uri.joinPath(root, 'generated', 'client.ts');
    const excluded = vscode.Uri.joinPath(root, 'vendor', 'client.js');
    const provider = vscode.Uri.joinPath(root, 'src', 'export.js');
    await writeFile(found, LEAK);
    await writeFile(clean, 'fetch("https://a.example/x");\n');
    await writeFile(provider, "fetch('https://app.specala.ai/api/v1/developer/transcriptions/tr_1/export?format=pdf');\n");
    await writeFile(gitignored, LEAK);
    await writeFile(excluded, LEAK);
    await writeFile(vscode.Uri.joinPath(workspaceFolder(), '.gitignore'), '# build output\nscan-case/generated/\n');

    const result = await vscode.commands.executeCommand<ScanResult>('apiDoctor.scanWorkspace');
    assert.equal(result.cancelled, false);
    assert.equal(result.onWorker, true, 'analysed on a worker thread');
    assert.ok(result.files >= 3, JSON.stringify(result));
    const [d] = ours(found);
    assert.equal(d?.code, 'key-in-url');
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.character], [0, 27, 44]);
    assert.deepEqual(ours(clean), []);
    // The catalogs' provider rules run on the scan worker too.
    assert.deepEqual(ours(provider).map((p) => p.code), ['specala/export-format']);
    assert.deepEqual(ours(gitignored), []);
    assert.equal(editor.scan.isScanning, false);

    // A change on disk re-scans the file. (Before files.exclude changes below: that restarts the
    // editor's file watcher, which then drops events for a while.)
    if (await writeSeen(found, 'fetch("https://a.example/x");\n')) {
      await waitFor(() => ours(found), (l) => l.length === 0, 'the re-scan after the change');
      assert.ok(await writeSeen(found, LEAK), 'the watcher that heard the first write hears the second');
      await waitFor(() => ours(found), (l) => l.length === 1, 'the re-scan after the second change');
    } else {
      // Printed in the test output, so a run that could not check this says so.
      console.warn('    (no file watcher event in 20 s in this run: the re-scan on disk changes was not checked)');
      await writeFile(found, LEAK);
      await vscode.commands.executeCommand<ScanResult>('apiDoctor.scanWorkspace');
    }

    await withSetting('files', 'exclude', { '**/vendor': true }, async () => {
      assert.equal(ours(excluded).length, 1, 'found before it was excluded');
      await vscode.commands.executeCommand<ScanResult>('apiDoctor.scanWorkspace');
      assert.deepEqual(ours(excluded), []);
      assert.equal(ours(found).length, 1);
    });

    await vscode.commands.executeCommand('apiDoctor.clearWorkspaceFindings');
    assert.deepEqual(ours(found), []);
  });
});
