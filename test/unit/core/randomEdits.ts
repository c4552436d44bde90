/**
 * Seeded random editing of the JS/TS fixtures, for the tests that check the keystroke path (a
 * tracker brought up to date edit by edit) against a whole analysis of the same text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { grammarForLanguage, languageForFileName } from '../../../src/core/analyze';
import { DocumentTrees } from '../../../src/core/documentTrees';
import type { RegionTracker } from '../../../src/core/findingsTracker';
import { LineIndex } from '../../../src/core/lineIndex';
import type { Tree } from '../../../src/core/parser';

/** Edits per fixture; `TRACKER_EDITS=400` runs a longer search by hand. */
export const EDIT_COUNT = Number(process.env.TRACKER_EDITS) || 60;

const INSERTS = ['x', ' ', '\n', '}', '{', "'", '"', '`', '(', ')', ';', 'api_key=', '?token=sk_live_abcdefghijklmnop1234', 'await fetch(url)', '// ', 'Bearer '];

export interface Fixture {
  name: string;
  languageId: string;
  text: string;
}

export function jsFixtures(): Fixture[] {
  const root = resolve(__dirname, '../../../../test/fixtures/js');
  const out: Fixture[] = [];
  for (const rule of readdirSync(root)) {
    for (const file of readdirSync(join(root, rule)).sort()) {
      const languageId = file.endsWith('.tsx') ? 'typescriptreact' : languageForFileName(file);
      if (languageId) out.push({ name: `${rule}/${file}`, languageId, text: readFileSync(join(root, rule, file), 'utf8') });
    }
  }
  return out;
}

/** Deterministic pseudo-random numbers, so a failure names a reproducible edit sequence. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Calls `check` with the fixture's text once unedited (`edit` undefined) and then after each of
 * EDIT_COUNT random insertions and deletions, with the incrementally re-parsed tree, as the editor
 * would: the change goes to the tree and to the tracker, the syntax changes of the re-parse too.
 */
export async function editAtRandom<T>(fixture: Fixture, tracker: RegionTracker<T>, check: (text: string, version: number, tree: Tree, edit: string | undefined) => Promise<void>): Promise<void> {
  const trees = new DocumentTrees((_key, version, changed) => tracker.recordSyntax(version, changed));
  const grammar = grammarForLanguage(fixture.languageId)!;
  const next = random(fixture.name.length * 7919 + fixture.text.length);
  let text = fixture.text;
  let version = 1;
  const step = async (edit: string | undefined): Promise<void> => {
    const tree = await trees.treeFor('doc', grammar, text, version);
    try {
      await check(text, version, tree, edit);
    } finally {
      tree.delete();
    }
  };
  try {
    await step(undefined);
    for (let i = 0; i < EDIT_COUNT; i++) {
      const at = Math.floor(next() * (text.length + 1));
      const remove = next() < 0.3 ? Math.min(text.length - at, 1 + Math.floor(next() * 4)) : 0;
      const insert = remove > 0 && next() < 0.5 ? '' : INSERTS[Math.floor(next() * INSERTS.length)];
      const lines = new LineIndex(text);
      const p = lines.positionAt(at);
      const q = lines.positionAt(at + remove);
      version++;
      trees.applyChanges('doc', [{ startOffset: at, oldLength: remove, start: { row: p.line, column: p.character }, oldEnd: { row: q.line, column: q.character }, text: insert }], version);
      tracker.record(version, [{ startOffset: at, oldLength: remove, newLength: insert.length }]);
      text = text.slice(0, at) + insert + text.slice(at + remove);
      await step(`edit ${i}: ${remove} removed and ${JSON.stringify(insert)} inserted at offset ${at} (line ${p.line + 1})`);
    }
  } finally {
    trees.clear();
  }
}
