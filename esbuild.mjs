// One bundler for everything: the extension and CLI (node, cjs, `vscode` external), the panel's
// browser script, and a plain transpile of src/ + test/ into out/ for the unit and host tests.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const require = createRequire(import.meta.url);

/** The grammars the analyzer loads; everything else in the package stays out of the VSIX. */
const GRAMMARS = ['javascript', 'typescript', 'tsx', 'python', 'go', 'bash'];

function copyWasm() {
  const from = join(dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
  const to = 'dist/wasm';
  mkdirSync(to, { recursive: true });
  cpSync(join(from, 'tree-sitter.wasm'), join(to, 'tree-sitter.wasm'));
  for (const g of GRAMMARS) cpSync(join(from, `tree-sitter-${g}.wasm`), join(to, `tree-sitter-${g}.wasm`));
}

function listTs(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      // Fixtures are user code for the analyzer to read (some half-typed on purpose), not ours to build.
      if (p === join('test', 'fixtures')) continue;
      // The panel's script needs a DOM; its pure view model (model.ts) is transpiled for the unit tests.
      if (p === join('src', 'webview')) {
        out.push(join(p, 'model.ts'));
        continue;
      }
      out.push(...listTs(p));
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  // jsonc-parser's UMD entry requires its parts at run time, which a bundle cannot; its ESM entry bundles.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
};

// Not cleaned by default: several builds may run side by side, and a test run must not lose its
// files to another build. `--clean` starts from nothing (a release build always does).
if (production || process.argv.includes('--clean')) {
  rmSync('dist', { recursive: true, force: true });
  rmSync('out', { recursive: true, force: true });
}
copyWasm();

await Promise.all([
  // Activation loads only dist/extension.js (the linter); the Request Runner (undici, panel, keys)
  // and the error decoder are a bundle of their own that src/vscode/lazy.ts loads on first use.
  esbuild.build({ ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' }),
  esbuild.build({ ...node, entryPoints: ['src/vscode/runnerEntry.ts'], outfile: 'dist/runner.js' }),
  esbuild.build({ ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The local stand-in for the providers' APIs (`npm run sandbox`); not part of the VSIX.
  esbuild.build({ ...node, entryPoints: ['src/sandbox/main.ts'], outfile: 'dist/sandbox.js' }),
  esbuild.build({
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022',
    entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js',
    minify: production, sourcemap: !production, sourcesContent: false, logLevel: 'warning',
  }),
  // Tests and the modules they load, transpiled file by file so stack traces point at sources.
  ...(production ? [] : [
    esbuild.build({
      entryPoints: [...listTs('src'), ...listTs('test'), ...listTs('scripts')], outdir: 'out', outbase: '.',
      platform: 'node', format: 'cjs', target: 'node18', sourcemap: 'inline', logLevel: 'warning',
    }),
    // The host test index is bundled: the extension host loads one file and finds mocha beside it.
    esbuild.build({ ...node, entryPoints: ['test/integration/index.ts'], outfile: 'out/integration/index.js', external: ['vscode', 'mocha'] }),
    // The host benchmark (`npm run bench -- host`) runs through the same harness.
    esbuild.build({ ...node, entryPoints: ['scripts/bench/host.ts'], outfile: 'out/bench-host/index.js' }),
  ]),
]);
