/** What the retry analysis reads inside one loop or function: its own statements, sleeps and waits. */
import type { SyntaxNode } from '../parser';
import type { DelayKind, RetryDelay } from '../rules/retryWithoutBackoff';
import type { Imports } from './imports';
import type { Scopes } from './scopes';
import { callArguments, dottedText, named, numberValue, unwrap } from './syntax';

const NESTED_SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);
const SLEEPS = new Set(['time.sleep', 'asyncio.sleep', 'trio.sleep', 'anyio.sleep', 'gevent.sleep', 'eventlet.sleep', 'sleep']);

/** Every named node under `root`, without descending into nested functions and classes. */
export function ownNodes(root: SyntaxNode, visit: (n: SyntaxNode) => void): void {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    visit(n);
    const kids = named(n);
    for (let i = kids.length - 1; i >= 0; i--) if (!NESTED_SCOPES.has(kids[i].type)) stack.push(kids[i]);
  }
}

export function isSleep(call: SyntaxNode, imports: Imports): boolean {
  const fn = call.childForFieldName('function');
  const name = fn ? imports.canonical(fn) : undefined;
  return name !== undefined && SLEEPS.has(name);
}

/** A block leaves the loop or function at its top level: `return`, `raise` or `break`. */
export function blockExits(block: SyntaxNode | undefined, kinds = ['return_statement', 'raise_statement', 'break_statement']): boolean {
  return !!block && named(block).some((s) => kinds.includes(s.type));
}

/** Names that change from one attempt to the next, and names that hold a Retry-After value. */
export interface Growth {
  /** `attempt += 1`, `for attempt in range(…)`: counts attempts. */
  counters: Set<string>;
  /** `delay *= 2`, `delay = min(delay * 2, 30)`, `wait = base * 2 ** attempt`. */
  growing: Set<string>;
  retryAfter: Set<string>;
}

export const RETRY_AFTER = /retry[-_ ]?after/i;

export function readGrowth(root: SyntaxNode, counters: Iterable<string> = []): Growth {
  const g: Growth = { counters: new Set(counters), growing: new Set(), retryAfter: new Set() };
  const assigns: SyntaxNode[] = [];
  ownNodes(root, (n) => {
    if (n.type === 'augmented_assignment') {
      const name = dottedText(n.childForFieldName('left') ?? n);
      const op = n.childForFieldName('operator')?.text ?? '';
      if (!name) return;
      if (op === '+=' || op === '-=') g.counters.add(name);
      else if (op === '*=' || op === '**=' || op === '<<=') g.growing.add(name);
    } else if (n.type === 'assignment') assigns.push(n);
  });
  // Twice, so `wait = base * 2 ** attempt` after `attempt += 1` is seen either way round.
  for (let pass = 0; pass < 2; pass++) {
    for (const a of assigns) {
      const name = dottedText(a.childForFieldName('left') ?? a);
      const right = a.childForFieldName('right');
      if (!name || !right) continue;
      if (RETRY_AFTER.test(right.text)) g.retryAfter.add(name);
      const names = valueNames(right);
      if (names.some((x) => g.retryAfter.has(x))) g.retryAfter.add(name);
      const grows = /\*\*|<<|\bpow\(/.test(right.text) || (/\*/.test(right.text) && names.some((x) => x === name || g.counters.has(x) || g.growing.has(x)));
      if (grows || names.some((x) => g.growing.has(x) && x !== name)) g.growing.add(name);
      if (/[+-]\s*1\b/.test(right.text) && names.includes(name)) g.counters.add(name);
    }
  }
  return g;
}

/** Names whose values an expression reads (`delay`, `self.delay`), not the functions it calls. */
export function valueNames(expr: SyntaxNode): string[] {
  return valueNameNodes(expr).map((n) => dottedText(n)!);
}

export function valueNameNodes(expr: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack: SyntaxNode[] = [expr];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'identifier' || n.type === 'attribute') {
      if (dottedText(n)) {
        out.push(n);
        continue;
      }
    }
    if (n.type === 'call') {
      stack.push(...named(n.childForFieldName('arguments')));
      const fn = n.childForFieldName('function');
      // `self.backoff(attempt)` reads `self`, but `random.uniform` reads nothing.
      if (fn?.type === 'attribute' && fn.childForFieldName('object')?.type === 'call') stack.push(fn.childForFieldName('object')!);
      continue;
    }
    if (n.type === 'keyword_argument') {
      const v = n.childForFieldName('value');
      if (v) stack.push(v);
      continue;
    }
    if (n.type === 'string') continue;
    stack.push(...named(n));
  }
  return out;
}

type Wait = RetryDelay | { kind: 'unknown' };

/** The wait of one sleep call. */
export function sleepWait(call: SyntaxNode, growth: Growth, scopes: Scopes, parameters: ReadonlySet<string> = new Set()): Wait {
  const arg = callArguments(call).positional[0] ?? callArguments(call).keywords.get('seconds') ?? callArguments(call).keywords.get('delay');
  const s = { start: call.startIndex, end: call.endIndex };
  if (!arg) return { kind: 'unknown' };
  const literal = numberValue(arg);
  if (literal !== undefined) return literal <= 0 ? { kind: 'none', span: s, ms: 0 } : { kind: 'constant', span: s, ms: Math.round(literal * 1000) };
  if (RETRY_AFTER.test(arg.text)) return { kind: 'retry-after', span: s };
  const names = valueNames(unwrap(arg));
  if (names.some((n) => growth.retryAfter.has(n))) return { kind: 'retry-after', span: s };
  if (names.some((n) => growth.growing.has(n) || growth.counters.has(n) || parameters.has(n))) return { kind: 'growing', span: s };
  if (/\*\*|<<|\bpow\(/.test(arg.text) && names.length > 0) return { kind: 'growing', span: s };
  let ms: number | undefined;
  for (const id of valueNameNodes(unwrap(arg))) {
    const b = scopes.lookup(id);
    const v = b.kind === 'value' ? numberValue(b.value) : undefined;
    if (v === undefined) return { kind: 'unknown' };
    ms = Math.round(v * 1000);
  }
  if (unwrap(arg).type !== 'identifier' && unwrap(arg).type !== 'attribute') ms = undefined;
  // A number, a named constant, or jitter alone (`random.uniform(1, 2)`): the same wait every time.
  return ms === 0 ? { kind: 'none', span: s, ms } : { kind: 'constant', span: s, ms };
}

/** One delay for several sleeps: a Retry-After or growing wait anywhere wins; unknown gives up. */
export function combineWaits(waits: Wait[]): RetryDelay | undefined {
  if (waits.length === 0) return { kind: 'none' };
  if (waits.some((w) => w.kind === 'retry-after')) return waits.find((w) => w.kind === 'retry-after') as RetryDelay;
  if (waits.some((w) => w.kind === 'growing')) return waits.find((w) => w.kind === 'growing') as RetryDelay;
  if (waits.some((w) => w.kind === 'unknown')) return undefined;
  const kinds = new Set<DelayKind>(waits.map((w) => w.kind as DelayKind));
  if (kinds.has('constant')) {
    const c = waits.filter((w): w is RetryDelay => w.kind === 'constant');
    return { kind: 'constant', span: c[0].span, ms: c.length === 1 ? c[0].ms : undefined };
  }
  return { kind: 'none', span: (waits[0] as RetryDelay).span };
}
