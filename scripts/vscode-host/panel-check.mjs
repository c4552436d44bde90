// Drives the Request Runner panel in a real workbench, as a user would: code-server with this
// build of the extension, headless Chromium, and the sandbox API on 127.0.0.1. It composes a
// request, sends it, reads the 401 diagnosis, applies a pre-flight fix, gets a 200, runs into
// the sandbox's 429 and plays synthesised audio. Screenshots land in .test-artifacts/panel/.
//   npm run build && node scripts/vscode-host/panel-check.mjs [--dark]
// API_DOCTOR_UI_TIMEOUT (seconds, default 300) bounds the whole run.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  ensureCodeServer, exit, launchBrowser, onShutdown, repoRoot, scratchDir, seconds, sleep, startServer, withTimeout, workbenchUrl,
} from './host.mjs';

const timeoutMs = Number(process.env.API_DOCTOR_UI_TIMEOUT || 300) * 1000;
const artifacts = join(repoRoot, '.test-artifacts', 'panel');
const require = createRequire(import.meta.url);
/** `--dark` runs the same steps in the Default Dark Modern theme. */
const dark = process.argv.includes('--dark');

/** The extension as code-server loads it from its extensions folder: only what ships. */
function installBuild(scratch) {
  const { version, publisher, name } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const dir = join(scratch, 'extensions', `${publisher}.${name}-${version}`);
  mkdirSync(dir, { recursive: true });
  for (const part of ['dist', 'media', 'catalogs', 'package.json']) cpSync(join(repoRoot, part), join(dir, part), { recursive: true });
}

async function main() {
  for (const f of ['dist/extension.js', 'dist/webview.js', 'out/src/sandbox/server.js']) {
    if (!existsSync(join(repoRoot, f))) {
      console.error(`${f} is missing: run \`npm run build\` first.`);
      return 2;
    }
  }
  const t0 = Date.now();
  await ensureCodeServer();
  const scratch = scratchDir('panel');
  let keep = true;
  onShutdown(() => (keep ? console.error(`Server log and profile kept in ${scratch}`) : rmSync(scratch, { recursive: true, force: true, maxRetries: 3 })));
  mkdirSync(artifacts, { recursive: true });
  installBuild(scratch);
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace, { recursive: true });

  const { startSandbox } = require(join(repoRoot, 'out', 'src', 'sandbox', 'server.js'));
  const sandbox = await startSandbox({ port: 0, ratePerMinute: 2 });
  onShutdown(() => sandbox.close());
  if (dark) {
    // The user settings startServer would write, plus a dark theme: the panel uses only theme colours.
    const user = join(scratch, 'user-data', 'User');
    mkdirSync(user, { recursive: true });
    writeFileSync(join(user, 'settings.json'), JSON.stringify({
      'workbench.colorTheme': 'Default Dark Modern', 'telemetry.telemetryLevel': 'off', 'extensions.autoUpdate': false,
      'update.mode': 'none', 'chat.disableAIFeatures': true, 'workbench.startupEditor': 'none',
      'workbench.secondarySideBar.defaultVisibility': 'hidden', 'security.workspace.trust.enabled': false, 'git.enabled': false,
    }, null, 2));
  }
  const server = await startServer({ scratch });
  console.log(`code-server ${server.url} up in ${seconds(server.ms)}; sandbox at ${sandbox.url}`);
  const { page } = await launchBrowser(scratch, { width: 1400, height: 1500 });
  page.on('pageerror', (e) => console.error(`[workbench] ${e.message}`));

  const results = [];
  const sidebar = page.locator('.part.sidebar');
  const shot = async (file) => {
    await page.mouse.move(900, 700); // no tooltip of the activity bar over the panel
    await sidebar.screenshot({ path: join(artifacts, dark ? file.replace(/^(\d+)-/, '$1-dark-') : file) });
  };
  async function check(title, fn) {
    const t = Date.now();
    try {
      const detail = await fn();
      results.push({ title, ok: true });
      console.log(`  ✔ ${title}${detail ? `: ${detail}` : ''} (${seconds(Date.now() - t)})`);
      return true;
    } catch (e) {
      results.push({ title, ok: false });
      console.log(`  ✘ ${title}: ${e.message.split('\n')[0]}`);
      await page.screenshot({ path: join(artifacts, `failed-${title.replace(/\W+/g, '-')}.png`) }).catch(() => {});
      return false;
    }
  }

  const view = page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
  const statusLine = view.locator('.status-line');
  async function send() {
    await view.locator('#url').press('Control+Enter');
  }

  await withTimeout((async () => {
    console.log('panel check');
    const opened = await check('the Request Runner view opens', async () => {
      await page.goto(workbenchUrl(server, workspace));
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.activitybar .action-item .action-label[aria-label^="API Doctor"]').first().click({ timeout: 30_000 });
      await view.locator('#url').waitFor({ timeout: 30_000 });
      await sleep(300);
      await shot('1-empty.png');
    });
    if (!opened) return;

    await check('a request without a key is decoded as 401 with causes and fixes', async () => {
      await view.locator('#url').fill(`${sandbox.url}/waves/api/v1/lightning-v3.1/get_voices`);
      await view.locator('#url').press('Tab');
      await send();
      await statusLine.filter({ hasText: '401' }).waitFor({ timeout: 20_000 });
      await view.locator('.card.diagnosis').waitFor();
      await sleep(200);
      await shot('2-401-diagnosis.png');
      return JSON.stringify(await view.locator('.card.diagnosis h3').innerText());
    });

    await check('pre-flight flags a bare key in the Authorization header and fixes it in one click', async () => {
      await view.locator('details.rows.headers summary').click();
      await view.getByRole('button', { name: 'Add header' }).click();
      await view.getByLabel('Headers row 1 name').fill('Authorization');
      await view.getByLabel('Headers row 1 value').fill('sk_test_panelcheck12345678');
      const warning = view.locator('.warnings .warning', { hasText: 'bare key' });
      await warning.waitFor({ timeout: 10_000 });
      await shot('3-preflight.png');
      await warning.getByRole('button', { name: 'Fix the header' }).click();
      await warning.waitFor({ state: 'detached', timeout: 10_000 });
      return JSON.stringify(await view.getByLabel('Headers row 1 value').inputValue()).replace(/sk_test_\w+/, 'sk_test_…');
    });

    await check('the fixed request gets 200 with the JSON body and highlighted headers', async () => {
      await send();
      await statusLine.filter({ hasText: '200' }).waitFor({ timeout: 20_000 });
      await view.locator('pre.body-text').waitFor();
      await view.locator('.response details.headers summary').click();
      await sleep(200);
      await shot('4-200-json.png');
      return JSON.stringify(await statusLine.innerText());
    });

    await check('the sandbox limit gives a decoded 429 with Retry with backoff', async () => {
      // The sandbox allows two requests a minute per key; the 401 above did not count.
      for (let i = 0; i < 3 && !(await statusLine.innerText()).startsWith('429'); i++) {
        const before = await view.locator('.history-list li').count();
        await send();
        await view.locator('.history-list li').nth(before).waitFor({ timeout: 20_000 });
      }
      await statusLine.filter({ hasText: '429' }).waitFor({ timeout: 20_000 });
      await view.getByRole('button', { name: 'Retry with backoff' }).waitFor();
      await sleep(200);
      await shot('5-429.png');
      return JSON.stringify(await view.locator('.retry-plan').innerText());
    });

    await check('Retry with backoff shows a countdown and can be cancelled', async () => {
      await view.getByRole('button', { name: 'Retry with backoff' }).click();
      await view.locator('.status', { hasText: 'Retrying in' }).waitFor({ timeout: 20_000 });
      await shot('6-countdown.png');
      await view.locator('#url').press('Escape');
      await view.locator('.status', { hasText: /Cancelled|No response|429/ }).waitFor({ timeout: 20_000 });
    });

    await check('synthesised speech plays in an audio element', async () => {
      await view.locator('#method').selectOption('POST');
      await view.locator('#url').fill(`${sandbox.url}/waves/api/v1/lightning-v3.1/get_speech`);
      await view.locator('#body-json').check();
      await view.locator('textarea#body-text').fill('{"text": "Hello from API Doctor", "voice_id": "emily"}');
      // A fresh key: the sandbox's minute is spent for the first one.
      await view.getByLabel('Headers row 1 value').fill('Bearer sk_test_panelcheck_audio_987654');
      await sleep(400);
      await send();
      await statusLine.filter({ hasText: /^\d{3}/ }).waitFor({ timeout: 20_000 });
      const status = await statusLine.innerText();
      await view.locator('audio').waitFor({ timeout: 10_000 });
      await sleep(300);
      await shot('7-audio.png');
      return JSON.stringify(status);
    });

    await check("pre-flight runs the provider's endpoint rules (Specala export format)", async () => {
      await view.locator('#method').selectOption('GET');
      await view.locator('#url').fill(`${sandbox.url}/specala/api/v1/developer/transcriptions/tr_0001/export?format=pdf`);
      await view.locator('#url').press('Tab');
      // The sandbox's URL is not Specala's host, so this rule shows for the real one only.
      await view.locator('#url').fill('https://app.specala.ai/api/v1/developer/transcriptions/tr_0001/export');
      await view.locator('.warnings .warning', { hasText: 'md' }).waitFor({ timeout: 10_000 });
      await sleep(300);
      await shot('8-provider-rule.png');
      return JSON.stringify(await view.locator('.warnings .warning', { hasText: 'md' }).first().innerText());
    });
  })(), timeoutMs - (Date.now() - t0), `the panel check did not finish within ${seconds(timeoutMs)} (API_DOCTOR_UI_TIMEOUT)`).catch(async (e) => {
    results.push({ title: 'finished in time', ok: false });
    console.log(`  ✘ ${e.message}`);
    await page.screenshot({ path: join(artifacts, 'failed-timeout.png') }).catch(() => {});
  });

  const failed = results.filter((r) => !r.ok).length;
  console.log(`panel: ${results.length - failed} passed, ${failed} failed (total ${seconds(Date.now() - t0)}); screenshots in .test-artifacts/panel/`);
  keep = failed > 0;
  return failed > 0 ? 1 : 0;
}

main().then(exit, (e) => {
  console.error(`panel: ${e?.stack ?? e}`);
  return exit(1);
});
