/**
 * The keystroke measurement: what the editor does after a one-character edit of an open document
 * (apply the change to the cached tree and to the findings tracker, re-parse incrementally, analyse
 * the statements the edit touched), timed per edit. `mode` says how often a whole analysis ran.
 */
import { analyze } from '../../src/core/analyze';
import { DocumentTrees, type TextChange } from '../../src/core/documentTrees';
import { FindingsTracker, lintVersion } from '../../src/core/findingsTracker';
import { LineIndex } from '../../src/core/lineIndex';

/** A small deterministic generator, so every run edits the same places. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function measureKeystrokes(initial: string, edits: number, seed: number): Promise<{ times: number[]; whole: number }> {
  const tracker = new FindingsTracker();
  const trees = new DocumentTrees((_key, v, changed) => tracker.recordSyntax(v, changed));
  const key = 'bench://client.ts';
  let text = initial;
  let version = 1;
  const lint = async (): Promise<'full' | 'region'> => {
    const tree = await trees.treeFor(key, 'typescript', text, version);
    try {
      return (await lintVersion(tracker, version, text, 'typescript', { tree })).mode;
    } finally {
      tree.delete();
    }
  };
  // Warm up the rules' code paths once and give the tracker its first findings, untimed.
  await analyze(text, 'typescript');
  await lint();
  const next = random(seed);
  const times: number[] = [];
  let whole = 0;
  /** The change event the editor would send; its positions come with the event, so untimed here. */
  const change = (offset: number, oldLength: number, insert: string): TextChange => {
    const index = new LineIndex(text);
    const p = index.positionAt(offset);
    const q = index.positionAt(offset + oldLength);
    return { startOffset: offset, oldLength, start: { row: p.line, column: p.character }, oldEnd: { row: q.line, column: q.character }, text: insert };
  };
  const apply = async (c: TextChange): Promise<'full' | 'region'> => {
    trees.applyChanges(key, [c], ++version);
    tracker.record(version, [{ startOffset: c.startOffset, oldLength: c.oldLength, newLength: c.text.length }]);
    text = text.slice(0, c.startOffset) + c.text + text.slice(c.startOffset + c.oldLength);
    return lint();
  };
  for (let i = 0; i < edits; i++) {
    const offset = Math.floor(next() * text.length);
    // Timed: the keystroke. Untimed: taking it back, so edits do not pile up into a file full of
    // syntax errors that nobody keeps open (each would make the parser's error recovery work).
    const typed = change(offset, 0, 'x');
    const t0 = performance.now();
    if ((await apply(typed)) === 'full') whole++;
    times.push(performance.now() - t0);
    await apply(change(offset, 1, ''));
  }
  trees.clear();
  return { times, whole };
}
