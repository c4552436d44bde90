/**
 * Values in a retry: where a name is declared, what changes between attempts, and what a delay
 * amounts to (none, constant, growing, Retry-After).
 */
import type { SyntaxNode } from '../parser';
import { type DelayKind, type RetryDelay } from '../rules/retryWithoutBackoff';
import type { NestedScopes, Queries } from './retryQueries';
import { isStatus } from './retryConditions';
import { COMPARISONS, DELAY_NAME, FUNCTION_TYPES, parameterNames, GROWTH_ASSIGNMENTS, GROWTH_OPERATORS, PASS_THROUGH_CALLS, PASS_THROUGH_MATH, RETRY_AFTER, args, calleePath, contains, numberValue, operator, span, unwrap, walk } from './retrySyntax';

export type IsRequestCall = (call: SyntaxNode) => boolean;

export class Context {
  private readonly declarations = new Map<number, Map<string, SyntaxNode[]>>();
  private readonly sendsRequest = new Map<number, boolean>();

  /** Per node passed on the way up: the innermost function around it (null: none). */
  private readonly functionAround = new Map<number, SyntaxNode | null>();

  constructor(
    readonly isRequestCall: IsRequestCall,
    readonly queries: Queries,
    /** Declared functions, and those plus loops, from the collection pass (see partsOf). */
    readonly nested?: { functions: NestedScopes; functionsAndLoops: NestedScopes },
  ) {}

  /**
   * The innermost function around `node`, remembered for every node passed on the way up. A
   * node's parent costs tree-sitter a walk down from the root, so climbing from each of many
   * nested loops was cubic in their depth (250 nested loops: 0.56 s of 1.1 s).
   */
  enclosingFunction(node: SyntaxNode): SyntaxNode | null {
    const passed: number[] = [];
    let found: SyntaxNode | null = null;
    for (let n = node.parent; n; n = n.parent) {
      const known = this.functionAround.get(n.id);
      if (known !== undefined) {
        found = known;
        break;
      }
      if (FUNCTION_TYPES.has(n.type)) {
        found = n;
        break;
      }
      passed.push(n.id);
    }
    for (const id of passed) this.functionAround.set(id, found);
    return found;
  }

  /** Values given to `name` (and functions declared as `name`) in the scopes around `at`. */
  lookup(name: string, at: SyntaxNode): SyntaxNode[] {
    // From function to function (see enclosingFunction), then the top of the file.
    for (let fn = FUNCTION_TYPES.has(at.type) ? at : this.enclosingFunction(at); fn; fn = this.enclosingFunction(fn)) {
      const values = this.declarationsIn(fn).get(name);
      if (values) return values;
    }
    const root = at.tree.rootNode;
    return root.type === 'program' ? this.declarationsIn(root).get(name) ?? [] : [];
  }

  private declarationsIn(scope: SyntaxNode): Map<string, SyntaxNode[]> {
    const cached = this.declarations.get(scope.id);
    if (cached) return cached;
    const found = new Map<string, SyntaxNode[]>();
    const add = (node: SyntaxNode) => {
      let name: SyntaxNode | null = null;
      let value: SyntaxNode | null = node;
      if (node.type === 'variable_declarator') [name, value] = [node.childForFieldName('name'), node.childForFieldName('value')];
      else if (node.type === 'assignment_expression') [name, value] = [node.childForFieldName('left'), node.childForFieldName('right')];
      else name = node.childForFieldName('name');
      if (name?.type !== 'identifier' || !value) return;
      const list = found.get(name.text) ?? [];
      list.push(value);
      found.set(name.text, list);
    };
    if (scope.type === 'program') {
      // The top of the file only: what its statements declare, no walk into functions.
      for (let stmt of scope.namedChildren) {
        if (stmt?.type === 'export_statement') stmt = stmt.childForFieldName('declaration') ?? stmt;
        if (!stmt) continue;
        if (stmt.type === 'lexical_declaration' || stmt.type === 'variable_declaration') {
          for (const d of stmt.namedChildren) if (d?.type === 'variable_declarator') add(d);
        } else if (stmt.type === 'function_declaration' || stmt.type === 'generator_function_declaration') {
          add(stmt);
        } else if (stmt.type === 'expression_statement' && stmt.namedChildren[0]?.type === 'assignment_expression') {
          add(stmt.namedChildren[0]);
        }
      }
    } else {
      const body = scope.childForFieldName('body');
      if (body) {
        for (const cap of this.queries.declarations.captures(body, { startPosition: body.startPosition, endPosition: body.endPosition })) {
          if (cap.node.startIndex >= body.startIndex && cap.node.endIndex <= body.endIndex) add(cap.node);
        }
      }
    }
    this.declarations.set(scope.id, found);
    return found;
  }

  /** The function a callee path names: `name` in scope, or `this.name` in the class around `at`. */
  localFunction(path: readonly string[], at: SyntaxNode): SyntaxNode | undefined {
    if (path.length === 1) return this.lookup(path[0], at).map((v) => unwrap(v)).find((v) => !!v && FUNCTION_TYPES.has(v.type));
    if (path.length !== 2 || path[0] !== 'this') return undefined;
    for (let n: SyntaxNode | null = at.parent; n; n = n.parent) {
      if (n.type !== 'class_body') continue;
      for (const m of n.namedChildren) {
        if (!m || m.childForFieldName('name')?.text !== path[1]) continue;
        if (m.type === 'method_definition') return m;
        const v = unwrap(m.childForFieldName('value'));
        if (v && FUNCTION_TYPES.has(v.type)) return v;
      }
      return undefined;
    }
    return undefined;
  }

  private httpFile?: boolean;

  /**
   * The file talks HTTP at all (names a client or a URL scheme): only then is a generic retry
   * helper's operation taken for a request, not a UI action or a file lock.
   */
  fileSendsRequests(at: SyntaxNode): boolean {
    this.httpFile ??= /\b(fetch|axios|got|ky|superagent|undici|XMLHttpRequest)\b|https?:\/\/|\bhttps?\b/.test(at.tree.rootNode.text);
    return this.httpFile;
  }

  /** A call that sends a request itself, or calls a function of this file that does. */
  sends(call: SyntaxNode, depth = 0): boolean {
    if (this.isRequestCall(call)) return true;
    if (depth > 1 || call.type !== 'call_expression') return false;
    const path = calleePath(call);
    const fn = path ? this.localFunction(path, call) : undefined;
    if (!fn) return false;
    let known = this.sendsRequest.get(fn.id);
    if (known === undefined) {
      this.sendsRequest.set(fn.id, false);
      let sends = false;
      walk(fn, (n) => {
        if (!sends && (n.type === 'call_expression' || n.type === 'new_expression') && this.sends(n, depth + 1)) sends = true;
        return !sends;
      });
      known = sends;
      this.sendsRequest.set(fn.id, known);
    }
    return known;
  }
}

/** What changes from one attempt to the next inside a retry. */
export interface Region {
  /** The node the retry lives in (loop, function, handler): names are looked up from here. */
  at: SyntaxNode;
  /** Names and member paths (`config.retryCount`) that change between attempts. */
  varying: Set<string>;
  /** Names that grow between attempts (`delay *= 2`, a doubled argument, an increasing schedule). */
  growing: Set<string>;
  ctx: Context;
}

export function noteUpdate(n: SyntaxNode, region: Region): void {
  if (n.type === 'update_expression') {
    const arg = n.childForFieldName('argument');
    if (arg) region.varying.add(arg.text);
  } else if (n.type === 'augmented_assignment_expression') {
    const left = n.childForFieldName('left');
    if (!left) return;
    region.varying.add(left.text);
    if (GROWTH_ASSIGNMENTS.has(operator(n))) region.growing.add(left.text);
  } else if (n.type === 'assignment_expression') {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right) return;
    region.varying.add(left.text);
    if (hasGrowth(right, region, left.text)) region.growing.add(left.text);
  }
}

/** A multiplication, power or shift in `expr` where an operand changes between attempts. */
export function hasGrowth(expr: SyntaxNode, region: Region, self?: string): boolean {
  let found = false;
  walk(expr, (n) => {
    if (found) return false;
    if (n.type === 'binary_expression' && GROWTH_OPERATORS.has(operator(n))) {
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if ((l && (l.text === self || varies(l, region))) || (r && (r.text === self || varies(r, region)))) found = true;
    } else if (n.type === 'call_expression' && calleePath(n)?.join('.') === 'Math.pow') {
      if (args(n).some((a) => a.text === self || varies(a, region))) found = true;
    }
    return !FUNCTION_TYPES.has(n.type);
  });
  return found;
}

/** True when `expr` reads something that changes between attempts (Math.random() aside). */
function varies(expr: SyntaxNode, region: Region, depth = 0): boolean {
  let found = false;
  walk(expr, (n) => {
    if (found) return false;
    if (n.type === 'call_expression' && calleePath(n)?.join('.') === 'Math.random') return false;
    if ((n.type === 'member_expression' || n.type === 'identifier') && region.varying.has(n.text)) found = true;
    else if (n.type === 'identifier' && depth < 3) {
      found = region.ctx.lookup(n.text, region.at).some((v) => !contains(v, n) && !FUNCTION_TYPES.has(v.type) && varies(v, region, depth + 1));
    }
    return !found;
  });
  return found;
}

const KIND_ORDER: DelayKind[] = ['none', 'constant', 'growing', 'retry-after'];

export function maxKind(a: DelayKind, b: DelayKind): DelayKind {
  return KIND_ORDER.indexOf(a) >= KIND_ORDER.indexOf(b) ? a : b;
}

/** What a delay amount does across attempts. */
export function classifyAmount(expr: SyntaxNode | undefined, region: Region, depth = 0): DelayKind {
  const n = unwrap(expr);
  if (!n) return 'constant';
  if (RETRY_AFTER.test(n.text)) return 'retry-after';
  if (depth > 4) return 'constant';
  switch (n.type) {
    case 'number':
      return Number(n.text.replace(/_/g, '')) === 0 ? 'none' : 'constant';
    case 'identifier': {
      if (region.growing.has(n.text)) return 'growing';
      let kind: DelayKind | undefined;
      for (const v of region.ctx.lookup(n.text, region.at)) {
        if (!contains(v, n)) kind = maxKind(kind ?? 'none', classifyAmount(v, region, depth + 1));
      }
      return kind ?? 'constant';
    }
    case 'member_expression':
      return region.growing.has(n.text) ? 'growing' : 'constant';
    case 'binary_expression': {
      const l = n.childForFieldName('left') ?? undefined;
      const r = n.childForFieldName('right') ?? undefined;
      const kl = classifyAmount(l, region, depth + 1);
      const kr = classifyAmount(r, region, depth + 1);
      const op = operator(n);
      if (GROWTH_OPERATORS.has(op) && ((l && varies(l, region)) || (r && varies(r, region)))) return maxKind('growing', maxKind(kl, kr));
      if (op === '*' && (kl === 'none' || kr === 'none')) return 'none';
      return maxKind(kl, kr);
    }
    case 'ternary_expression':
      return maxKind(
        classifyAmount(n.childForFieldName('consequence') ?? undefined, region, depth + 1),
        classifyAmount(n.childForFieldName('alternative') ?? undefined, region, depth + 1),
      );
    case 'call_expression': {
      const path = calleePath(n) ?? [];
      const dotted = path.join('.');
      const a = args(n);
      if (dotted === 'Math.random') return 'constant';
      if (dotted === 'Math.pow') return a.some((x) => varies(x, region)) ? 'growing' : 'constant';
      if ((path[0] === 'Math' && PASS_THROUGH_MATH.has(path[1] ?? '')) || PASS_THROUGH_CALLS.has(dotted)) {
        return a.reduce<DelayKind>((k, x) => maxKind(k, classifyAmount(x, region, depth + 1)), 'none');
      }
      const name = path.at(-1) ?? '';
      const local = region.ctx.localFunction(path, n);
      if (local) {
        if (RETRY_AFTER.test(local.text)) return 'retry-after';
        const grows = /\*|<<|Math\.pow/.test(local.text) && a.some((x) => varies(x, region));
        return grows ? 'growing' : 'constant';
      }
      // Someone else's helper: trust a name that says it backs off, or an argument that changes.
      return /backoff|retry|exponential|jitter/i.test(name) || a.some((x) => varies(x, region)) ? 'growing' : 'constant';
    }
    default:
      return 'constant';
  }
}

export interface DelayCall {
  call: SyntaxNode;
  amount?: SyntaxNode;
}

export function summarizeDelays(delays: readonly DelayCall[], region: Region): RetryDelay {
  let best: RetryDelay = { kind: 'none' };
  for (const d of delays) {
    const kind = d.amount ? classifyAmount(d.amount, region) : waitWithoutAmount(d.call, region);
    if (best.span === undefined || KIND_ORDER.indexOf(kind) > KIND_ORDER.indexOf(best.kind)) {
      const ms = kind === 'constant' ? plainMs(d.amount, region) : undefined;
      best = { kind, span: span(d.call), ...(ms !== undefined ? { ms } : {}) };
    }
  }
  return best;
}

/**
 * `await pause()` with no amount: a helper of this file is read for the wait it runs; anything else
 * (`await backoff.wait()`, `await policy.delay()`) is trusted to know its own schedule.
 */
function waitWithoutAmount(call: SyntaxNode, region: Region): DelayKind {
  const path = calleePath(call);
  const fn = path ? region.ctx.localFunction(path, call) : undefined;
  if (!fn) return 'growing';
  const inner: Region = { at: fn, varying: new Set(parameterNames(fn)), growing: new Set(), ctx: region.ctx };
  let kind: DelayKind | undefined;
  walk(fn, (n) => {
    const d = n.type === 'call_expression' && n.id !== call.id ? delayOf(n) : undefined;
    if (d?.amount) kind = maxKind(kind ?? 'none', classifyAmount(d.amount, inner));
    return true;
  });
  return kind ?? 'constant';
}

/** `1000`, or a name given only that number (`const RETRY_WAIT_MS = 1000`), for the message. */
function plainMs(amount: SyntaxNode | undefined, region: Region): number | undefined {
  const n = unwrap(amount);
  if (n?.type !== 'identifier') return numberValue(n);
  const values = region.ctx.lookup(n.text, region.at);
  return values.length === 1 ? numberValue(values[0]) : undefined;
}

/** `await sleep(d)`, `await delay(d)`, `setTimeout(r, d)`, timers/promises `setTimeout(d)`. */
export function delayOf(call: SyntaxNode): { amount?: SyntaxNode } | undefined {
  if (call.type !== 'call_expression') return undefined;
  const path = calleePath(call);
  const name = path?.at(-1);
  if (!name || /^(clear|abort)/i.test(name) || path![0] === 'AbortSignal') return undefined;
  // A retry policy's own pause (`await policy.pauseForRetry(status, n, retryAfter)`): what it
  // waits is its business, so the whole call stands for the amount.
  const policy = !DELAY_NAME.test(name) && /(pause|backoff|sleep|delay)/i.test(name);
  if (!DELAY_NAME.test(name) && !policy) return undefined;
  const a = args(call);
  if (name === 'setTimeout' || name === 'setInterval') {
    const first = a[0];
    if (!first) return undefined;
    const callbackFirst = FUNCTION_TYPES.has(first.type) || first.type === 'identifier' || first.type === 'member_expression';
    // A timer that aborts the request is a timeout, not a wait between attempts.
    if (callbackFirst && /abort/i.test(first.text)) return undefined;
    return { amount: callbackFirst ? a[1] : first };
  }
  // A named delay must run where it stands (awaited, a statement, or chained), not be passed along
  // as a value, like `signal: AbortSignal.timeout(5000)` or `{ timeout: 5000 }`.
  const p = call.parent;
  const runs = p && (p.type === 'await_expression' || p.type === 'expression_statement' || p.type === 'return_statement'
    || p.type === 'arrow_function' || (p.type === 'member_expression' && p.childForFieldName('property')?.text === 'then'));
  if (!runs) return undefined;
  return { amount: policy ? call : a[0] };
}

/** The text of a comparison between something that changes per attempt and a limit. */
export function countingComparison(node: SyntaxNode | null | undefined, region: Region): string | undefined {
  let found: string | undefined;
  if (!node) return undefined;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === 'binary_expression' && COMPARISONS.has(operator(n)) && !operator(n).startsWith('!')) {
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if (isStatus(l ?? undefined) || isStatus(r ?? undefined)) return false;
      if ((l && mentionsVarying(l, region)) || (r && mentionsVarying(r, region))) found = n.text;
      return false;
    }
    return true;
  });
  return found;
}

function mentionsVarying(node: SyntaxNode, region: Region): boolean {
  if (node.type === 'update_expression') return true;
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if ((n.type === 'identifier' || n.type === 'member_expression') && region.varying.has(n.text)) found = true;
    return !found;
  });
  return found;
}
