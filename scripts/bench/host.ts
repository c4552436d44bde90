/**
 * The host benchmark, loaded by the extension host in place of the integration suite
 * (API_DOCTOR_HOST_TESTS=out/bench-host/index.js): activation time, then memory before and after
 * opening, linting and closing 500 documents. Prints one `BENCH_HOST {json}` line.
 *
 * Activation is timed three ways: around `extension.activate()` as a caller sees it (that also
 * holds the host's own work: storage for globalState, localized strings), the bundle's `require`
 * alone (read, compile, run its top level), and what VS Code itself reports in "Running
 * Extensions" (code loading + the activate() call, from the host's performance marks).
 * Memory is read after a full garbage collection, so growth means something is still referenced.
 * API_DOCTOR_BENCH_HEAP_SNAPSHOTS=<dir> also writes heap snapshots at each point, to see what.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';

const DOCUMENTS = 500;
const EXTENSION_ID = 'api-doctor.api-doctor';

interface Memory {
  rssMB: number;
  heapUsedMB: number;
  /** The JS heap V8 holds from the system; after a collection it shrinks only slowly, so RSS stays up. */
  heapTotalMB: number;
  /** Memory outside the JS heap; the tree-sitter WASM heap is counted here. */
  externalMB: number;
  arrayBuffersMB: number;
}

function memory(): Memory {
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), heapTotalMB: mb(m.heapTotal), externalMB: mb(m.external), arrayBuffersMB: mb(m.arrayBuffers) };
}

/** The host does not run with --expose-gc; the flag can still be set now and `gc` read from a fresh context. */
function garbageCollector(): (() => void) | undefined {
  if (typeof global.gc === 'function') return global.gc;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}
const gc = garbageCollector();

/** Memory after collecting twice (the second pass frees what finalizers of the first released). */
async function collectedMemory(label: string): Promise<Memory> {
  if (gc) {
    gc();
    await new Promise((r) => setTimeout(r, 100));
    gc();
  }
  const dir = process.env.API_DOCTOR_BENCH_HEAP_SNAPSHOTS;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    v8.writeHeapSnapshot(join(dir, `${label}.heapsnapshot`));
  }
  return memory();
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
const round = (n: number) => Math.round(n * 10) / 10;

/** Times each `require` of a file in the extension's dist/ while `body` runs (the bundle's load). */
async function timingRequires<T>(distDir: string, body: () => Promise<T>): Promise<{ value: T; loads: Record<string, number> }> {
  // The CommonJS loader's per-extension hook: reading, compiling and running one file.
  const loaders = (require('node:module') as { _extensions: Record<string, (m: unknown, f: string) => void> })._extensions;
  const original = loaders['.js'];
  const loads: Record<string, number> = {};
  loaders['.js'] = function (this: unknown, m: unknown, file: string) {
    if (!file.startsWith(distDir)) return original.call(this, m, file);
    const t = performance.now();
    try {
      return original.call(this, m, file);
    } finally {
      loads[file.slice(distDir.length + 1)] = round(performance.now() - t);
    }
  };
  try {
    return { value: await body(), loads };
  } finally {
    loaders['.js'] = original;
  }
}

/** What VS Code shows in "Running Extensions": code loading plus the activate() call (its marks are in ms). */
function hostReportedMs(): { codeLoadingMs: number; activateCallMs: number } | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): Array<{ name: string; startTime: number }> } }).MonacoPerformanceMarks?.getMarks();
  const at = (name: string) => marks?.find((m) => m.name === `code/extHost/${name}/${EXTENSION_ID}`)?.startTime;
  const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(at);
  if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) return undefined;
  return { codeLoadingMs: didLoad - willLoad, activateCallMs: didActivate - willActivate };
}

/**
 * The release (minified) bundles, built by bench.mjs into API_DOCTOR_BENCH_RELEASE: `npm run build`
 * is a development build, twice the size, and compiling is most of a bundle's load. Each is
 * required once here, fresh, right after activation (the memory readings all include them).
 */
function releaseLoads(): Record<string, number> | undefined {
  const dir = process.env.API_DOCTOR_BENCH_RELEASE;
  if (!dir) return undefined;
  const loads: Record<string, number> = {};
  // `vscode` resolves per requiring file; the first lookup from a file outside the extension's
  // own folders sets up an API object once. A one-line file pays for that before the timed loads.
  for (const file of ['vscode.js', 'extension.js', 'runner.js']) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const t = performance.now();
    require(path);
    if (file !== 'vscode.js') loads[file] = round(performance.now() - t);
  }
  return loads;
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error('API Doctor is not installed in this host');
  const wasActive = ext.isActive;
  const t0 = performance.now();
  const { value: api, loads } = await timingRequires(join(ext.extensionPath, 'dist'), async () => (await ext.activate()) as { editor: { trees: { size: number } }; activationMs: number });
  // When the workbench activated the extension first, only activate()'s own time is known.
  const activationMs = wasActive ? api.activationMs : performance.now() - t0;
  const host = hostReportedMs();

  // A first document loads the TypeScript grammar, so the loop below measures steady state.
  const warm = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'fetch("https://x.example/a?api_key=1");\n' });
  await until(() => ours(warm.uri).length === 1, 20_000);
  const release = releaseLoads();
  const before = await collectedMemory('before');

  let linted = 0;
  let halfway: Memory | undefined;
  const t1 = performance.now();
  for (let i = 0; i < DOCUMENTS; i++) {
    const content = `// document ${i}\nconst key = process.env.KEY_${i};\nexport async function get${i}() {\n  return fetch(\`https://api.example.com/v1/items/${i}?api_key=\${key}\`);\n}\n`;
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content });
    await vscode.window.showTextDocument(doc, { preview: true });
    if (await until(() => ours(doc.uri).length === 1, 10_000)) linted++;
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // Growth from the middle to the end is what each further document keeps (the first ones also
    // fill caches and let the host's own structures reach their size).
    if (i === DOCUMENTS / 2 - 1) halfway = await collectedMemory('halfway');
  }
  const loopMs = performance.now() - t1;
  // Closed untitled documents are disposed by the workbench a moment later.
  await until(() => api.editor.trees.size <= 1, 30_000);
  await new Promise((r) => setTimeout(r, 1000));
  const afterUncollected = memory();
  const after = await collectedMemory('after');

  const result = {
    node: process.version,
    sourceMaps: process.sourceMapsEnabled,
    wasActive,
    activationMs: round(activationMs),
    activateFunctionMs: round(api.activationMs),
    bundleLoads: loads,
    ...(release ? { releaseBundleLoads: release } : {}),
    ...(host ? { hostReported: { ...host, totalMs: host.codeLoadingMs + host.activateCallMs } } : {}),
    documents: DOCUMENTS,
    linted,
    msPerDocument: round(loopMs / DOCUMENTS),
    treesLeft: api.editor.trees.size,
    collected: !!gc,
    before,
    halfway,
    after,
    afterUncollected,
  };
  console.log(`BENCH_HOST ${JSON.stringify(result)}`);
}
