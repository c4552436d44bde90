/**
 * Shared pieces of the front ends' provider-rule facts: facts whose costly parts (body, query,
 * loop) are read on first use, and "is this function called from a loop" by looking up its calls.
 */
import type { SyntaxNode, Tree } from './parser';
import type { Span } from './model';
import type { ProviderSiteFacts, SiteQueryParam, StaticValue } from './providerSites';

export interface LazyFactsInput {
  method: string | undefined;
  url: string | undefined;
  span: Span;
  query: () => SiteQueryParam[];
  body: () => StaticValue | undefined;
  inLoop: () => boolean;
}

/** Facts whose query, body and loop answer are worked out once, when a rule first reads them. */
export function lazyFacts(input: LazyFactsInput): ProviderSiteFacts {
  let query: SiteQueryParam[] | undefined;
  let body: { value: StaticValue | undefined } | undefined;
  let loop: boolean | undefined;
  return {
    method: input.method,
    url: input.url,
    span: input.span,
    get query() {
      return (query ??= input.query());
    },
    get body() {
      return (body ??= { value: input.body() }).value;
    },
    get inLoop() {
      return (loop ??= input.inLoop());
    },
  };
}

/** How many functions deep the search goes, and how many calls it looks at in all (per site). */
const MAX_DEPTH = 3;
export const LOOP_SEARCH_BUDGET = 60;

/** What is left of the search for one site: every call looked at spends one. */
export interface LoopSearch {
  depth: number;
  budget: { left: number };
}

/** A fresh search for one site. */
export function loopSearch(): LoopSearch {
  return { depth: 0, budget: { left: LOOP_SEARCH_BUDGET } };
}
const CALL_TYPES = new Set(['call_expression', 'call', 'command']);

/**
 * Whether a call of the function named `name` (defined by `definition`) sits where `inLoop` says
 * it repeats. Calls are found by their text (`name(`), then confirmed on the tree.
 */
export function calleeCalledInLoop(
  name: string,
  definition: SyntaxNode,
  tree: Tree,
  text: string,
  search: LoopSearch,
  inLoop: (call: SyntaxNode, search: LoopSearch) => boolean,
): boolean {
  if (search.depth >= MAX_DEPTH || !/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  const re = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}\\s*\\(`, 'g');
  for (const m of text.matchAll(re)) {
    if (--search.budget.left < 0) return false;
    const at = m.index ?? 0;
    // The definition's own name (`function exportOne(`) and recursive calls inside it do not count.
    if (at >= definition.startIndex && at < definition.endIndex) continue;
    let node: SyntaxNode | null = tree.rootNode.descendantForIndex(at);
    for (let up = 0; node && up < 4 && !CALL_TYPES.has(node.type); up++) node = node.parent;
    if (!node || !CALL_TYPES.has(node.type) || node.startIndex > at) continue;
    if (inLoop(node, { depth: search.depth + 1, budget: search.budget })) return true;
  }
  return false;
}
