// Runs the integration suite (out/integration/index.js) in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code. CI machines cannot: they run the
// same suite in code-server with `npm run test:integration`.
//   npm run build && node scripts/run-desktop-tests.mjs     (VSCODE_VERSION=1.95.0 to pin one)
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const extensionTestsPath = join(root, 'out', 'integration', 'index.js');

async function main() {
  if (!existsSync(extensionTestsPath) || !existsSync(join(root, 'dist', 'extension.js'))) {
    console.error('out/integration/index.js or dist/extension.js is missing: run `npm run build` first.');
    return 2;
  }
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({
      version: process.env.VSCODE_VERSION || 'stable',
      cachePath: join(root, '.vscode-test'),
      timeout: 30_000,
    });
  } catch (e) {
    console.error(`Could not download desktop VS Code: ${e?.message ?? e}\n` +
      'test:desktop needs access to update.code.visualstudio.com. Without it, run the same suite in a ' +
      'browser-hosted VS Code instead: npm run test:integration');
    return 1;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('No display found: desktop VS Code needs one on Linux (try `xvfb-run -a npm run test:desktop`).');
  }
  // An empty folder, so the suite sees only the documents it opens.
  const workspace = mkdtempSync(join(tmpdir(), 'api-doctor-desktop-'));
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return 0;
  } catch (e) {
    console.error(`desktop: ${e?.message ?? e}`);
    return 1;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

process.exitCode = await main();
