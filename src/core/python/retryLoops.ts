/**
 * Python loops and self-calls that send a request again after a failure, as LoopFacts. A loop is a
 * retry when it sends a request and repeats on a failing status (`r.status_code == 429`, `not r.ok`),
 * after a success check that leaves it (`if r.ok: return r`), or after a caught request error.
 * Loops over items (`for url in urls`), pagination and polling have none of these, so they are not.
 */
import type { SyntaxNode } from '../parser';
import type { Span } from '../model';
import type { LoopFacts, RetryBound, RetryTrigger } from '../rules/retryWithoutBackoff';
import type { PythonFacts } from './facts';
import { readStatus } from './retryConditions';
import { blockExits, combineWaits, isSleep, ownNodes, readGrowth, sleepWait, valueNames } from './retryWalk';
import { named, unwrap } from './syntax';

export interface RetryEnv {
  facts: PythonFacts;
  /** Calls that send a request: the request sites and calls of this file's functions that send one. */
  requests: Span[];
  text: string;
  /** Spans of `facts.loops` and `facts.functions`, read once (each read is a call into WASM). */
  loopSpans: Span[];
  functionSpans: Span[];
}

const inside = (s: Span, n: Span): boolean => s.start >= n.start && s.end <= n.end;
const spanOf = (n: SyntaxNode): Span => ({ start: n.startIndex, end: n.endIndex });

export function retryEnv(facts: PythonFacts, text: string): RetryEnv {
  const requests: Span[] = facts.pySites.filter((s) => !s.shape.config).map((s) => s.site.span);
  const loopSpans = facts.loops.map(spanOf);
  const functionSpans = facts.functions.map(spanOf);
  const senders = new Set<string>();
  facts.functions.forEach((fn, i) => {
    if (!requests.some((r) => inside(r, functionSpans[i]))) return;
    const name = fn.childForFieldName('name')?.text;
    if (name) senders.add(name);
  });
  if (senders.size > 0) {
    facts.calls.forEach((call, i) => {
      const { fn, last } = facts.callees[i];
      if (!fn || !last || !senders.has(last)) return;
      // `helper(…)` or `self.helper(…)` where `helper` is a function of this file that sends a request.
      if (fn.type === 'identifier' || /^(self|cls)$/.test(fn.childForFieldName('object')?.text ?? '')) requests.push(spanOf(call));
    });
  }
  return { facts, requests, text, loopSpans, functionSpans };
}

interface Triggers {
  triggers: Set<RetryTrigger>;
  on429: boolean;
}

/** Failure checks in a loop body or branch: statuses that repeat, and request errors that are swallowed. */
function readTriggers(root: SyntaxNode, ownRequests: Span[], t: Triggers): { ifs: SyntaxNode[] } {
  const ifs: SyntaxNode[] = [];
  ownNodes(root, (n) => {
    if (n.type === 'if_statement' || n.type === 'elif_clause') {
      ifs.push(n);
      const cond = n.childForFieldName('condition');
      const block = n.childForFieldName('consequence') ?? undefined;
      const reading = cond ? readStatus(cond) : undefined;
      if (!reading || !cond) return;
      const kind: RetryTrigger = reading.flag ? 'not-ok' : 'status';
      if (reading.success && blockExits(block, ['return_statement', 'break_statement'])) {
        // `if r.ok: return r` — every other status goes round again.
        if (!reading.on429 || !reading.on5xx) {
          t.triggers.add(kind);
          if (!reading.on429) t.on429 = true;
        }
      } else if (!reading.success && (reading.on429 || reading.on5xx) && !blockExits(block)) {
        t.triggers.add(kind);
        if (reading.on429) t.on429 = true;
      }
    } else if (n.type === 'try_statement') {
      const body = n.childForFieldName('body');
      if (!body) return;
      const sends = ownRequests.some((r) => inside(r, spanOf(body)));
      if (!sends) return;
      for (const clause of named(n).filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause')) {
        const block = named(clause).filter((c) => c.type === 'block').pop();
        if (blockExits(block)) continue;
        t.triggers.add('caught-error');
        if (/raise_for_status/.test(body.text) || /HTTPError|HTTPStatusError|ClientResponseError|TooManyRequests|RateLimit/.test(clause.text)) t.on429 = true;
      }
    }
  });
  return { ifs };
}

export function analyzeLoop(loop: SyntaxNode, env: RetryEnv): LoopFacts | undefined {
  const body = loop.childForFieldName('body');
  if (!body) return undefined;
  const bodySpan = spanOf(body);
  const own0 = env.requests.filter((r) => inside(r, bodySpan));
  if (own0.length === 0) return undefined;
  const nested = [...env.loopSpans, ...env.functionSpans].filter((n) => inside(n, bodySpan));
  const own = own0.filter((r) => !nested.some((n) => inside(r, n)));
  if (own.length === 0) return undefined;
  const scopes = env.facts.ctx.scopes;
  let counters: string[] = [];
  let header: Span;
  let bound: RetryBound = { kind: 'unknown' };
  const t: Triggers = { triggers: new Set(), on429: false };
  if (loop.type === 'for_statement') {
    const left = loop.childForFieldName('left');
    const right = loop.childForFieldName('right');
    if (!left || !right) return undefined;
    const vars = valueNames(left);
    const rangeLike = unwrap(right).type === 'call' && /(^|\.)(range|count|repeat)$/.test(unwrap(right).childForFieldName('function')?.text ?? '');
    // A loop over items or pages sends a different request each time: not a retry.
    const requestText = own.map((r) => env.text.slice(r.start, r.end)).join('\n');
    if (vars.some((v) => v !== '_' && new RegExp(`\\b${v.replace(/\./g, '\\.')}\\b`).test(requestText))) return undefined;
    if (!rangeLike && !vars.every((v) => v === '_' || /^(attempt|attempts|retry|retries|tries|try_|trial|n|i)$/.test(v))) return undefined;
    counters = vars;
    header = { start: loop.startIndex, end: right.endIndex };
    bound = rangeLike ? { kind: 'attempts', condition: right.text } : { kind: 'unknown' };
  } else {
    const cond = loop.childForFieldName('condition');
    if (!cond) return undefined;
    header = { start: loop.startIndex, end: cond.endIndex };
    const reading = readStatus(cond);
    if (reading && !reading.success && (reading.on429 || reading.on5xx)) {
      t.triggers.add(reading.flag ? 'not-ok' : 'status');
      if (reading.on429) t.on429 = true;
    }
  }
  const { ifs } = readTriggers(body, own, t);
  if (t.triggers.size === 0) return undefined;
  if (takesNewWork(body, own, env)) return undefined;
  const growth = readGrowth(body, counters);
  const sleeps: SyntaxNode[] = [];
  ownNodes(body, (n) => {
    if (n.type === 'call' && isSleep(n, env.facts.ctx.imports) && !nested.some((x) => inside(spanOf(n), x))) sleeps.push(n);
  });
  const delay = combineWaits(sleeps.map((s) => sleepWait(s, growth, scopes)));
  if (!delay) return undefined;
  if (loop.type === 'while_statement') {
    const cond = loop.childForFieldName('condition')!;
    const names = valueNames(cond);
    if (names.some((n) => growth.counters.has(n))) bound = { kind: 'attempts', condition: cond.text };
    else if (/^(True|1)$/.test(cond.text)) {
      // `while True` stops on a count only when a branch checks a counter and leaves.
      const check = ifs.find((i) => {
        const c = i.childForFieldName('condition');
        return c && valueNames(c).some((n) => growth.counters.has(n)) && blockExits(i.childForFieldName('consequence') ?? undefined);
      });
      bound = check ? { kind: 'attempts', condition: check.childForFieldName('condition')!.text } : { kind: 'unbounded' };
    }
  }
  return {
    construct: 'loop', triggers: [...t.triggers], retriesOn429: t.on429, readsRetryAfter: /retry[-_ ]?after/i.test(body.text),
    delay, bound, span: header, nodeSpan: spanOf(loop), requestSpan: own[0],
  };
}

/** `def fetch(url): … except RequestException: return fetch(url)`: the function calls itself on failure. */
export function analyzeSelfCalls(fn: SyntaxNode, env: RetryEnv): LoopFacts[] {
  const name = fn.childForFieldName('name')?.text;
  const body = fn.childForFieldName('body');
  if (!name || !body) return [];
  const bodySpan = spanOf(body);
  const own0 = env.requests.filter((r) => inside(r, bodySpan));
  // Only a body that mentions its own name can call itself: a cheap test before the walk.
  if (own0.length === 0 || !new RegExp(`\\b${name}\\s*\\(`).test(env.text.slice(bodySpan.start, bodySpan.end))) return [];
  const nestedFns = env.functionSpans.filter((n) => inside(n, bodySpan));
  const own = own0.filter((r) => !nestedFns.some((n) => inside(r, n)));
  if (own.length === 0) return [];
  const selfCalls: SyntaxNode[] = [];
  const sleeps: SyntaxNode[] = [];
  const contexts: { block: SyntaxNode; trigger: RetryTrigger; on429: boolean }[] = [];
  ownNodes(body, (n) => {
    if (n.type === 'call') {
      const f = n.childForFieldName('function');
      const callee = f?.type === 'identifier' ? f.text : f?.type === 'attribute' && /^(self|cls)$/.test(f.childForFieldName('object')?.text ?? '') ? f.childForFieldName('attribute')?.text : undefined;
      if (callee === name) selfCalls.push(n);
      else if (isSleep(n, env.facts.ctx.imports)) sleeps.push(n);
    } else if (n.type === 'except_clause') {
      const block = named(n).filter((c) => c.type === 'block').pop();
      if (block) contexts.push({ block, trigger: 'caught-error', on429: /HTTPError|HTTPStatusError|ClientResponseError|TooManyRequests|RateLimit/.test(n.text) || /raise_for_status/.test(body.text) });
    } else if (n.type === 'if_statement' || n.type === 'elif_clause') {
      const cond = n.childForFieldName('condition');
      const block = n.childForFieldName('consequence');
      const reading = cond ? readStatus(cond) : undefined;
      if (block && reading && !reading.success && (reading.on429 || reading.on5xx)) contexts.push({ block, trigger: reading.flag ? 'not-ok' : 'status', on429: reading.on429 });
    }
  });
  const params = new Set<string>();
  for (const p of named(fn.childForFieldName('parameters'))) {
    const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? named(p).find((c) => c.type === 'identifier');
    if (id?.type === 'identifier') params.add(id.text);
  }
  const out: LoopFacts[] = [];
  for (const call of selfCalls) {
    const ctx = contexts.filter((c) => inside(spanOf(call), spanOf(c.block))).pop();
    if (!ctx) continue;
    const before = sleeps.filter((s) => inside(spanOf(s), spanOf(ctx.block)) && s.endIndex <= call.startIndex);
    // A parameter the call changes (`attempt + 1`, `delay * 2`) that the wait reads makes it grow.
    const changed = new Set([...params].filter((p) => named(call.childForFieldName('arguments')).some((a) => a.text !== p && new RegExp(`\\b${p}\\b`).test(a.text))));
    const growth = readGrowth(ctx.block);
    const delay = combineWaits(before.map((s) => sleepWait(s, growth, env.facts.ctx.scopes, changed)));
    if (!delay) continue;
    const counted = named(call.childForFieldName('arguments')).find((a) => /[-+]\s*1\b/.test(a.text));
    out.push({
      construct: 'recursion', triggers: [ctx.trigger], retriesOn429: ctx.on429, readsRetryAfter: /retry[-_ ]?after/i.test(body.text),
      delay, bound: counted ? { kind: 'attempts', condition: counted.text } : { kind: 'unbounded' },
      span: spanOf(call), nodeSpan: spanOf(fn), requestSpan: own[0],
    });
  }
  return out;
}

/**
 * A worker loop (`job = queue.get()` … `requests.post(url, json=job)`) sends a different request
 * each time round: a name the request reads is assigned in the loop from a call that is not a request.
 */
function takesNewWork(body: SyntaxNode, own: Span[], env: RetryEnv): boolean {
  const requestText = own.map((r) => env.text.slice(r.start, r.end)).join('\n');
  let found = false;
  ownNodes(body, (n) => {
    if (found || n.type !== 'assignment') return;
    const left = n.childForFieldName('left');
    let right = n.childForFieldName('right');
    if (right?.type === 'await') right = named(right)[0] ?? null;
    if (left?.type !== 'identifier' || right?.type !== 'call') return;
    const rs = spanOf(right);
    if (env.requests.some((r) => inside(r, rs)) || isSleep(right, env.facts.ctx.imports)) return;
    if (new RegExp(`\\b${left.text}\\b`).test(requestText)) found = true;
  });
  return found;
}
