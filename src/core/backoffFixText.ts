/**
 * What the backoff quick fixes of every language share: finding the loop and the old wait in the
 * tree, and reading the file's indentation and free names. Pure.
 */
import type { SyntaxNode, Tree } from './parser';

/** The node that spans exactly `start`..`end` and is accepted, walking up from the start. */
export function nodeWithSpan(tree: Tree, start: number, end: number, accept: (n: SyntaxNode) => boolean): SyntaxNode | undefined {
  for (let n = tree.rootNode.descendantForIndex(start, start); n; n = n.parent) {
    if (n.startIndex === start && n.endIndex === end && accept(n)) return n;
    if (n.startIndex < start) break;
  }
  return undefined;
}

/** The expression statement (`await sleep(1000);`, `time.sleep(2)`) around a delay call inside the loop. */
export function statementOf(tree: Tree, start: number, end: number, loop: SyntaxNode): SyntaxNode | undefined {
  for (let n = tree.rootNode.descendantForIndex(start, end); n && n.id !== loop.id; n = n.parent) {
    if (n.type === 'expression_statement') return n.startIndex <= start && n.endIndex >= end ? n : undefined;
  }
  return undefined;
}

/** The whitespace that opens the line holding `offset`, up to it. */
export function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

/** `base`, or `base2`, `base3`… : the first name the text does not use yet. */
export function freeName(text: string, base: string): string {
  for (let i = 0; ; i++) {
    const name = i === 0 ? base : `${base}${i + 1}`;
    if (!new RegExp(`\\b${name}\\b`).test(text)) return name;
  }
}
