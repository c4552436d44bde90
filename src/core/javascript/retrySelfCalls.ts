/**
 * Calls of the enclosing function from a failure branch: recursion (`return get(url)`,
 * `this.get(url)`) and promise chains (`.catch(() => get(url))`, `.then(r => r.ok ? r : get(url))`).
 */
import type { SyntaxNode } from '../parser';
import { type LoopFacts, type RetryBound, type RetryConstruct, type RetryTrigger } from '../rules/retryWithoutBackoff';
import { partsOf } from './retryQueries';
import { RETRY_AFTER, SEPARATE_SCOPES, args, calleePath, functionName, methodName, parameterNames, span, walk } from './retrySyntax';
import { classifyCondition, failing, flip, isStatus, refreshesCredentials, statusCode } from './retryConditions';
import { countingComparison, delayOf, hasGrowth, summarizeDelays, type Context, type DelayCall, type Region } from './retryValues';

interface FailureContext {
  trigger: RetryTrigger;
  covers429: boolean;
  branch: SyntaxNode;
  viaChain: boolean;
}

/** Climbs from `node` to `top`: is `node` on a path that runs only after a failure? */
export function failureContext(node: SyntaxNode, top: SyntaxNode): FailureContext | undefined {
  let found: FailureContext | undefined;
  let prev = node;
  for (let n = node.parent; n && n.id !== top.id; prev = n, n = n.parent) {
    if (!found) {
      if (n.type === 'if_statement' || n.type === 'ternary_expression') {
        const c = classifyCondition(n.childForFieldName('condition'));
        if (!c) continue;
        const inAlt = n.childForFieldName('alternative')?.id === prev.id;
        const inCons = n.childForFieldName('consequence')?.id === prev.id;
        if (!inAlt && !inCons) continue;
        const p = inAlt ? flip(c.polarity) : c.polarity;
        if (p !== 'failure') return undefined;
        found = { trigger: c.trigger, covers429: c.covers429, branch: prev, viaChain: false };
      } else if (n.type === 'switch_case') {
        const sw = n.parent?.parent;
        const code = statusCode(n.childForFieldName('value') ?? undefined);
        if (sw?.type === 'switch_statement' && isStatus(sw.childForFieldName('value') ?? undefined) && code !== undefined) {
          if (!failing(code)) return undefined;
          found = { trigger: 'status', covers429: code === 429, branch: n, viaChain: false };
        }
      } else if (n.type === 'catch_clause') {
        found = { trigger: 'caught-error', covers429: false, branch: n, viaChain: false };
      } else if (n.type === 'arguments') {
        const method = n.parent ? methodName(n.parent) : undefined;
        const position = n.namedChildren.findIndex((c) => c?.id === prev.id);
        if (method === 'catch' || (method === 'then' && position === 1)) {
          found = { trigger: 'caught-error', covers429: false, branch: prev, viaChain: true };
        }
      }
    } else if (n.type === 'arguments') {
      const method = n.parent ? methodName(n.parent) : undefined;
      if (method === 'then' || method === 'catch') found.viaChain = true;
    }
  }
  return found;
}

function isSelfCall(call: SyntaxNode, fn: SyntaxNode, name: string): boolean {
  const path = calleePath(call);
  if (!path || path.at(-1) !== name) return false;
  if (path.length === 1) return fn.type !== 'method_definition';
  if (path.length !== 2) return false;
  if (path[0] === 'this') return true;
  const cls = fn.parent?.parent;
  return cls?.type === 'class_declaration' && cls.childForFieldName('name')?.text === path[0];
}

const isNameChar = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36 || code > 127;
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';

/**
 * Whether `body` may hold a call `isSelfCall` accepts, read from the text alone and never wrong the
 * other way: the name as a whole word, called bare (not for a method) or on `this` or the class.
 * Only what is certain is ruled out: `other.name(…)` (a different object, the common case: a
 * `fetch` method calling `version.fetch`); after a comment, bracket or cast the call is kept.
 */
export function mayCallItself(body: string, name: string, fn: SyntaxNode): boolean {
  let className: string | null | undefined;
  const classOf = (): string | null => {
    if (className === undefined) {
      const cls = fn.parent?.parent;
      className = cls?.type === 'class_declaration' ? cls.childForFieldName('name')?.text ?? null : null;
    }
    return className;
  };
  for (let at = body.indexOf(name); at >= 0; at = body.indexOf(name, at + 1)) {
    if (at > 0 && isNameChar(body.charCodeAt(at - 1))) continue;
    if (isNameChar(body.charCodeAt(at + name.length))) continue;
    let i = at - 1;
    while (i >= 0 && isSpace(body[i])) i--;
    if (i < 0 || body[i] !== '.') {
      // A bare call; a method is never called bare. A comment before the name may hide a dot.
      if (fn.type !== 'method_definition' || body[i] === '/') return true;
      continue;
    }
    // `receiver.name`, `receiver?.name`, `receiver!.name`: the receiver decides.
    i--;
    while (i >= 0 && (isSpace(body[i]) || body[i] === '?' || body[i] === '!')) i--;
    if (i < 0 || !isNameChar(body.charCodeAt(i))) return true;
    const end = i + 1;
    while (i >= 0 && isNameChar(body.charCodeAt(i))) i--;
    const receiver = body.slice(i + 1, end);
    if (receiver === 'this' || receiver === classOf()) return true;
  }
  return false;
}

export function analyzeSelfCalls(fn: SyntaxNode, ctx: Context): LoopFacts[] {
  const name = functionName(fn);
  const body = fn.childForFieldName('body');
  if (!name || !body) return [];
  // Most functions never call themselves: a text search spares them the walk.
  if (!mayCallItself(body.text, name, fn)) return [];
  const selfCalls: SyntaxNode[] = [];
  const calls: SyntaxNode[] = [];
  for (const { kind, node } of partsOf(body, ctx.queries, true, ctx.nested?.functions)) {
    if (kind !== 'call') continue;
    if (node.type === 'call_expression' && isSelfCall(node, fn, name)) selfCalls.push(node);
    else calls.push(node);
  }
  if (selfCalls.length === 0) return [];
  const request = calls.find((c) => ctx.isRequestCall(c)) ?? calls.find((c) => ctx.sends(c));
  const params = parameterNames(fn);
  const facts: LoopFacts[] = [];
  for (const call of selfCalls) {
    const failure = failureContext(call, fn);
    if (!failure) continue;
    if (!request && failure.trigger === 'caught-error') continue;
    if (refreshesCredentials(failure.branch)) continue;
    const region: Region = { at: call, varying: new Set(params), growing: new Set(), ctx };
    const a = args(call);
    params.forEach((p, i) => {
      if (a[i] && hasGrowth(a[i], region, p)) region.growing.add(p);
    });
    const delays: DelayCall[] = [];
    walk(failure.branch, (n) => {
      const d = n.type === 'call_expression' ? delayOf(n) : undefined;
      if (d && n.startIndex <= call.startIndex) delays.push({ call: n, amount: d.amount });
      return !SEPARATE_SCOPES.has(n.type);
    });
    const construct: RetryConstruct = failure.viaChain ? 'promise-chain' : 'recursion';
    const bound = selfCallBound(fn, region);
    facts.push({
      construct,
      triggers: [failure.trigger],
      retriesOn429: failure.covers429,
      readsRetryAfter: RETRY_AFTER.test(fn.text),
      delay: summarizeDelays(delays, region),
      bound,
      span: span(call),
      nodeSpan: span(fn),
      ...(request ? { requestSpan: span(request) } : {}),
    });
  }
  return facts;
}


function selfCallBound(fn: SyntaxNode, region: Region): RetryBound {
  const body = fn.childForFieldName('body');
  let found: string | undefined;
  if (body) {
    walk(body, (n) => {
      if (found) return false;
      if (n.type === 'if_statement' || n.type === 'ternary_expression' || n.type === 'while_statement') {
        found = countingComparison(n.childForFieldName('condition'), region);
      }
      return !found && !SEPARATE_SCOPES.has(n.type);
    });
  }
  return found ? { kind: 'attempts', condition: found } : { kind: 'unbounded' };
}
