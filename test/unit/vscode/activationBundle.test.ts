/**
 * What each bundle pulls in, read from esbuild's metafile (the same entry points and resolution
 * as esbuild.mjs): activation must not load the Request Runner, and the runner's bundle must not
 * carry a second analyzer (the extension passes its own).
 */
import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(__dirname, '..', '..', '..', '..');

async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({
    absWorkingDir: root, entryPoints: [entry], bundle: true, write: false, metafile: true, outfile: 'bundle.js',
    platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'], mainFields: ['module', 'main'], logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('bundles', function () {
  this.timeout(60_000);

  it('dist/extension.js (loaded at activation) leaves out undici, the runner, the panel, the keys and the decoder', async () => {
    const inputs = await inputsOf('src/extension.ts');
    const late = [/node_modules\/undici\//, /^src\/http\//, /^src\/vscode\/(panel|keys)\//, /^src\/vscode\/runner\/(requestRunner|runnerParts)\.ts$/, /^src\/vscode\/decode\/decodeErrorCommand\.ts$/, /^src\/catalog\/decode\.ts$/];
    assert.deepEqual(inputs.filter((i) => late.some((p) => p.test(i))), []);
    // It still is the linter.
    assert.ok(inputs.includes('src/core/analyze.ts'));
    assert.ok(inputs.includes('src/vscode/diagnostics.ts'));
  });

  it('dist/runner.js holds the runner and the decoder, without the analyzer or the tree-sitter runtime', async () => {
    const inputs = await inputsOf('src/vscode/runnerEntry.ts');
    const editorOnly = [/node_modules\/@vscode\/tree-sitter-wasm\//, /^src\/core\/(analyze|parser)\.ts$/, /^src\/vscode\/editor\//, /^src\/vscode\/diagnostics\.ts$/];
    assert.deepEqual(inputs.filter((i) => editorOnly.some((p) => p.test(i))), []);
    for (const part of ['src/vscode/runner/requestRunner.ts', 'src/vscode/panel/panelProvider.ts', 'src/vscode/decode/decodeErrorCommand.ts', 'src/http/send.ts']) assert.ok(inputs.includes(part), part);
    assert.ok(inputs.some((i) => i.includes('node_modules/undici/')));
  });
});
