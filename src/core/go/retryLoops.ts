/**
 * Go `for` loops that send a request again after a failure, as LoopFacts. A loop is a retry when it
 * sends a request and goes round again on a failing status (`resp.StatusCode == 429`, `>= 500`) or
 * an error (`err != nil` … `continue`), or leaves only on success. Loops over items, pages (the
 * request reads a name the loop changes) and polling loops have no such check, so they are not.
 */
import type { SyntaxNode } from '../parser';
import type { Span } from '../model';
import type { DelayKind, LoopFacts, RetryBound, RetryDelay, RetryTrigger } from '../rules/retryWithoutBackoff';
import type { GoFacts } from './facts';
import { isStatus, numberOf, readOutcome } from './retryConditions';
import { callParts, dottedText, named, unwrap } from './syntax';

const inside = (s: Span, n: Span): boolean => s.start >= n.start && s.end <= n.end;
const spanOf = (n: SyntaxNode): Span => ({ start: n.startIndex, end: n.endIndex });
const RETRY_AFTER = /retry[-_ ]?after/i;
/** Packages whose names in an expression are not values (`time.Second`, `math.Pow`). */
const PACKAGES = new Set(['time', 'math', 'rand', 'http', 'strconv', 'fmt', 'log', 'errors', 'context']);

/** Every named node under `root`, without descending into function literals. */
function ownNodes(root: SyntaxNode, visit: (n: SyntaxNode) => void): void {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    visit(n);
    const kids = named(n);
    for (let i = kids.length - 1; i >= 0; i--) if (kids[i].type !== 'func_literal') stack.push(kids[i]);
  }
}

/** The statements of a block (Go's grammar puts them in a statement_list). */
function statements(block: SyntaxNode | null | undefined): SyntaxNode[] {
  return named(block).flatMap((c) => (c.type === 'statement_list' ? named(c) : [c]));
}

function blockExits(block: SyntaxNode | null | undefined, kinds = ['return_statement', 'break_statement', 'goto_statement']): boolean {
  return statements(block).some((s) => kinds.includes(s.type) || (s.type === 'expression_statement' && /^(panic|log\.Fatal\w*|os\.Exit)\(/.test(s.text)));
}

/** Names whose values an expression reads, not packages or called functions. */
function valueNames(expr: SyntaxNode): string[] {
  const out: string[] = [];
  const stack = [expr];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'identifier') {
      out.push(n.text);
      continue;
    }
    if (n.type === 'selector_expression') {
      const operand = n.childForFieldName('operand');
      if (operand?.type === 'identifier' && PACKAGES.has(operand.text)) continue;
      if (operand) stack.push(operand);
      continue;
    }
    if (n.type === 'call_expression') {
      stack.push(...named(n.childForFieldName('arguments')));
      const fn = n.childForFieldName('function');
      if (fn?.type === 'selector_expression') stack.push(fn);
      continue;
    }
    if (n.type === 'interpreted_string_literal' || n.type === 'raw_string_literal') continue;
    stack.push(...named(n));
  }
  return out;
}

export interface RetryEnv {
  facts: GoFacts;
  requests: Span[];
  text: string;
  /** Loops and function literals, whose requests belong to them rather than to a loop around them. */
  nestedSpans: Span[];
}

export function retryEnv(facts: GoFacts, text: string): RetryEnv {
  const requests: Span[] = facts.goSites.filter((s) => s.site.url || s.requestVar).map((s) => s.site.span);
  // `client.Do(req)` sends a request built elsewhere.
  facts.callInfo.forEach((info, i) => {
    if (info.name === 'Do' && info.parts?.args.length === 1 && info.parts.fn.type === 'selector_expression') requests.push(spanOf(facts.calls[i]));
  });
  // Functions of this file that send a request: calls to them send one too.
  const senders = new Set<string>();
  for (const fn of facts.functions) {
    if (fn.type === 'func_literal') continue;
    const name = fn.childForFieldName('name')?.text;
    if (name && requests.some((r) => inside(r, spanOf(fn)))) senders.add(name);
  }
  if (senders.size > 0) {
    facts.callInfo.forEach((info, i) => {
      if (info.name && senders.has(info.name)) requests.push(spanOf(facts.calls[i]));
    });
  }
  const nestedSpans = [...facts.loops, ...facts.functions.filter((f) => f.type === 'func_literal')].map(spanOf);
  return { facts, requests, text, nestedSpans };
}

interface Growth {
  counters: Set<string>;
  growing: Set<string>;
  retryAfter: Set<string>;
}

function readGrowth(body: SyntaxNode, counters: string[]): Growth {
  const g: Growth = { counters: new Set(counters), growing: new Set(), retryAfter: new Set() };
  const pairs: [string, SyntaxNode][] = [];
  ownNodes(body, (n) => {
    if (n.type === 'inc_statement') g.counters.add(named(n)[0]?.text ?? '');
    else if (n.type === 'assignment_statement' || n.type === 'short_var_declaration') {
      const left = named(n.childForFieldName('left'));
      const right = named(n.childForFieldName('right'));
      const op = n.type === 'assignment_statement' ? n.childForFieldName('operator')?.text ?? '=' : ':=';
      left.forEach((l, i) => {
        const name = dottedText(l);
        if (!name) return;
        if (op === '+=' || op === '-=') g.counters.add(name);
        else if (op === '*=' || op === '<<=') g.growing.add(name);
        else if (right.length === left.length) pairs.push([name, right[i]]);
        else if (right.length === 1 && RETRY_AFTER.test(right[0].text)) g.retryAfter.add(name);
      });
    }
  });
  for (let pass = 0; pass < 2; pass++) {
    for (const [name, right] of pairs) {
      if (RETRY_AFTER.test(right.text)) g.retryAfter.add(name);
      const names = valueNames(right);
      if (names.some((x) => g.retryAfter.has(x))) g.retryAfter.add(name);
      const grows = /<<|math\.Pow\(/.test(right.text) || (/\*/.test(right.text) && names.some((x) => x === name || g.counters.has(x) || g.growing.has(x)));
      if (grows || names.some((x) => g.growing.has(x) && x !== name)) g.growing.add(name);
      if (/\+\s*1\b/.test(right.text) && names.includes(name)) g.counters.add(name);
    }
  }
  return g;
}

const UNITS: Record<string, number> = { Nanosecond: 1e-6, Microsecond: 1e-3, Millisecond: 1, Second: 1000, Minute: 60000, Hour: 3600000 };

/** A constant duration in milliseconds: `2 * time.Second`, `time.Duration(500) * time.Millisecond`, a named constant. */
function durationMs(raw: SyntaxNode, env: RetryEnv): number | undefined {
  const v = durationValue(raw, env, 0);
  return v === undefined ? undefined : v.unit ? v.value : v.value / 1e6;
}

/** A number, and whether it carries a `time` unit (a bare number is nanoseconds). */
function durationValue(raw: SyntaxNode, env: RetryEnv, depth: number): { value: number; unit: boolean } | undefined {
  const n = unwrap(raw);
  if (depth > 6) return undefined;
  if (n.type === 'int_literal' || n.type === 'float_literal') return { value: Number(n.text.replace(/_/g, '')), unit: false };
  const unit = /^time\.(\w+)$/.exec(n.text);
  if (unit && UNITS[unit[1]] !== undefined) return { value: UNITS[unit[1]], unit: true };
  if (n.type === 'binary_expression') {
    const op = n.childForFieldName('operator')?.text;
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    const a = l ? durationValue(l, env, depth + 1) : undefined;
    const b = r ? durationValue(r, env, depth + 1) : undefined;
    if (!a || !b) return undefined;
    if (op === '*' && !(a.unit && b.unit)) return { value: a.value * b.value, unit: a.unit || b.unit };
    if ((op === '+' || op === '-') && a.unit === b.unit) return { value: op === '+' ? a.value + b.value : a.value - b.value, unit: a.unit };
    if (op === '/' && !b.unit && b.value !== 0) return { value: a.value / b.value, unit: a.unit };
    return undefined;
  }
  const c = callParts(n);
  if (c && dottedText(c.fn) === 'time.Duration' && c.args[0]) return durationValue(c.args[0], env, depth + 1);
  if (n.type === 'identifier') {
    const b = env.facts.ctx.scopes.lookup(n);
    return b.kind === 'value' ? durationValue(b.value, env, depth + 1) : undefined;
  }
  return undefined;
}

type Wait = RetryDelay | { kind: 'unknown' };

function sleepWait(call: SyntaxNode, growth: Growth, env: RetryEnv): Wait {
  const arg = callParts(call)?.args[0];
  const s = spanOf(call);
  if (!arg) return { kind: 'unknown' };
  if (RETRY_AFTER.test(arg.text)) return { kind: 'retry-after', span: s };
  const names = valueNames(unwrap(arg));
  if (names.some((x) => growth.retryAfter.has(x))) return { kind: 'retry-after', span: s };
  if (names.some((x) => growth.growing.has(x) || growth.counters.has(x))) return { kind: 'growing', span: s };
  if (/<<|math\.Pow\(/.test(arg.text) && names.length > 0) return { kind: 'growing', span: s };
  const ms = durationMs(arg, env);
  if (ms !== undefined) return ms <= 0 ? { kind: 'none', span: s, ms: 0 } : { kind: 'constant', span: s, ms: Math.round(ms) };
  // Jitter alone (`rand.Intn(100)`) waits about the same every time.
  if (names.length === 0) return { kind: 'constant', span: s };
  return { kind: 'unknown' };
}

function combineWaits(waits: Wait[]): RetryDelay | undefined {
  if (waits.length === 0) return { kind: 'none' };
  const first = (k: string): RetryDelay | undefined => waits.find((w) => w.kind === k) as RetryDelay | undefined;
  const found = first('retry-after') ?? first('growing');
  if (found) return found;
  if (waits.some((w) => w.kind === 'unknown')) return undefined;
  const kinds = new Set<DelayKind>(waits.map((w) => w.kind as DelayKind));
  if (kinds.has('constant')) {
    const c = waits.filter((w): w is RetryDelay => w.kind === 'constant');
    return { kind: 'constant', span: c[0].span, ms: c.length === 1 ? c[0].ms : undefined };
  }
  return { kind: 'none', span: (waits[0] as RetryDelay).span };
}

function isSleep(n: SyntaxNode): boolean {
  if (n.type !== 'call_expression') return false;
  const name = dottedText(n.childForFieldName('function'));
  return name === 'time.Sleep' || name === 'time.After' || name === 'time.NewTimer';
}

export function analyzeLoop(loop: SyntaxNode, env: RetryEnv): LoopFacts | undefined {
  const body = loop.childForFieldName('body');
  if (!body) return undefined;
  const bodySpan = spanOf(body);
  // Most loops send nothing: decide that before reading any more of the tree.
  if (!env.requests.some((r) => inside(r, bodySpan))) return undefined;
  const nested = env.nestedSpans.filter((x) => inside(x, bodySpan) && !(x.start === bodySpan.start && x.end === bodySpan.end));
  const own = env.requests.filter((r) => inside(r, bodySpan) && !nested.some((x) => inside(r, x)));
  if (own.length === 0) return undefined;
  const requestText = own.map((r) => env.text.slice(r.start, r.end)).join('\n');
  const uses = (name: string): boolean => name !== '_' && new RegExp(`\\b${name}\\b`).test(requestText);

  const clause = named(loop).find((c) => c !== body && c.type !== 'comment');
  let counters: string[] = [];
  let bound: RetryBound = { kind: 'unknown' };
  const triggers = new Set<RetryTrigger>();
  let on429 = false;
  if (clause?.type === 'range_clause') {
    const vars = named(clause.childForFieldName('left')).map((v) => v.text);
    const right = clause.childForFieldName('right');
    // `for _, u := range urls` sends a different request each time: not a retry.
    if (vars.some(uses)) return undefined;
    const countLike = right && (/^(int|float)_literal$/.test(right.type) || /^(max|retries|attempts|maxRetries|maxAttempts|n|tries)/i.test(right.text));
    if (!countLike) return undefined;
    counters = vars;
    bound = { kind: 'attempts', condition: `range ${right!.text}` };
  } else if (clause?.type === 'for_clause') {
    const init = clause.childForFieldName('initializer');
    counters = init ? named(init.childForFieldName('left')).map((v) => v.text) : [];
    if (counters.some(uses)) return undefined;
    const cond = clause.childForFieldName('condition');
    bound = cond ? { kind: 'attempts', condition: cond.text } : { kind: 'unbounded' };
  } else if (clause) {
    // `for scanner.Scan()`, `for rows.Next()`: an iterator hands out new work each time round.
    if (unwrap(clause).type === 'call_expression') return undefined;
    const reading = readOutcome(clause);
    if (reading && !reading.success && (reading.on429 || reading.on5xx)) {
      triggers.add('status');
      on429 ||= reading.on429;
    }
  } else bound = { kind: 'unbounded' };

  const ifs: SyntaxNode[] = [];
  const changed = new Set<string>();
  // `switch resp.StatusCode { case 429, 503: continue }`; `break` in a case only leaves the switch.
  const switchTriggers = (sw: SyntaxNode): void => {
    const value = sw.childForFieldName('value');
    const onStatus = value ? isStatus(unwrap(value)) : false;
    for (const c of named(sw)) {
      if (c.type !== 'expression_case' || blockExits(c, ['return_statement', 'goto_statement'])) continue;
      const values = named(c.childForFieldName('value'));
      if (onStatus) {
        const codes = values.map((v) => numberOf(unwrap(v)));
        if (codes.some((x) => x === 429 || (x !== undefined && x >= 500))) {
          triggers.add('status');
          on429 ||= codes.includes(429);
        }
      } else if (!value) {
        for (const v of values) {
          const reading = readOutcome(v);
          if (!reading || reading.success) continue;
          if (reading.on429 || reading.on5xx) triggers.add('status');
          if (reading.onError) triggers.add('caught-error');
          on429 ||= reading.on429;
        }
      }
    }
  };
  ownNodes(body, (n) => {
    if (nested.some((x) => inside(spanOf(n), x) && n.startIndex !== x.start)) return;
    if (n.type === 'assignment_statement') for (const l of named(n.childForFieldName('left'))) if (l.type === 'identifier') changed.add(l.text);
    if (n.type === 'inc_statement' || n.type === 'dec_statement') changed.add(named(n)[0]?.text ?? '');
    if (n.type === 'expression_switch_statement') {
      switchTriggers(n);
      return;
    }
    if (n.type !== 'if_statement') return;
    ifs.push(n);
    const cond = n.childForFieldName('condition');
    const block = n.childForFieldName('consequence');
    const reading = cond ? readOutcome(cond) : undefined;
    if (!reading) return;
    if (reading.success && blockExits(block, ['return_statement', 'break_statement'])) {
      // `if err == nil && resp.StatusCode == 200 { return … }`: every other outcome goes round again.
      if (!reading.on429 || !reading.on5xx || !reading.onError) {
        if (reading.status) triggers.add('status');
        else triggers.add('caught-error');
        if (!reading.on429 && reading.status) on429 = true;
      }
    } else if (!reading.success && (reading.on429 || reading.on5xx || reading.onError) && !blockExits(block)) {
      if (reading.on429 || reading.on5xx) triggers.add('status');
      if (reading.onError) triggers.add('caught-error');
      on429 ||= reading.on429;
    }
  });
  if (triggers.size === 0) return undefined;
  // A loop that changes what it asks for (`url = next`, `page++`) pages; it does not retry.
  if ([...changed].some((c) => !counters.includes(c) && uses(c))) return undefined;

  const growth = readGrowth(body, counters);
  const sleeps: SyntaxNode[] = [];
  ownNodes(body, (n) => {
    if (isSleep(n) && !nested.some((x) => inside(spanOf(n), x))) sleeps.push(n);
  });
  const delay = combineWaits(sleeps.map((s) => sleepWait(s, growth, env)));
  if (!delay) return undefined;
  if (bound.kind === 'unbounded' || (bound.kind === 'unknown' && clause)) {
    const cond = clause && clause.type !== 'for_clause' && clause.type !== 'range_clause' ? clause : undefined;
    if (cond && valueNames(cond).some((x) => growth.counters.has(x))) bound = { kind: 'attempts', condition: cond.text };
    else {
      const check = ifs.find((i) => {
        const c = i.childForFieldName('condition');
        return c && valueNames(c).some((x) => growth.counters.has(x)) && blockExits(i.childForFieldName('consequence'));
      });
      if (check) bound = { kind: 'attempts', condition: check.childForFieldName('condition')!.text };
    }
  }
  const header = { start: loop.startIndex, end: loop.startIndex + env.text.slice(loop.startIndex, body.startIndex).trimEnd().length };
  return {
    construct: 'loop', triggers: [...triggers], retriesOn429: on429, readsRetryAfter: RETRY_AFTER.test(body.text),
    delay, bound, span: header, nodeSpan: spanOf(loop), requestSpan: own[0],
  };
}

/** A constant duration in milliseconds, for settings such as resty's SetRetryWaitTime. */
export function durationMsOf(n: SyntaxNode, env: RetryEnv): number | undefined {
  const ms = durationMs(n, env);
  return ms === undefined ? undefined : Math.round(ms);
}
