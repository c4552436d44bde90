/**
 * Retry libraries configured without backoff: tenacity's `@retry` with no `wait=` (it retries at
 * once) or `wait=wait_fixed(…)`, `retrying`'s `@retry` without an exponential wait,
 * `@backoff.on_exception(backoff.constant, …)`, and urllib3's `Retry(…)` with `backoff_factor` 0
 * (its default). `wait_exponential`, `wait_random_exponential` and `backoff.expo` are fine.
 */
import type { SyntaxNode } from '../parser';
import type { Span } from '../model';
import type { LoopFacts, RetryDelay } from '../rules/retryWithoutBackoff';
import type { RetryEnv } from './retryLoops';
import { callArguments, named, numberValue, unwrap } from './syntax';

/** A library retry and the message that names the library's own options. */
export interface LibraryRetry {
  facts: LoopFacts;
  message: string;
}

const WHY_NONE = 'Retrying at once adds load to a server that is already failing and keeps hitting the rate limit; a 429 needs waits that grow.';
const WHY_CONSTANT = 'A wait that never grows keeps hitting the rate limit; a 429 needs waits that grow.';

const spanOf = (n: SyntaxNode): Span => ({ start: n.startIndex, end: n.endIndex });
const inside = (s: Span, n: Span): boolean => s.start >= n.start && s.end <= n.end;

function seconds(ms: number | undefined): string {
  return ms === undefined ? 'the same time' : `the same ${ms / 1000} s`;
}

function library(facts: Omit<LoopFacts, 'construct' | 'triggers' | 'retriesOn429' | 'readsRetryAfter'>, lib: string, message: string): LibraryRetry {
  return { facts: { construct: 'library', library: lib, triggers: ['library'], retriesOn429: false, readsRetryAfter: false, ...facts }, message };
}

export function findLibraryRetries(env: RetryEnv): LibraryRetry[] {
  const out: LibraryRetry[] = [];
  const imports = env.facts.ctx.imports;
  for (const d of env.facts.decorated) {
    const def = d.childForFieldName('definition');
    if (!def || !env.requests.some((r) => inside(r, spanOf(def)))) continue;
    for (const dec of named(d).filter((c) => c.type === 'decorator')) {
      const expr = named(dec)[0];
      if (!expr) continue;
      const call = expr.type === 'call' ? expr : undefined;
      const fnNode = call ? call.childForFieldName('function') : expr;
      const name = fnNode ? imports.canonical(fnNode) : undefined;
      const args = call ? callArguments(call) : undefined;
      if (name === 'tenacity.retry') {
        const r = tenacity(expr, args, spanOf(d));
        if (r) out.push(r);
      } else if (name === 'retrying.retry') {
        const r = retrying(expr, args, spanOf(d));
        if (r) out.push(r);
      } else if (name === 'backoff.on_exception' && args) {
        const r = backoffConstant(args, spanOf(d));
        if (r) out.push(r);
      }
    }
  }
  for (const [i, call] of env.facts.calls.entries()) {
    if (env.facts.callees[i].last !== 'Retry' && !imports.fullName(env.facts.callees[i].last ?? '')?.endsWith('.Retry')) continue;
    const fn = call.childForFieldName('function');
    const name = fn ? imports.canonical(fn) : undefined;
    if (name && /^(urllib3(\.util)?(\.retry)?|requests\.(packages\.urllib3\.util\.retry|adapters))\.Retry$/.test(name)) {
      const r = urllib3Retry(call);
      if (r) out.push(r);
    }
  }
  return out;
}

function tenacity(expr: SyntaxNode, args: ReturnType<typeof callArguments> | undefined, node: Span): LibraryRetry | undefined {
  const stop = args?.keywords.get('stop');
  const never = stop ? '' : ', and with no `stop=` it never gives up';
  const fix = 'Use `wait=wait_random_exponential(multiplier=0.5, max=30)` (capped exponential backoff with jitter) and a `stop=stop_after_attempt(…)`.';
  const bound = stop ? { kind: 'attempts' as const, condition: stop.text } : { kind: 'unbounded' as const };
  const wait = args?.keywords.get('wait');
  if (!wait) {
    return library({ delay: { kind: 'none' }, bound, span: spanOf(expr), nodeSpan: node }, 'tenacity',
      `tenacity's @retry has no \`wait=\`, so it sends the request again at once after every failure (its default)${never}. ${WHY_NONE} ${fix}`);
  }
  const delay = tenacityWait(wait);
  if (!delay || delay.kind === 'growing') return undefined;
  const kw = args!.keywordNodes.get('wait')!;
  const what = delay.kind === 'none' ? 'send the request again at once after every failure' : `wait ${seconds(delay.ms)} before every new attempt`;
  return library({ delay, bound, span: spanOf(kw), nodeSpan: node, option: 'wait' }, 'tenacity',
    `This \`wait=\` makes tenacity's @retry ${what}${never}. ${delay.kind === 'none' ? WHY_NONE : WHY_CONSTANT} ${fix}`);
}

/** `wait_fixed(2)` constant, `wait_none()` none, exponential or incrementing waits grow; `a + b` combines. */
function tenacityWait(raw: SyntaxNode): RetryDelay | undefined {
  const n = unwrap(raw);
  if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '+') {
    const a = tenacityWait(n.childForFieldName('left')!);
    const b = tenacityWait(n.childForFieldName('right')!);
    if (!a || !b) return undefined;
    if (a.kind === 'growing' || b.kind === 'growing') return { kind: 'growing' };
    return { kind: a.kind === 'none' && b.kind === 'none' ? 'none' : 'constant', span: spanOf(n) };
  }
  if (n.type !== 'call') return undefined;
  const fn = n.childForFieldName('function')?.text.split('.').pop() ?? '';
  const first = callArguments(n).positional[0] ?? callArguments(n).keywords.get('wait');
  if (fn === 'wait_fixed') {
    const s = numberValue(first);
    return s === 0 ? { kind: 'none' } : { kind: 'constant', ms: s === undefined ? undefined : Math.round(s * 1000), span: spanOf(n) };
  }
  if (fn === 'wait_none') return { kind: 'none' };
  // Jitter alone does not grow either, but it does spread clients out; leave it be.
  if (fn === 'wait_random') return undefined;
  if (/^wait_(exponential|random_exponential|exponential_jitter|incrementing|chain)$/.test(fn)) return { kind: 'growing' };
  return undefined;
}

function retrying(expr: SyntaxNode, args: ReturnType<typeof callArguments> | undefined, node: Span): LibraryRetry | undefined {
  const kw = args?.keywords;
  if (kw && [...kw.keys()].some((k) => /^wait_(exponential|incrementing|random|func)/.test(k) || k === 'wait_jitter_max')) return undefined;
  const fix = 'Use `wait_exponential_multiplier=500, wait_exponential_max=30000`, or move to tenacity with `wait_random_exponential`.';
  const bound = kw?.has('stop_max_attempt_number') ? { kind: 'attempts' as const, condition: kw.get('stop_max_attempt_number')!.text } : { kind: 'unbounded' as const };
  const fixed = kw?.get('wait_fixed');
  if (fixed) {
    const ms = numberValue(fixed);
    return library({ delay: { kind: ms === 0 ? 'none' : 'constant', ms }, bound, span: spanOf(args!.keywordNodes.get('wait_fixed')!), nodeSpan: node, option: 'wait_fixed' }, 'retrying',
      `This \`wait_fixed\` makes retrying's @retry wait ${seconds(ms)} before every new attempt. ${WHY_CONSTANT} ${fix}`);
  }
  return library({ delay: { kind: 'none' }, bound, span: spanOf(expr), nodeSpan: node }, 'retrying',
    `retrying's @retry has no wait option, so it sends the request again at once after every failure (its default). ${WHY_NONE} ${fix}`);
}

function backoffConstant(args: ReturnType<typeof callArguments>, node: Span): LibraryRetry | undefined {
  const gen = args.positional[0] ?? args.keywords.get('wait_gen');
  if (!gen || !/(^|\.)constant$/.test(gen.text)) return undefined;
  const interval = args.keywords.get('interval');
  const s = interval ? numberValue(interval) : 1;
  const bound = args.keywords.has('max_tries') ? { kind: 'attempts' as const, condition: args.keywords.get('max_tries')!.text } : { kind: 'unknown' as const };
  return library({ delay: { kind: 'constant', ms: s === undefined ? undefined : Math.round(s * 1000) }, bound, span: spanOf(gen), nodeSpan: node, option: 'wait_gen' }, 'backoff',
    `\`backoff.constant\` waits ${seconds(s === undefined ? undefined : Math.round(s * 1000))} before every new attempt. ${WHY_CONSTANT} Use \`backoff.expo\` with \`max_value=30\` (backoff adds full jitter by default).`);
}

/** `Retry(total=5)` / `Retry(5, backoff_factor=0)`: urllib3 retries with no wait between attempts. */
function urllib3Retry(call: SyntaxNode): LibraryRetry | undefined {
  const args = callArguments(call);
  if (args.splat) return undefined;
  const counts = ['total', 'connect', 'read', 'status', 'other'].map((k) => args.keywords.get(k)).concat(args.positional[0] ? [args.positional[0]] : []);
  const retries = counts.some((c) => c && (numberValue(c) ?? 0) > 0) || args.keywords.has('status_forcelist');
  if (!retries) return undefined;
  const factor = args.keywords.get('backoff_factor');
  if (factor && numberValue(factor) !== 0) return undefined;
  const kw = args.keywordNodes.get('backoff_factor');
  const total = args.keywords.get('total') ?? args.positional[0];
  const said = kw ? 'has `backoff_factor=0`' : 'has no `backoff_factor` (it defaults to 0)';
  return library({ delay: { kind: 'none', ms: 0 }, bound: total ? { kind: 'attempts', condition: total.text } : { kind: 'unknown' }, span: spanOf(kw ?? call), nodeSpan: spanOf(call), option: 'backoff_factor' }, 'urllib3',
    `This Retry ${said}, so urllib3 sends the request again at once after every failure. ${WHY_NONE} Set \`backoff_factor=0.5\` (waits of 0.5, 1, 2, 4 s… up to \`backoff_max\`), and keep \`respect_retry_after_header\` on (the default).`);
}
