/**
 * Files the editor does not lint, with the reason it logs: parsing a multi-megabyte or minified
 * file on the extension host would stall every other extension for a noticeable time.
 */
import type { Tree } from './parser';
import type { TreeCursor } from '@vscode/tree-sitter-wasm';

export const MAX_LINT_CHARS = 2_000_000;
/** Minified bundles have very long lines; real source rarely passes this. */
export const MAX_AVERAGE_LINE = 500;

export function whyNotLinted(text: string): string | undefined {
  if (text.length > MAX_LINT_CHARS) return `it has ${text.length} characters (more than ${MAX_LINT_CHARS})`;
  if (text.length > 20_000) {
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    const average = text.length / lines;
    if (average > MAX_AVERAGE_LINE) return `it looks minified (${Math.round(average)} characters per line on average)`;
  }
  return undefined;
}

/**
 * Thousands of brackets opened and never closed leave one ERROR node whose children are nearly all
 * opener tokens, and tree-sitter's query engine is worse than linear over it: 20,000 `(` took
 * about 0.9 s (JavaScript) and 40,000 about 3.4 s, `(`×4,900 then `x`, 8 times, 1.1 s; while
 * 20,000 `(x` (half openers) took 60 ms and a 300 KB file with every `)` deleted 140 ms. No source
 * anyone edits has such a node, so past these numbers the file is skipped, with the reason.
 */
export const MAX_UNCLOSED_OPENERS = 5_000;
/** Share of the ERROR node's children that are openers (nine in ten) for the node to count as that shape. */
const OPENER_SHARE = 0.9;
const OPENERS = new Set(['(', '[', '{', '${', '$(', '$((', '((', '$[', '${{']);

/** Why a parsed file is not analysed (see MAX_UNCLOSED_OPENERS), or undefined. Looks only at the root and its ERROR children: cheap. */
export function whyTreeNotLinted(tree: Tree): string | undefined {
  const cursor = tree.walk();
  try {
    // The pile is the root itself, or one top-level ERROR after some valid statements.
    const rootIsError = cursor.nodeType === 'ERROR';
    let bad = rootIsError && isUnclosedPile(cursor);
    if (!rootIsError && cursor.gotoFirstChild()) {
      do bad = cursor.nodeType === 'ERROR' && isUnclosedPile(cursor);
      while (!bad && cursor.gotoNextSibling());
    }
    return bad ? `it has more than ${MAX_UNCLOSED_OPENERS} brackets opened and never closed, which the syntax queries would take seconds over` : undefined;
  } finally {
    cursor.delete();
  }
}

/** Whether the ERROR node under the cursor is a pile of unclosed brackets; the cursor comes back to it. */
function isUnclosedPile(cursor: TreeCursor): boolean {
  const children = cursor.currentNode.childCount;
  if (children <= MAX_UNCLOSED_OPENERS) return false;
  // Stops at the first child past the share of others, so an ordinary big ERROR node costs little.
  const maxOthers = children * (1 - OPENER_SHARE);
  let others = 0;
  if (!cursor.gotoFirstChild()) return false;
  do if (!OPENERS.has(cursor.nodeType) && ++others > maxOthers) break;
  while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return others <= maxOthers;
}
