// `npm start`: serves API Doctor in a browser-hosted VS Code (code-server on 127.0.0.1) with
// examples/ open, plus the local sandbox API (scripts/sandbox.mjs) when it exists. The extension
// is this folder itself, linked into the server's extensions folder, so after `npm run build`
// a window reload (F1 › Developer: Reload Window) picks up the new code. Ctrl+C stops everything.
//   node scripts/vscode-host/serve.mjs [--port N]   (API_DOCTOR_HOST_VERBOSE=1 shows the server's log)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer, exit, isShuttingDown, onShutdown, repoRoot, scratchDir, sleep, startServer, workbenchUrl } from './host.mjs';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;

/**
 * Starts scripts/sandbox.mjs in its own process group, its output prefixed; stops it on shutdown.
 * Resolves once its banner has been printed (quiet for 300 ms, at most 3 s), so the workbench URL
 * printed next is the last thing on screen.
 */
async function startSandbox() {
  const script = join(repoRoot, 'scripts', 'sandbox.mjs');
  if (!existsSync(script)) return;
  const child = spawn(process.execPath, [script], { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let lastOutput = 0;
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      lastOutput = Date.now();
      process.stdout.write(chunk.replace(/^/gm, '[sandbox] ').replace(/\[sandbox\] $/, ''));
    });
  }
  child.on('exit', (code, signal) => console.log(`[sandbox] exited (${code ?? signal})`));
  const kill = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  process.on('exit', () => kill('SIGKILL'));
  onShutdown(() => kill('SIGTERM'));
  const started = Date.now();
  const settled = () => lastOutput > 0 && Date.now() - lastOutput >= 300;
  while (!settled() && Date.now() - started < 3000 && child.exitCode === null) await sleep(50);
}

async function main() {
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) {
    console.error('dist/extension.js is missing: run `npm run build` first (`npm start` does).');
    return 2;
  }
  await ensureCodeServer();
  const scratch = scratchDir('serve');
  const { publisher, name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  mkdirSync(join(scratch, 'extensions'), { recursive: true });
  symlinkSync(repoRoot, join(scratch, 'extensions', `${publisher}.${name}-${version}`), 'dir');
  onShutdown(() => rmSync(scratch, { recursive: true, force: true, maxRetries: 3 }));
  const server = await startServer({ scratch, port, quiet: !process.env.API_DOCTOR_HOST_VERBOSE });
  server.process.on('exit', (code, signal) => {
    if (isShuttingDown()) return;
    console.error(`code-server exited (${code ?? signal}); its log:\n${server.log()}`);
    void exit(1);
  });
  await startSandbox();
  console.log(`\nAPI Doctor in VS Code: ${workbenchUrl(server, join(repoRoot, 'examples'))}\nCtrl+C stops the server.\n`);
  await new Promise(() => {}); // until a signal arrives; host.mjs cleans up then
}

main().then(exit, (e) => {
  console.error(`start: ${e?.stack ?? e}`);
  return exit(1);
});
