// Runs the integration suite (out/integration/index.js) inside a real VS Code extension host:
// code-server with the smoke-test driver, opened in headless Chromium. The workbench reports each
// log line of the suite through `codeAutomationLog` and its result through `codeAutomationExit`.
//   npm run build && node scripts/vscode-host/run-integration.mjs
// API_DOCTOR_HOST_TIMEOUT (seconds, default 600) bounds the whole run; API_DOCTOR_HOST_VERBOSE=1
// also shows the workbench's own start-up log lines; API_DOCTOR_HOST_TESTS runs another bundled
// test index instead (a path relative to the repository, e.g. the host benchmark's).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import {
  ensureCodeServer, exit, isShuttingDown, launchBrowser, onShutdown, remoteUri, repoRoot, scratchDir, seconds, startServer, withTimeout, workbenchUrl,
} from './host.mjs';

const timeoutMs = Number(process.env.API_DOCTOR_HOST_TIMEOUT || 600) * 1000;
const testsPath = join(repoRoot, process.env.API_DOCTOR_HOST_TESTS || join('out', 'integration', 'index.js'));
const verbose = !!process.env.API_DOCTOR_HOST_VERBOSE;
/** The workbench's own start-up lines share the channel with mocha; they only bury the results. */
const workbenchChatter = /^(Resolving connection token|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|\[Service Worker\] registered|\[AgentHost:remote\] Initializing|\[AccountPolicyGate\] apply: state=inactive)/;

async function main() {
  for (const f of [join(repoRoot, 'dist', 'extension.js'), testsPath]) {
    if (!existsSync(f)) {
      console.error(`${f.slice(repoRoot.length + 1)} is missing: run \`npm run build\` first.`);
      return 2;
    }
  }
  const t0 = Date.now();
  const install = await ensureCodeServer();

  const scratch = scratchDir('integration');
  let keep = true;
  // Registered first so it runs last, after the server and the browser are gone.
  onShutdown(() => (keep ? console.error(`Server log and profile kept in ${scratch}`) : rmSync(scratch, { recursive: true, force: true, maxRetries: 3 })));
  // The suite opens its own documents; an empty folder keeps other files' diagnostics out.
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const server = await startServer({ scratch, smokeTestDriver: true });
  console.log(`code-server ${server.url} up in ${seconds(server.ms)}`);

  const { page } = await launchBrowser(scratch);
  let settle;
  const result = new Promise((res) => (settle = res));
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const line = format(...(Array.isArray(args) ? args : [args]));
    if (verbose || !workbenchChatter.test(line)) process.stdout.write(`${line}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => settle({ code: Number(code) }));
  page.on('pageerror', (e) => console.error(`[workbench] ${e.message}`));
  server.process.on('exit', (code, signal) => {
    if (!isShuttingDown()) settle({ code: 1, why: `code-server exited (${code ?? signal}) during the run` });
  });

  const payload = [
    ['extensionDevelopmentPath', remoteUri(server, repoRoot)],
    ['extensionTestsPath', remoteUri(server, testsPath)],
    ['skipWelcome', 'true'],
  ];
  const t1 = Date.now();
  await page.goto(workbenchUrl(server, workspace, payload));
  let outcome;
  try {
    outcome = await withTimeout(result, timeoutMs - (t1 - t0),
      `the integration suite did not finish within ${seconds(timeoutMs)} (API_DOCTOR_HOST_TIMEOUT); is the smoke-test driver enabled?`);
  } catch (e) {
    outcome = { code: 1, why: e.message };
    console.error(`code-server log (last lines):\n${server.log().split('\n').slice(-40).join('\n')}`);
  }
  if (outcome.why) console.error(`integration: FAILED: ${outcome.why}`);
  console.log(`integration: ${outcome.code === 0 ? 'passed' : 'failed'} (install ${install.installed ? seconds(install.ms) : 'cached'}, ` +
    `server start ${seconds(server.ms)}, suite ${seconds(Date.now() - t1)}, total ${seconds(Date.now() - t0)})`);
  keep = outcome.code !== 0;
  return outcome.code === 0 ? 0 : 1;
}

main().then(exit, (e) => {
  console.error(`integration: ${e?.stack ?? e}`);
  return exit(1);
});
