/** Loops that send a request again after a failure, as LoopFacts. */
import type { Span } from '../model';
import type { SyntaxNode } from '../parser';
import { type LoopFacts, type RetryBound, type RetryTrigger } from '../rules/retryWithoutBackoff';
import { partsOf } from './retryQueries';
import { RETRY_AFTER, calleePath, contains, functionName, numberValue, parameterNames, span, unwrap, walk } from './retrySyntax';
import { classifyCondition, ending, failing, flip, isStatus, refreshesCredentials, statusCode, type Condition } from './retryConditions';
import { countingComparison, delayOf, noteUpdate, summarizeDelays, type Context, type DelayCall, type Region } from './retryValues';

interface LoopParts {
  requests: SyntaxNode[];
  delays: DelayCall[];
  ifs: SyntaxNode[];
  switches: SyntaxNode[];
  tries: SyntaxNode[];
  exits: SyntaxNode[];
  continues: SyntaxNode[];
}

function loopHeaderSpan(loop: SyntaxNode): Span {
  // `do { … } while (…)`: the keyword that opens it, where the other loops show their header.
  if (loop.type === 'do_statement') return { start: loop.startIndex, end: loop.startIndex + 2 };
  const body = loop.childForFieldName('body');
  const close = body?.previousSibling;
  return { start: loop.startIndex, end: close && close.endIndex > loop.startIndex ? close.endIndex : body?.startIndex ?? loop.endIndex };
}

/** `for (const d of [500, 1000, 2000])`, `for (const _ of Array(3))`: attempts, not items. */
function attemptSchedule(loop: SyntaxNode): { values?: number[] } | undefined {
  const right = unwrap(loop.childForFieldName('right'));
  if (!right) return undefined;
  if (right.type === 'array') {
    const values = right.namedChildren.map((c) => numberValue(c ?? undefined));
    return values.length > 0 && values.every((v) => v !== undefined) ? { values: values as number[] } : undefined;
  }
  return /^(new\s+)?Array(\.from)?\s*\(|^\[\s*\.\.\.\s*Array\s*\(/.test(right.text) ? {} : undefined;
}

/**
 * Words without which a loop cannot react to a failure: a status, `ok`, a `catch`, a retry or
 * rate-limit helper, a status constant. Most loops in real code have none and stop here.
 */
const FAILURE_WORDS = /status|\bok\b|catch|retr|transient|throttl|rate|429|5\d\d|TOO_MANY|UNAVAILABLE|GATEWAY|SERVER_ERROR/i;

export function analyzeLoop(loop: SyntaxNode, ctx: Context): LoopFacts | undefined {
  if (!FAILURE_WORDS.test(loop.text)) return undefined;
  const region: Region = { at: loop, varying: new Set(), growing: new Set(), ctx };
  if (loop.type === 'for_in_statement') {
    const schedule = attemptSchedule(loop);
    if (!schedule) return undefined; // walks items, pages or ids
    const left = loop.childForFieldName('left');
    if (left) {
      region.varying.add(left.text.replace(/^(const|let|var)\s+/, ''));
      const v = schedule.values;
      if (v && v.length > 1 && v.every((x, i) => i === 0 || x >= v[i - 1]) && v[v.length - 1] > v[0]) {
        region.growing.add(left.text.replace(/^(const|let|var)\s+/, ''));
      }
    }
  }
  const parts: LoopParts = { requests: [], delays: [], ifs: [], switches: [], tries: [], exits: [], continues: [] };
  const calls: SyntaxNode[] = [];
  for (const { kind, node, own } of partsOf(loop, ctx.queries, false, ctx.nested?.functionsAndLoops)) {
    switch (kind) {
      case 'call': {
        calls.push(node);
        const d = delayOf(node);
        if (d) parts.delays.push({ call: node, amount: d.amount });
        break;
      }
      case 'if': if (own) parts.ifs.push(node); break;
      case 'switch': if (own) parts.switches.push(node); break;
      case 'try': if (own) parts.tries.push(node); break;
      case 'exit': if (own) parts.exits.push(node); break;
      case 'continue': if (own) parts.continues.push(node); break;
      case 'update': noteUpdate(node, region); break;
    }
  }
  const init = loop.childForFieldName('initializer');
  if (init) {
    for (const d of init.namedChildren) {
      if (d?.type === 'variable_declarator') region.varying.add(d.childForFieldName('name')?.text ?? '');
    }
  }
  parts.requests = calls.filter((c) => ctx.isRequestCall(c));
  // Only when nothing is a known request: calls of this file's own functions that send one, or
  // the operation a retry helper was handed (`async function withRetry(fn) { … await fn() … }`).
  if (parts.requests.length === 0) parts.requests = calls.filter((c) => ctx.sends(c));
  if (parts.requests.length === 0 && ctx.fileSendsRequests(loop)) parts.requests = retriedOperations(loop, calls, ctx);
  if (loop.type === 'for_statement' && walksItems(loop, parts.requests)) return undefined;
  // A body that always returns or throws runs once, unless something says `continue`.
  const end = ending(loop.childForFieldName('body'));
  if ((end === 'exit' || end === 'throw') && parts.continues.length === 0) return undefined;

  const triggers = new Set<RetryTrigger>();
  let covers429 = false;
  const note = (c: Condition) => {
    triggers.add(c.trigger);
    covers429 ||= c.covers429;
  };
  const header = loop.childForFieldName('condition');
  const headerCondition = classifyCondition(header);
  if (headerCondition?.polarity === 'failure') note(headerCondition);

  const http: Array<[SyntaxNode, Condition]> = [];
  let mentions429 = headerCondition?.covers429 ?? false;
  for (const stmt of parts.ifs) {
    const c = classifyCondition(stmt.childForFieldName('condition'));
    if (!c) continue;
    http.push([stmt, c]);
    if (c.polarity !== 'other') mentions429 ||= c.covers429;
  }
  const hasDelay = (branch: SyntaxNode) => parts.delays.some((d) => contains(branch, d.call));
  const successExit = parts.exits.some((e) => isSuccessExit(e, loop));
  for (const [stmt, c] of http) {
    const cons = stmt.childForFieldName('consequence');
    const alt = stmt.childForFieldName('alternative');
    if (c.polarity === 'failure') {
      const end = ending(cons);
      if (end === 'continue' || (end === 'none' && cons && (hasDelay(cons) || successExit))) note(c);
    } else if (c.polarity === 'success') {
      if (ending(cons) === 'exit') note({ ...c, polarity: 'failure' });
      else if (alt && (ending(alt) === 'continue' || hasDelay(alt))) note({ ...c, polarity: 'failure' });
    }
  }
  for (const sw of parts.switches) {
    if (!isStatus(sw.childForFieldName('value') ?? undefined)) continue;
    for (const clause of sw.childForFieldName('body')?.namedChildren ?? []) {
      if (clause?.type !== 'switch_case') continue;
      const code = statusCode(clause.childForFieldName('value') ?? undefined);
      if (code === undefined || !failing(code)) continue;
      const last = [...clause.childrenForFieldName('body')].reverse().find((c) => c && c.type !== 'comment');
      if (last?.type === 'continue_statement' || hasDelay(clause)) note({ polarity: 'failure', trigger: 'status', covers429: code === 429 });
    }
  }
  for (const t of parts.tries) {
    const body = t.childForFieldName('body');
    const handler = t.childForFieldName('handler');
    const catchBody = handler?.childForFieldName('body');
    if (!body || !catchBody) continue;
    if (parts.requests.length > 0 && !parts.requests.some((r) => contains(body, r))) continue;
    const caught = ending(catchBody);
    if (caught === 'exit' || caught === 'throw' || refreshesCredentials(catchBody) || onlyOtherStatus(catchBody)) continue;
    const succeeds = caught === 'continue'
      || parts.exits.some((e) => contains(body, e) && isSuccessExit(e, loop))
      || setsConditionFlag(body, header);
    if (succeeds) triggers.add('caught-error');
  }
  if (triggers.size === 0) return undefined;
  // A call this file cannot tell is a request (`this.http.post`) counts when the loop reads an HTTP status.
  if (parts.requests.length === 0 && http.length === 0 && !headerCondition) return undefined;

  const request = parts.requests[0];
  return {
    construct: 'loop',
    triggers: [...triggers],
    retriesOn429: covers429 || mentions429,
    readsRetryAfter: RETRY_AFTER.test(loop.text),
    delay: summarizeDelays(parts.delays, region),
    bound: loopBound(loop, parts, region),
    span: loopHeaderSpan(loop),
    nodeSpan: span(loop),
    ...(request ? { requestSpan: span(request) } : {}),
  };
}

/** `catch (e) { if (e.response?.status !== 401) throw e; … }`: goes on only for a 401 or 404. */
function onlyOtherStatus(catchBody: SyntaxNode): boolean {
  return catchBody.namedChildren.some((stmt) => {
    if (stmt?.type !== 'if_statement') return false;
    const end = ending(stmt.childForFieldName('consequence'));
    return (end === 'exit' || end === 'throw') && classifyCondition(stmt.childForFieldName('condition'))?.polarity === 'other';
  });
}

/** Calls of a parameter inside a function whose name says it retries (`retry`, `withRetry`, `fetchWithRetries`). */
function retriedOperations(loop: SyntaxNode, calls: readonly SyntaxNode[], ctx: Context): SyntaxNode[] {
  const fn = ctx.enclosingFunction(loop);
  const name = fn ? functionName(fn) : undefined;
  if (!fn || !name || !/retr(y|ies|ying)/i.test(name)) return [];
  const params = new Set(parameterNames(fn));
  return calls.filter((c) => {
    const path = calleePath(c);
    return c.type === 'call_expression' && path?.length === 1 && params.has(path[0]);
  });
}

/** A `for` loop whose counter goes into the request walks pages or items. */
function walksItems(loop: SyntaxNode, requests: readonly SyntaxNode[]): boolean {
  const increment = loop.childForFieldName('increment');
  if (!increment) return false;
  const counters = new Set<string>();
  walk(increment, (n) => {
    if (n.type === 'identifier') counters.add(n.text);
  });
  return requests.some((r) => {
    let uses = false;
    const a = r.childForFieldName('arguments');
    if (a) walk(a, (n) => {
      if (n.type === 'identifier' && counters.has(n.text)) uses = true;
      return !uses;
    });
    return uses;
  });
}

/** A `return`/`break` reached when the request worked: unconditional, or under a success check. */
function isSuccessExit(exit: SyntaxNode, loop: SyntaxNode): boolean {
  let success = false;
  let neutral = false;
  let prev = exit;
  for (let n = exit.parent; n && n.id !== loop.id; prev = n, n = n.parent) {
    if (n.type === 'catch_clause') return false;
    if (n.type !== 'if_statement') continue;
    const c = classifyCondition(n.childForFieldName('condition'));
    const inAlternative = n.childForFieldName('alternative')?.id === prev.id;
    if (!c || c.polarity === 'other') {
      neutral = true;
      continue;
    }
    const polarity = inAlternative ? flip(c.polarity) : c.polarity;
    if (polarity === 'failure') return false;
    success = true;
  }
  return success || !neutral;
}

/** `try { res = await fetch(u); ok = true; }` where the loop runs `while (!ok)` / `while (!res)`. */
function setsConditionFlag(body: SyntaxNode, condition: SyntaxNode | null): boolean {
  if (!condition) return false;
  const names = new Set<string>();
  walk(condition, (n) => {
    if (n.type === 'identifier') names.add(n.text);
  });
  return body.namedChildren.some((s) => {
    const e = s?.type === 'expression_statement' ? s.namedChildren[0] : undefined;
    const left = e?.type === 'assignment_expression' ? e.childForFieldName('left') : undefined;
    return !!left && names.has(left.text);
  });
}

function loopBound(loop: SyntaxNode, parts: LoopParts, region: Region): RetryBound {
  const condition = loop.childForFieldName('condition');
  if (loop.type === 'for_in_statement') return { kind: 'attempts', condition: loop.childForFieldName('right')?.text ?? '' };
  const counted = condition && condition.type !== 'empty_statement' ? countingComparison(condition, region) : undefined;
  if (counted) return { kind: 'attempts', condition: counted };
  for (const stmt of parts.ifs) {
    const end = ending(stmt.childForFieldName('consequence'));
    if (end === 'none' || end === 'continue') continue;
    const c = countingComparison(stmt.childForFieldName('condition'), region);
    if (c) return { kind: 'attempts', condition: c };
  }
  const plain = unwrap(condition);
  if (!plain || plain.type === 'empty_statement' || plain.type === 'true' || plain.text === '1') return { kind: 'unbounded' };
  return { kind: 'unknown' };
}


