/**
 * The queries the retry rules run, and what a loop or function body holds (one query limited to
 * its range). Patterns carry no predicates, so tree-sitter does the filtering, not JavaScript.
 */
import { Query, type Language, type Point } from '@vscode/tree-sitter-wasm';
import type { Span } from '../model';
import type { SyntaxNode } from '../parser';

const LOOPS = ['for_statement', 'for_in_statement', 'while_statement', 'do_statement'];
const INLINE_FUNCTIONS = ['arrow_function', 'function_expression', 'function', 'generator_function'];
const SCOPES = ['function_declaration', 'generator_function_declaration', 'method_definition', 'class_declaration', 'class'];

export interface Queries {
  /** Loops, and functions that have a name (the only ones that can call themselves). */
  candidates: Query;
  /** What a loop or function body holds; patterns without predicates, so nothing is filtered in JS. */
  parts: Query;
  /** `x.interceptors.response.use(…)`: run only when the text mentions interceptors. */
  interceptors: Query;
  /** Names declared inside a function. */
  declarations: Query;
}

const queryCache = new WeakMap<Language, Queries>();

export function queriesFor(language: Language): Queries {
  let q = queryCache.get(language);
  if (q) return q;
  // The grammars differ in a few node names (`field_definition` vs `public_field_definition`).
  const has = (t: string) => language.idForNodeType(t, true) !== null && language.idForNodeType(t, true) !== undefined;
  const any = (types: readonly string[]) => `[${types.filter(has).map((t) => `(${t})`).join(' ')}]`;
  const fnValue = any(['arrow_function', 'function_expression', 'function']);
  const fields = ['public_field_definition', 'field_definition'].filter(has).map((t) => `(${t} value: ${fnValue} @fn)`).join('\n');
  const sources: Record<keyof Queries, string> = {
    candidates: `
${any(LOOPS)} @loop
${any(['function_declaration', 'generator_function_declaration', 'method_definition'])} @fn
(variable_declarator value: ${fnValue} @fn)
(assignment_expression right: ${fnValue} @fn)
(pair value: ${fnValue} @fn)
${fields}
`,
    parts: `
${any(['call_expression', 'new_expression'])} @call
(if_statement) @if
(switch_statement) @switch
(try_statement) @try
${any(['return_statement', 'break_statement'])} @exit
(continue_statement) @continue
${any(['update_expression', 'augmented_assignment_expression', 'assignment_expression'])} @update
${any(LOOPS)} @loop
${any(SCOPES)} @scope
${any(INLINE_FUNCTIONS)} @inline
`,
    interceptors: `
(call_expression
  function: (member_expression
    object: (member_expression property: (property_identifier) @_r (#eq? @_r "response"))
    property: (property_identifier) @_u (#eq? @_u "use"))) @interceptor
`,
    declarations: `
(variable_declarator name: (identifier)) @decl
(assignment_expression left: (identifier)) @assign
${any(['function_declaration', 'generator_function_declaration'])} @fn
`,
  };
  // Compiling a query analyses the whole grammar (5-15 ms each, more before the WASM code has
  // warmed up): each is compiled when first used. A whole-file pass gets its candidates from the
  // collection query and most files never mention interceptors.
  const compiled: Partial<Queries> = {};
  const lazy = {} as Queries;
  for (const name of Object.keys(sources) as (keyof Queries)[]) {
    Object.defineProperty(lazy, name, { get: () => (compiled[name] ??= new Query(language, sources[name])), enumerable: true });
  }
  q = lazy;
  queryCache.set(language, q);
  return q;
}

interface Part {
  kind: 'call' | 'if' | 'switch' | 'try' | 'exit' | 'continue' | 'update';
  node: SyntaxNode;
  /** Not inside a callback: its `return`, `if` and `try` belong to the loop or function itself. */
  own: boolean;
}

/**
 * Nodes that `partsOf` leaves out (declared functions, and loops unless kept), known beforehand
 * from the analyzer's collection pass, in document order. With them `partsOf` queries the text
 * around the nested ones instead of through them: a query walks every node of its range, so
 * reading each of many nested functions through all the ones inside it was quadratic.
 */
export class NestedScopes {
  private readonly starts: number[];
  private readonly ends: number[];
  /** Per node, the index of the first node after it ends (the next one not inside it). */
  private readonly after: number[];

  constructor(private readonly nodes: readonly SyntaxNode[]) {
    this.starts = nodes.map((n) => n.startIndex);
    this.ends = nodes.map((n) => n.endIndex);
    this.after = this.ends.map((end, i) => this.firstFrom(i + 1, (start) => start >= end));
  }

  /** Two lists in document order, merged. */
  static merged(a: readonly SyntaxNode[], b: readonly SyntaxNode[]): NestedScopes {
    const out: SyntaxNode[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i].startIndex <= b[j].startIndex) ? a[i++] : b[j++]);
    return new NestedScopes(out);
  }

  /** The outermost of these nodes that start inside `root` (after its first character). */
  outermostIn(root: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    const end = root.endIndex;
    for (let i = this.firstFrom(0, (start) => start > root.startIndex); i < this.nodes.length && this.starts[i] < end; i = this.after[i]) {
      if (this.ends[i] <= end) out.push(this.nodes[i]);
    }
    return out;
  }

  /** The first index from `from` on whose start passes `test` (starts only grow). */
  private firstFrom(from: number, test: (start: number) => boolean): number {
    let lo = from;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (test(this.starts[mid])) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/**
 * What `root` holds, in document order, from queries limited to its range: nested loops and
 * declared functions are left out (they are candidates of their own), callbacks are kept but
 * marked, so that their `return` is not taken for the loop's. `nested`, when given, must hold only
 * nodes this call leaves out anyway; the ranges between them are queried, the rest is skipped
 * below as before.
 */
export function partsOf(root: SyntaxNode, queries: Queries, keepLoops = false, nested?: NestedScopes): Part[] {
  const parts: Part[] = [];
  const open: Array<{ end: number; skip: boolean }> = [];
  let skipping = 0;
  let inline = 0;
  for (const range of rangesAround(root, nested?.outermostIn(root) ?? [])) {
    for (const cap of queries.parts.captures(root, range)) {
      const n = cap.node;
      // A node already met in an earlier range (it goes on past a skipped one) is not met twice.
      if (n.startIndex < range.from || n.endIndex > root.endIndex || n.id === root.id) continue;
      while (open.length > 0 && open[open.length - 1].end <= n.startIndex) {
        if (open.pop()!.skip) skipping--;
        else inline--;
      }
      if (skipping > 0) continue;
      if ((cap.name === 'loop' && !keepLoops) || cap.name === 'scope' || cap.name === 'inline') {
        const skip = cap.name !== 'inline';
        open.push({ end: n.endIndex, skip });
        if (skip) skipping++;
        else inline++;
        continue;
      }
      if (cap.name !== 'loop') parts.push({ kind: cap.name as Part['kind'], node: n, own: inline === 0 });
    }
  }
  return parts;
}

/** The parts of `root` between the nodes to skip, as query ranges (positions; see queryRange). */
function rangesAround(root: SyntaxNode, skip: readonly SyntaxNode[]): Array<{ from: number; startPosition: Point; endPosition: Point }> {
  const ranges: Array<{ from: number; startPosition: Point; endPosition: Point }> = [];
  let from = root.startIndex;
  let fromPosition = root.startPosition;
  for (const s of skip) {
    if (s.startIndex > from) ranges.push({ from, startPosition: fromPosition, endPosition: s.startPosition });
    from = s.endIndex;
    fromPosition = s.endPosition;
  }
  if (root.endIndex > from || ranges.length === 0) ranges.push({ from, startPosition: fromPosition, endPosition: root.endPosition });
  return ranges;
}

/**
 * Query options for a document range. As rows and columns: the `startIndex`/`endIndex` options of
 * this tree-sitter build did not limit the matches in a test (a loop after the range was returned
 * instead of the one in it), while positions do. Widened to whole nodes, which is harmless.
 */
export function queryRange(root: SyntaxNode, range: Span | undefined): { startPosition: Point; endPosition: Point } | undefined {
  if (!range) return undefined;
  const first = root.descendantForIndex(range.start, range.start) ?? root;
  // The node at `end` itself starts after the range (the next statement, or the root after the
  // last one): the last character inside the range finds the node that ends it.
  const lastChar = Math.max(range.start, range.end - 1);
  const last = root.descendantForIndex(lastChar, lastChar) ?? root;
  return { startPosition: first.startPosition, endPosition: last.endPosition };
}
