/**
 * One syntax tree per open document, kept up to date incrementally: change events edit the tree
 * (`tree.edit`), and the next request re-parses with the edited tree as the old one, which costs a
 * fraction of a full parse. Trees live on the WASM heap, so every replaced tree and every forgotten
 * document's tree is deleted here; callers get a copy (cheap, shared nodes) that they delete.
 */
import { mapSpan } from './edits';
import type { Span } from './model';
import { parse, type Grammar, type Tree } from './parser';

export interface Point {
  row: number;
  column: number;
}

/** One replacement, in the coordinates of the document before it (UTF-16 offsets and columns). */
export interface TextChange {
  startOffset: number;
  oldLength: number;
  start: Point;
  oldEnd: Point;
  text: string;
}

interface Entry {
  grammar: Grammar;
  tree: Tree;
  /** The document version the tree describes once `edited` changes are re-parsed. */
  version: number;
  /** Edits were applied to the tree since it was parsed. */
  edited: boolean;
  /** Where those edits put new text, in the offsets of the current version. */
  editedSpans: Span[];
}

/** Told after each incremental re-parse which parts of the text changed their syntax. */
export type SyntaxChangeListener = (key: string, version: number, changed: Span[]) => void;

export class DocumentTrees {
  private readonly entries = new Map<string, Entry>();

  /**
   * `onSyntaxChange` hears, for each incremental re-parse, the ranges whose syntax may have changed
   * (in the new text's offsets): those the parser reports (one deleted `}` can fold every later
   * statement into an error node) and the top-level statements the edits fell in, as they were
   * before (typing `}` inside a call can split it in two, and the second half belongs to the edit
   * as much as the first). The keystroke path must look at all of them, not only at the edited line.
   */
  constructor(private readonly onSyntaxChange?: SyntaxChangeListener) {}
  /** How often `treeFor` reused, incrementally re-parsed or fully parsed a tree (tests read it). */
  readonly counts = { cached: 0, incremental: 0, full: 0 };
  /** How the last `treeFor` call got its tree. */
  lastParse: 'cached' | 'incremental' | 'full' | undefined;

  /**
   * A tree for `text` at `version`. Reuses the cached tree, re-parses incrementally when change
   * events were applied, or parses from scratch. The caller owns the result and must `delete()` it.
   */
  async treeFor(key: string, grammar: Grammar, text: string, version: number): Promise<Tree> {
    const entry = this.entries.get(key);
    if (entry && entry.grammar === grammar && entry.version === version) {
      if (!entry.edited) {
        this.lastParse = 'cached';
        this.counts.cached++;
        return entry.tree.copy();
      }
      const tree = await parse(grammar, text, entry.tree);
      this.lastParse = 'incremental';
      this.counts.incremental++;
      // Another call may have replaced the entry while the grammar loaded: then the tree is the caller's.
      if (this.entries.get(key) !== entry) return tree;
      if (this.onSyntaxChange) {
        const changed = entry.tree.getChangedRanges(tree).map((r): Span => ({ start: r.startIndex, end: r.endIndex }));
        this.onSyntaxChange(key, version, [...changed, ...statementsAround(entry.tree, entry.editedSpans)]);
      }
      entry.tree.delete();
      entry.tree = tree;
      entry.edited = false;
      entry.editedSpans = [];
      return tree.copy();
    }
    const tree = await parse(grammar, text);
    const current = this.entries.get(key);
    if (current && current.tree !== tree) current.tree.delete();
    this.entries.set(key, { grammar, tree, version, edited: false, editedSpans: [] });
    this.lastParse = 'full';
    this.counts.full++;
    return tree.copy();
  }

  /** Applies a document's change event to its tree; `version` is the document's version after it. */
  applyChanges(key: string, changes: readonly TextChange[], version: number): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    // The changes of one event are ordered so that applying them one after another is correct.
    for (const c of changes) {
      const replacement = { startOffset: c.startOffset, oldLength: c.oldLength, newLength: c.text.length };
      entry.editedSpans = [...entry.editedSpans.map((s) => mapSpan(s, replacement)), { start: c.startOffset, end: c.startOffset + c.text.length }];
      entry.tree.edit({
        startIndex: c.startOffset,
        oldEndIndex: c.startOffset + c.oldLength,
        newEndIndex: c.startOffset + c.text.length,
        startPosition: c.start,
        oldEndPosition: c.oldEnd,
        newEndPosition: endPoint(c.start, c.text),
      });
    }
    entry.version = version;
    entry.edited = true;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get size(): number {
    return this.entries.size;
  }

  forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.tree.delete();
    this.entries.delete(key);
  }

  clear(): void {
    for (const key of [...this.entries.keys()]) this.forget(key);
  }
}

/**
 * The top-level statements of an edited tree (its offsets already moved by `tree.edit`) that hold
 * the edited spans: the statements as they were before the edits, at the new text's offsets.
 */
function statementsAround(tree: Tree, spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  const root = tree.rootNode;
  for (const span of spans) {
    for (const at of [span.start, Math.max(span.start, span.end - 1)]) {
      const statement = root.firstNamedChildForIndex(at);
      if (statement && statement.startIndex <= at) out.push({ start: statement.startIndex, end: statement.endIndex });
    }
  }
  return out;
}

/** Where text inserted at `start` ends (`\r\n`, `\r` and `\n` each end a line). */
export function endPoint(start: Point, text: string): Point {
  let row = start.row;
  let lineStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) {
      row++;
      lineStart = i;
    }
  }
  return lineStart < 0 ? { row, column: start.column + text.length } : { row, column: text.length - lineStart - 1 };
}
