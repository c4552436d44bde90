/**
 * Retry loops around curl/wget in shell scripts, as LoopFacts:
 *
 *   until curl -f …; do sleep 1; done             the request is the loop's condition
 *   while ! curl …; do :; done
 *   for i in 1 2 3; do curl … && break; sleep 2; done   the loop ends when the request succeeds
 *   curl --retry 5 --retry-delay 2 …              curl's own retries at a fixed delay
 *
 * A `sleep` whose argument grows (`$((2**i))`, `$delay` doubled in the loop, the attempt counter)
 * is backoff. A condition that only reads the response (`[ "$(curl … | jq -r .state)" != done ]`)
 * polls a job and is not a retry. `curl --retry N` alone backs off by itself (1 s, doubling), and
 * so does `--retry-delay 0`; a fixed `--retry-delay` is reported unless `--retry-max-time` caps the
 * whole run. Shell loops never check for 429 specifically, so `retry-after-ignored` does not apply.
 */
import type { SyntaxNode } from '../parser';
import type { LoopFacts, RetryDelay } from '../rules/retryWithoutBackoff';
import { hasOption, OPTION, optionArgs, type ShellCommand } from './commands';
import type { ShellFacts } from './facts';
import { named, span } from './words';

function within(n: SyntaxNode, outer: SyntaxNode): boolean {
  return n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;
}

/** Descendants of `node` of the given types, not entering nested functions. */
function descendants(node: SyntaxNode, types: ReadonlySet<string>, out: SyntaxNode[] = []): SyntaxNode[] {
  for (const c of named(node)) {
    if (c.type === 'function_definition') continue;
    if (types.has(c.type)) out.push(c);
    descendants(c, types, out);
  }
  return out;
}

const COMMAND = new Set(['command']);
const EXITS = new Set(['break', 'exit', 'return']);

function commandName(n: SyntaxNode): string | undefined {
  return n.type === 'command' ? n.childForFieldName('name')?.text.replace(/^.*\//, '') : undefined;
}

/** The loop's condition nodes (`while`/`until` only) and its body. */
function parts(loop: SyntaxNode): { keyword: string; condition: SyntaxNode[]; body?: SyntaxNode } {
  const keyword = loop.child(0)?.type ?? '';
  const body = loop.childForFieldName('body') ?? named(loop).find((c) => c.type === 'do_group') ?? undefined;
  const condition = loop.type === 'while_statement' ? named(loop).filter((c) => c.type !== 'do_group' && c.type !== 'comment') : [];
  return { keyword, condition, body };
}

/** A request node: the `command` itself, after `!`, or as the last stage of a pipeline. */
function isRequest(n: SyntaxNode, requests: Map<number, ShellCommand>): ShellCommand | undefined {
  const cur = strip(n).node;
  return cur.type === 'command' ? requests.get(cur.startIndex) : undefined;
}

/** Past `!` and redirections (`! curl … > /dev/null` nests either way round). */
function strip(n: SyntaxNode): { node: SyntaxNode; negated: boolean } {
  let cur = n;
  let negated = false;
  for (let i = 0; i < 4; i++) {
    if (cur.type === 'negated_command') negated = !negated;
    else if (cur.type !== 'redirected_statement') break;
    cur = named(cur)[0] ?? cur;
  }
  return { node: cur, negated };
}

/** `curl … && break`, `if curl …; then break; fi`: a request whose success leaves the loop. */
function requestThatEndsLoop(body: SyntaxNode, requests: Map<number, ShellCommand>): ShellCommand | undefined {
  for (const list of descendants(body, new Set(['list', 'if_statement']))) {
    const kids = named(list);
    if (list.type === 'list') {
      const op = list.children.find((c) => c && !c.isNamed)?.type;
      const req = isRequest(kids[0], requests);
      const exit = kids[1] ? commandName(kids[1]) : undefined;
      if (req && op === '&&' && exit && EXITS.has(exit)) return req;
    } else {
      const cond = list.childForFieldName('condition') ?? kids[0];
      const req = cond ? isRequest(cond, requests) : undefined;
      const then = kids.slice(1).filter((k) => !/^(elif|else)_clause$/.test(k.type));
      if (req && then.some((k) => EXITS.has(commandName(k) ?? ''))) return req;
    }
  }
  return undefined;
}

/**
 * Whether `$name` grows: `name=$((name*2))` anywhere in the file, or `((name *= 2))`,
 * `((name += step))`, `((name++))` in the loop.
 */
function grows(name: string, facts: ShellFacts, body: SyntaxNode): boolean {
  const growing = new RegExp(`\\b${name}\\b\\s*(\\*|<<|\\+)|(\\*|<<|\\*\\*)\\s*\\$?${name}\\b`);
  for (const a of facts.assignments.get(name) ?? []) {
    const v = a.childForFieldName('value');
    if (v && v.type === 'arithmetic_expansion' && growing.test(v.text)) return true;
  }
  return new RegExp(`\\(\\([^)]*\\b${name}\\s*(\\*=|<<=|\\+=|\\+\\+)|\\(\\([^)]*\\+\\+\\s*${name}\\b`).test(body.text);
}

/** The wait between attempts: the `sleep` commands in the body (outside nested functions). */
function delayOf(body: SyntaxNode | undefined, facts: ShellFacts, loopVar: string | undefined): RetryDelay {
  const sleeps = body ? descendants(body, COMMAND).filter((c) => commandName(c) === 'sleep') : [];
  if (sleeps.length === 0) return { kind: 'none' };
  for (const s of sleeps) {
    const arg = named(s)[1];
    if (!arg) continue;
    const t = arg.text;
    // `$((2**i))`, `$((delay*2))`, `$((1 << n))`: computed from something that grows.
    if (/\*\*|<<|\*/.test(t) && /\$\(\(/.test(t)) return { kind: 'growing', span: span(s) };
    for (const m of t.matchAll(/\$\{?([A-Za-z_]\w*)/g)) {
      if (m[1] === loopVar && !/^\d/.test(t)) return { kind: 'growing', span: span(s) };
      if (body && grows(m[1], facts, body)) return { kind: 'growing', span: span(s) };
    }
    if (/\(\(/.test(t) && loopVar && new RegExp(`\\b${loopVar}\\b`).test(t)) return { kind: 'growing', span: span(s) };
  }
  const first = sleeps[0];
  const n = /^(\d+(?:\.\d+)?)(s?)$/.exec(named(first)[1]?.text ?? '');
  const ms = n ? Math.round(parseFloat(n[1]) * 1000) : undefined;
  return ms === 0 ? { kind: 'none', span: span(first) } : { kind: 'constant', span: span(first), ms };
}

export function shellLoopFacts(facts: ShellFacts, text: string): LoopFacts[] {
  const requests = new Map(facts.commands.map((c) => [c.node.startIndex, c]));
  const out: LoopFacts[] = [];
  for (const loop of facts.loops) {
    const { keyword, condition, body } = parts(loop);
    let req: ShellCommand | undefined;
    let trigger: LoopFacts['triggers'][number] = 'caught-error';
    if (loop.type === 'while_statement') {
      const c = condition.length === 1 ? condition[0] : undefined;
      const condReq = c ? isRequest(c, requests) : undefined;
      // `until curl` repeats while curl fails; `while ! curl` likewise. `while curl` repeats on success: not a retry.
      const negated = c ? strip(c).negated : false;
      if (condReq && (keyword === 'until') !== negated) req = condReq;
      else if (c && statusCheck(c, requests)) {
        req = statusCheck(c, requests);
        trigger = 'status';
      }
    }
    if (!req && body) req = requestThatEndsLoop(body, requests);
    if (!req || req.node.startIndex < loop.startIndex || !within(req.node, loop)) continue;
    const headerEnd = body ? body.startIndex : loop.endIndex;
    const header = text.slice(loop.startIndex, headerEnd).replace(/[\s;]*(do)?\s*$/, '');
    const loopVar = loop.childForFieldName('variable')?.text;
    const bounded = loop.type !== 'while_statement' || (body ? descendants(body, COMMAND).some((c) => EXITS.has(commandName(c) ?? '')) : false);
    out.push({
      construct: 'loop', triggers: [trigger], retriesOn429: false, readsRetryAfter: /retry-after/i.test(loop.text),
      delay: delayOf(body, facts, loopVar),
      bound: loop.type === 'while_statement' && !bounded ? { kind: 'unbounded' } : loop.type === 'while_statement' ? { kind: 'unknown' } : { kind: 'attempts', condition: header },
      span: { start: loop.startIndex, end: loop.startIndex + header.length },
      nodeSpan: span(loop), requestSpan: span(req.node),
    });
  }
  for (const cmd of facts.commands) {
    const f = curlRetryOptions(cmd);
    if (f) out.push(f);
  }
  return out;
}

/** `until [ "$(curl -s -o /dev/null -w '%{http_code}' …)" = 200 ]`: a retry on the status code. */
function statusCheck(c: SyntaxNode, requests: Map<number, ShellCommand>): ShellCommand | undefined {
  if (!/http_code|response_code/.test(c.text)) return undefined;
  for (const n of descendants(c, COMMAND)) {
    const r = requests.get(n.startIndex);
    if (r) return r;
  }
  return undefined;
}

/**
 * `curl --retry N` waits 1 s and doubles up to 10 min by itself: fine. `--retry-delay D` (D > 0)
 * makes every wait D seconds: a finding, unless `--retry-max-time` caps the whole run (a chosen
 * trade-off: the time cap keeps the constant delay from hammering a server for long).
 */
function curlRetryOptions(cmd: ShellCommand): LoopFacts | undefined {
  if (cmd.tool !== 'curl' || !hasOption(cmd, OPTION.retry) || hasOption(cmd, OPTION.retryMaxTime)) return undefined;
  const delay = optionArgs(cmd, OPTION.retryDelay)[0];
  if (!delay) return undefined;
  const seconds = delay.parts.length === 1 && delay.parts[0].kind === 'literal' ? Number(delay.parts[0].value) : NaN;
  if (!(seconds > 0)) return undefined;
  return {
    construct: 'library', library: 'curl', option: '--retry-delay', triggers: ['library'], retriesOn429: false, readsRetryAfter: false,
    delay: { kind: 'constant', span: delay.span, ms: Math.round(seconds * 1000) },
    bound: { kind: 'unknown' }, span: delay.span, nodeSpan: span(cmd.node), requestSpan: span(cmd.node),
  };
}
