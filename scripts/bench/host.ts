/**
 * The host benchmark, loaded by the extension host in place of the integration suite
 * (API_DOCTOR_HOST_TESTS=out/bench-host/index.js): activation time, then memory before and after
 * opening, linting and closing 500 documents. Prints one `BENCH_HOST {json}` line.
 */
import * as vscode from 'vscode';

const DOCUMENTS = 500;

function memory(): { rssMB: number; heapUsedMB: number; arrayBuffersMB: number } {
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), arrayBuffersMB: mb(m.arrayBuffers) };
}

async function until(done: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'API Doctor');

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension('api-doctor.api-doctor');
  if (!ext) throw new Error('API Doctor is not installed in this host');
  const wasActive = ext.isActive;
  const t0 = performance.now();
  const api = (await ext.activate()) as { editor: { trees: { size: number } }; activationMs: number };
  // When the workbench activated the extension first, only activate()'s own time is known.
  const activationMs = wasActive ? api.activationMs : performance.now() - t0;

  // A first document loads the TypeScript grammar, so the loop below measures steady state.
  const warm = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'fetch("https://x.example/a?api_key=1");\n' });
  await until(() => ours(warm.uri).length === 1, 20_000);
  if (global.gc) global.gc();
  const before = memory();

  let linted = 0;
  const t1 = performance.now();
  for (let i = 0; i < DOCUMENTS; i++) {
    const content = `// document ${i}\nconst key = process.env.KEY_${i};\nexport async function get${i}() {\n  return fetch(\`https://api.example.com/v1/items/${i}?api_key=\${key}\`);\n}\n`;
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content });
    await vscode.window.showTextDocument(doc, { preview: true });
    if (await until(() => ours(doc.uri).length === 1, 10_000)) linted++;
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  const loopMs = performance.now() - t1;
  // Closed untitled documents are disposed by the workbench a moment later.
  await until(() => api.editor.trees.size <= 1, 30_000);
  await new Promise((r) => setTimeout(r, 1000));
  if (global.gc) global.gc();
  const after = memory();

  const result = { wasActive, activationMs: Math.round(activationMs * 10) / 10, activateFunctionMs: Math.round(api.activationMs * 10) / 10, documents: DOCUMENTS, linted, msPerDocument: Math.round((loopMs / DOCUMENTS) * 10) / 10, treesLeft: api.editor.trees.size, before, after };
  console.log(`BENCH_HOST ${JSON.stringify(result)}`);
}
