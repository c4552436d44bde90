/**
 * The keystroke measurement: what the editor does after a one-character edit of an open document
 * (apply the change to the cached tree, re-parse incrementally, run the rules), timed per edit.
 */
import { analyze } from '../../src/core/analyze';
import { DocumentTrees, type Point } from '../../src/core/documentTrees';
import { LineIndex } from '../../src/core/lineIndex';

/** A small deterministic generator, so every run edits the same places. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function measureKeystrokes(initial: string, edits: number, seed: number): Promise<number[]> {
  const trees = new DocumentTrees();
  const key = 'bench://client.ts';
  let text = initial;
  let version = 1;
  (await trees.treeFor(key, 'typescript', text, version)).delete();
  const next = random(seed);
  const times: number[] = [];
  // Warm up the rules' code paths once, untimed.
  await analyze(text, 'typescript');
  for (let i = 0; i < edits; i++) {
    const offset = Math.floor(next() * text.length);
    const index = new LineIndex(text);
    const p = index.positionAt(offset);
    const start: Point = { row: p.line, column: p.character };
    const t0 = performance.now();
    trees.applyChanges(key, [{ startOffset: offset, oldLength: 0, start, oldEnd: start, text: 'x' }], ++version);
    text = text.slice(0, offset) + 'x' + text.slice(offset);
    const tree = await trees.treeFor(key, 'typescript', text, version);
    try {
      await analyze(text, 'typescript', { tree });
    } finally {
      tree.delete();
    }
    times.push(performance.now() - t0);
  }
  trees.clear();
  return times;
}
