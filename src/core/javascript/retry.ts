/**
 * Finds JavaScript/TypeScript code that sends a request again after a failure — loops, calls of
 * the enclosing function from a failure branch, promise chains, axios interceptors and retry
 * packages — and describes each as LoopFacts (rules/retryWithoutBackoff.ts). One query finds the
 * candidates (or the analyzer hands them in); everything after it looks only at a candidate's own
 * nodes, never the whole tree.
 *
 * retryLoops, retrySelfCalls, retryInterceptors and retryPackages read the four kinds of retry;
 * retryConditions says what an `if` about an HTTP status means, retryValues what a delay does
 * across attempts, retryQueries and retrySyntax hold the queries and small node helpers.
 */
import type { Span } from '../model';
import type { SyntaxNode, Tree } from '../parser';
import type { Finding } from '../types';
import { retryFindings, type LoopFacts, type RetryRuleOptions } from '../rules/retryWithoutBackoff';
import { NestedScopes, queriesFor, queryRange } from './retryQueries';
import { DECLARED_FUNCTION_TYPES, LOOP_TYPES } from './retrySyntax';
import { Context, type IsRequestCall } from './retryValues';
import { analyzeLoop } from './retryLoops';
import { analyzeSelfCalls } from './retrySelfCalls';
import { analyzeInterceptor } from './retryInterceptors';
import { analyzeLibraries } from './retryPackages';

export type { IsRequestCall };
export type { LoopFacts } from '../rules/retryWithoutBackoff';

export interface RetryCandidates {
  /** `for`, `for…in/of`, `while` and `do` statements. */
  loops: readonly SyntaxNode[];
  /** Functions of any kind; those without a name are skipped. */
  functions: readonly SyntaxNode[];
}

export interface RetryCheckOptions extends RetryRuleOptions {
  /** Only look at candidates that touch this part of the document (e.g. the edited lines). */
  range?: Span;
  /**
   * Loops and functions already gathered by a pass over the tree (the analyzer's collection
   * query): then this rule runs no query over the whole tree of its own.
   */
  candidates?: RetryCandidates;
}

/** Findings of `retry-without-backoff` and `retry-after-ignored` for a JS/TS/JSX/TSX tree. */
export function checkRetries(tree: Tree, isRequestCall: IsRequestCall, options: RetryCheckOptions = {}): Finding[] {
  return retryFindings(findRetryFacts(tree, isRequestCall, options.range, options.candidates), options);
}

/** LoopFacts for every retry the tree holds (or, with `range`, that touches the range). */
export function findRetryFacts(tree: Tree, isRequestCall: IsRequestCall, range?: Span, candidates?: RetryCandidates): LoopFacts[] {
  const q = queriesFor(tree.language);
  const ctx = new Context(isRequestCall, q, candidates && nestedScopes(candidates));
  const facts: LoopFacts[] = [];
  const within = queryRange(tree.rootNode, range);
  const touches = (n: SyntaxNode) => !range || (n.endIndex >= range.start && n.startIndex <= range.end);
  if (candidates) {
    for (const loop of candidates.loops) {
      const f = LOOP_TYPES.has(loop.type) && touches(loop) ? analyzeLoop(loop, ctx) : undefined;
      if (f) facts.push(f);
    }
    for (const fn of candidates.functions) if (touches(fn)) facts.push(...analyzeSelfCalls(fn, ctx));
  } else {
    for (const cap of q.candidates.captures(tree.rootNode, within)) {
      if (cap.name === 'loop') {
        const f = analyzeLoop(cap.node, ctx);
        if (f) facts.push(f);
      } else if (cap.name === 'fn') {
        facts.push(...analyzeSelfCalls(cap.node, ctx));
      }
    }
  }
  if (tree.rootNode.text.includes('interceptors')) {
    for (const cap of q.interceptors.captures(tree.rootNode, within)) {
      if (cap.name === 'interceptor') facts.push(...analyzeInterceptor(cap.node, ctx));
    }
  }
  facts.push(...analyzeLibraries(tree, ctx, range));
  return facts.sort((a, b) => a.span.start - b.span.start);
}

/**
 * What partsOf may query around: declared functions (always left out) and loops (unless kept).
 * Each list is built when first asked for: most files never read a loop or function that far.
 */
export function nestedScopes(candidates: RetryCandidates): { functions: NestedScopes; functionsAndLoops: NestedScopes } {
  let declared: SyntaxNode[] | undefined;
  const declaredFunctions = () => (declared ??= candidates.functions.filter((f) => DECLARED_FUNCTION_TYPES.has(f.type)));
  let functions: NestedScopes | undefined;
  let functionsAndLoops: NestedScopes | undefined;
  return {
    get functions() {
      return (functions ??= new NestedScopes(declaredFunctions()));
    },
    get functionsAndLoops() {
      return (functionsAndLoops ??= NestedScopes.merged(declaredFunctions(), candidates.loops.filter((l) => LOOP_TYPES.has(l.type))));
    },
  };
}
