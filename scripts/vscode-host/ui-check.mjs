// Checks what a user sees, in a real workbench: the packaged extension (.vsix) installed into
// code-server, examples/ opened in headless Chromium. It opens examples/key-in-url.ts, waits for
// the warning squiggle, reads its hover, finds the finding in the Problems view and renders the
// Request Runner view. Screenshots land in .test-artifacts/ui/. Exits 1 if any check fails.
//   npm run build && node scripts/vscode-host/ui-check.mjs
// API_DOCTOR_UI_TIMEOUT (seconds, default 300) bounds the whole run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  codeServerCli, ensureCodeServer, exit, launchBrowser, onShutdown, repoRoot, scratchDir, seconds, sleep, startServer, withTimeout, workbenchUrl,
} from './host.mjs';

const timeoutMs = Number(process.env.API_DOCTOR_UI_TIMEOUT || 300) * 1000;
const examples = join(repoRoot, 'examples');
const sample = 'key-in-url.ts';
const artifacts = join(repoRoot, '.test-artifacts', 'ui');
const require = createRequire(import.meta.url);

/** Packs the extension the way it ships (the .vscodeignore allowlist), so the check covers that too. */
function packageExtension(scratch) {
  const out = join(scratch, 'api-doctor.vsix');
  const vsce = require.resolve('@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`vsce package failed:\n${r.stdout}${r.stderr}`);
  return out;
}

async function main() {
  for (const f of [join(repoRoot, 'dist', 'extension.js'), join(repoRoot, 'dist', 'webview.js'), join(examples, sample)]) {
    if (!existsSync(f)) {
      console.error(`${f.slice(repoRoot.length + 1)} is missing${f.includes('dist') ? ': run `npm run build` first' : ''}.`);
      return 2;
    }
  }
  const t0 = Date.now();
  const install = await ensureCodeServer();
  const scratch = scratchDir('ui');
  let keep = true;
  onShutdown(() => (keep ? console.error(`Server log and profile kept in ${scratch}`) : rmSync(scratch, { recursive: true, force: true, maxRetries: 3 })));
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });

  const t1 = Date.now();
  const vsix = packageExtension(scratch);
  codeServerCli(scratch, ['--install-extension', vsix]);
  const { version, publisher, name } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  if (!existsSync(join(scratch, 'extensions', `${publisher}.${name}-${version}`, 'dist', 'extension.js'))) {
    throw new Error(`the .vsix did not install as ${publisher}.${name}-${version}`);
  }
  const packMs = Date.now() - t1;

  const server = await startServer({ scratch });
  console.log(`code-server ${server.url} up in ${seconds(server.ms)}; extension packed and installed in ${seconds(packMs)}`);
  const { page } = await launchBrowser(scratch);
  page.on('pageerror', (e) => console.error(`[workbench] ${e.message}`));

  const results = [];
  const shot = (file) => page.screenshot({ path: join(artifacts, file) });
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
      await shot(`failed-${title.replace(/\W+/g, '-')}.png`).catch(() => {});
      return false;
    }
  }

  const t2 = Date.now();
  await withTimeout((async () => {
    console.log('ui check');
    await check('workbench opens examples/', async () => {
      await page.goto(workbenchUrl(server, examples));
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: sample }).first().waitFor({ timeout: 60_000 });
    });

    const opened = await check(`Ctrl+P opens ${sample}`, async () => {
      await retry(3, async () => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+P');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill(sample);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: sample }).first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        await page.locator('.tabs-container .tab.active', { hasText: sample }).waitFor({ timeout: 10_000 });
      });
      await page.locator('.editor-instance .view-lines', { hasText: 'api_key=' }).waitFor({ timeout: 30_000 });
    });

    const squiggle = page.locator('.editor-instance .squiggly-warning').first();
    const squiggled = opened && await check('a warning squiggle appears', async () => {
      await squiggle.waitFor({ state: 'attached', timeout: 60_000 });
      await shot('1-squiggle.png');
    });

    if (squiggled) {
      await check('hovering the squiggle explains the finding', async () => {
        const text = await hoverText(page, squiggle);
        await shot('2-hover.png');
        if (!/key-in-url/.test(text)) throw new Error(`the hover does not mention key-in-url: ${JSON.stringify(text.slice(0, 300))}`);
        return JSON.stringify(text.replace(/\s+/g, ' ').trim().slice(0, 120));
      });

      await check('the quick-fix menu offers the fix and the disable actions', async () => {
        await page.mouse.move(5, 5);
        await page.keyboard.press('Escape');
        return retry(3, async () => {
          const at = await settledCentre(page, squiggle);
          if (!at) throw new Error('the squiggle never held still on screen');
          await page.mouse.click(at.x, at.y);
          await page.keyboard.press('Control+.');
          const menu = page.locator('.action-widget').filter({ hasText: 'Disable key-in-url for this line' }).first();
          await menu.waitFor({ timeout: 10_000 });
          await shot('3-quick-fix.png');
          const text = (await menu.innerText()).replace(/\s+/g, ' ').trim();
          await page.keyboard.press('Escape');
          if (!/Authorization/i.test(text)) throw new Error(`the menu has no fix that moves the key to the Authorization header: ${JSON.stringify(text.slice(0, 200))}`);
          return JSON.stringify(text.slice(0, 120));
        });
      });

      await check('the Problems view lists the finding', async () => {
        await page.mouse.move(5, 5);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+Shift+M');
        // The marker's row, not the file's row above it (whose name also says key-in-url).
        const row = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'API Doctor' }).filter({ hasText: 'key-in-url' }).first();
        await row.waitFor({ timeout: 20_000 });
        await shot('4-problems.png');
        return JSON.stringify((await row.innerText()).replace(/\s+/g, ' ').trim().slice(0, 120));
      });
    }

    await check('the API Doctor view renders the Request runner', async () => {
      await page.locator('.activitybar .action-item .action-label[aria-label^="API Doctor"]').first().click({ timeout: 20_000 });
      // The view's HTML lives two iframes down: the workbench's host frame, then the content frame.
      const content = page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
      await content.getByText('Request runner').first().waitFor({ timeout: 30_000 });
      await sleep(300); // let the panel's styles apply before the picture
      await shot('5-panel.png');
    });
  })(), timeoutMs - (Date.now() - t0), `the UI check did not finish within ${seconds(timeoutMs)} (API_DOCTOR_UI_TIMEOUT)`).catch(async (e) => {
    results.push({ title: 'finished in time', ok: false });
    console.log(`  ✘ ${e.message}`);
    await shot('failed-timeout.png').catch(() => {});
  });

  const failed = results.filter((r) => !r.ok).length;
  console.log(`ui: ${results.length - failed} passed, ${failed} failed (install ${install.installed ? seconds(install.ms) : 'cached'}, ` +
    `pack+install extension ${seconds(packMs)}, server start ${seconds(server.ms)}, checks ${seconds(Date.now() - t2)}, total ${seconds(Date.now() - t0)}); ` +
    'screenshots in .test-artifacts/ui/');
  keep = failed > 0;
  return failed > 0 ? 1 : 0;
}

/** Runs `fn` up to `times` times; the workbench sometimes swallows the first key press while it settles. */
async function retry(times, fn) {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= times) throw e;
      await sleep(500 * i);
    }
  }
}

/** The squiggle's centre once it has stopped moving (code lenses and other decorations shift lines). */
async function settledCentre(page, squiggle) {
  let previous;
  for (let i = 0; i < 20; i++) {
    const box = await squiggle.boundingBox().catch(() => null);
    if (box && previous && Math.abs(box.x - previous.x) < 1 && Math.abs(box.y - previous.y) < 1) {
      // Scrolling the editor's DOM by hand breaks Monaco's rendering, so the squiggle must already
      // be in view (keep the example's finding near the start of a line).
      const view = await page.locator('.editor-instance .monaco-scrollable-element.editor-scrollable').first().boundingBox();
      if (view && (box.x + box.width / 2 > view.x + view.width || box.y + box.height / 2 > view.y + view.height)) {
        throw new Error(`the squiggle is outside the visible editor (at ${Math.round(box.x)},${Math.round(box.y)}); move the finding closer to the start of its line`);
      }
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
    previous = box ?? undefined;
    await sleep(250);
  }
  return undefined;
}

/**
 * Hovers the squiggle until the hover shows the finding. The hover can open before the diagnostic
 * part arrives, or close when the layout shifts (a code lens appearing above the line), so it
 * moves away and back between tries; the last tries use the keyboard (Ctrl+K Ctrl+I) at the
 * squiggle's position instead of the mouse.
 */
async function hoverText(page, squiggle) {
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'key-in-url' }).first();
  let last = 'no hover';
  for (let attempt = 1; attempt <= 6; attempt++) {
    const at = await settledCentre(page, squiggle);
    if (!at) {
      last = 'the squiggle never held still on screen';
      continue;
    }
    if (attempt <= 4) {
      await page.mouse.move(5, 5);
      await sleep(200);
      await page.mouse.move(at.x - 4, at.y - 4);
      await page.mouse.move(at.x, at.y, { steps: 4 });
    } else {
      await page.mouse.click(at.x, at.y);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
    }
    try {
      await hover.waitFor({ state: 'visible', timeout: 5_000 * attempt });
      return await hover.innerText();
    } catch {
      const texts = await page.locator('.monaco-hover:not(.hidden)').allInnerTexts().catch(() => []);
      last = texts.length ? `visible hover text: ${JSON.stringify(texts.join(' | ').slice(0, 300))}` : 'no hover opened';
    }
  }
  throw new Error(`no hover mentioning key-in-url after 6 tries (${last})`);
}

main().then(exit, (e) => {
  console.error(`ui: ${e?.stack ?? e}`);
  return exit(1);
});
