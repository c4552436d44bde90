// The physical floor of the throughput run: what any linter built on the same parser must spend on
// the same files, timed the same way (a whole process). Run as a child of bench.mjs:
//   node floor.mjs <root> <file-list.json> <threads> read|parse|query
//   read   read every file and apply the minified check (what is left is start-up and the disk)
//   parse  also parse every linted file with the tree-sitter grammar the linter uses
//   query  also run one query that matches nothing over each tree: tree-sitter's query cursor
//          still visits every node, which is what any query-based rule costs at least
// Threads take files from one shared counter, like the linter's pool.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Worker, isMainThread, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);

async function work({ root, files, mode, counter }) {
  const { parse, cachedQuery } = require(join(root, 'out', 'src', 'core', 'parser.js'));
  const { minifiedReason } = require(join(root, 'out', 'src', 'cli', 'lint', 'minified.js'));
  const next = new Int32Array(counter);
  let nodes = 0;
  for (let i = Atomics.add(next, 0, 1); i < files.length; i = Atomics.add(next, 0, 1)) {
    const text = readFileSync(files[i], 'utf8');
    if (minifiedReason(text) || mode === 'read') continue;
    const tree = await parse('javascript', text);
    if (mode === 'query') nodes += cachedQuery(tree.language, '(debugger_statement) @never').captures(tree.rootNode).length;
    tree.delete();
  }
  return nodes;
}

if (isMainThread) {
  const [root, list, threads, mode] = process.argv.slice(2);
  const files = JSON.parse(readFileSync(list, 'utf8'));
  const counter = new SharedArrayBuffer(4);
  const workers = Array.from({ length: Number(threads) }, () => new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: { root, files, mode, counter } });
    w.once('message', resolve);
    w.once('error', reject);
  }));
  await Promise.all(workers);
} else {
  const { parentPort } = await import('node:worker_threads');
  parentPort.postMessage(await work(workerData));
}
