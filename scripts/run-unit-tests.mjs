// Runs the plain-Node unit tests (transpiled into out/ by `npm run build`) with mocha and ends
// with one summary line, "N passed, N failed", that CI can read.
import Mocha from 'mocha';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve('out/test/unit');
if (!existsSync(root)) {
  console.error('out/test/unit is missing: run `npm run build` first.');
  process.exit(2);
}
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js')) files.push(p);
  }
})(root);

const grep = process.argv.slice(2).find((a) => !a.startsWith('-'));
const mocha = new Mocha({ ui: 'bdd', reporter: process.env.CI ? 'dot' : 'spec', timeout: 20_000, ...(grep ? { grep } : {}) });
for (const f of files) mocha.addFile(f);
await mocha.loadFilesAsync();
const runner = mocha.run((failures) => {
  const { passes = 0, pending = 0 } = runner.stats ?? {};
  console.log(`\nunit: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
  process.exitCode = failures > 0 ? 1 : 0;
});
