// `npm run sandbox [-- --port N --rate N]`: starts the local stand-in for the Waves and Specala
// APIs from the built bundle (dist/sandbox.js), or from the transpiled sources in out/ during
// development. Arguments are passed through unchanged.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const candidates = ['dist/sandbox.js', 'out/src/sandbox/main.js'].map((p) => resolve(p));
const entry = candidates.find((p) => existsSync(p));
if (!entry) {
  console.error('The sandbox is not built yet: run `npm run build` first.');
  process.exit(2);
}
require(entry);
