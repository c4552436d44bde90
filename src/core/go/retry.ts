/**
 * `retry-without-backoff` and `retry-after-ignored` for Go: `for` loops (see retryLoops.ts) and
 * resty's retry settings, described as LoopFacts and reported by the shared rule.
 *
 * resty: `SetRetryCount(n)` alone already backs off (100 ms growing up to 2 s with jitter, its
 * defaults), so it is not reported. It is reported when `SetRetryMaxWaitTime` is no longer than
 * `SetRetryWaitTime` (both constant), which pins every wait to the same length.
 */
import { retryFindings, type LoopFacts } from '../rules/retryWithoutBackoff';
import type { Finding } from '../types';
import type { GoFacts } from './facts';
import { analyzeLoop, durationMsOf, retryEnv } from './retryLoops';
import { callParts, calleeReceiver } from './syntax';

const RESTY_MESSAGE = (ms: number | undefined): string =>
  `This resty client waits the same ${ms !== undefined ? `${ms} ms` : 'time'} before every retry: SetRetryMaxWaitTime is not longer than SetRetryWaitTime, so the wait cannot grow. ` +
  'A wait that never grows keeps hitting the rate limit; 429 responses need increasing waits. ' +
  'Let the wait grow: keep SetRetryWaitTime around 500 ms and SetRetryMaxWaitTime around 30 s, and honour Retry-After (resty reads it through SetRetryAfter).';

export function checkGoRetries(facts: GoFacts, text: string): Finding[] {
  const env = retryEnv(facts, text);
  const loops: LoopFacts[] = [];
  for (const loop of facts.loops) {
    const f = analyzeLoop(loop, env);
    if (f) loops.push(f);
  }
  const messages = new Map<string, string>();
  // resty: SetRetryCount(n) with a maximum wait no longer than the first wait, on one chain or one client variable.
  const waits = facts.callInfo.flatMap((info, i) => ((info.name === 'SetRetryWaitTime' || info.name === 'SetRetryMaxWaitTime') && info.parts ? [{ call: facts.calls[i], name: info.name, arg: info.parts.args[0] }] : []));
  facts.callInfo.forEach((info, i) => {
    if (info.name !== 'SetRetryCount') return;
    const c = info.parts;
    const call = facts.calls[i];
    if (!c) return;
    const root = rootOf(call);
    const settings = new Map<string, number | undefined>();
    for (const w of waits) if (rootOf(w.call) === root) settings.set(w.name, w.arg ? durationMsOf(w.arg, env) : undefined);
    const wait = settings.get('SetRetryWaitTime');
    const max = settings.get('SetRetryMaxWaitTime');
    if (wait === undefined || max === undefined || max > wait) return;
    const s = { start: c.fn.childForFieldName('field')?.startIndex ?? call.startIndex, end: call.endIndex };
    loops.push({
      construct: 'library', library: 'resty', option: 'SetRetryMaxWaitTime', triggers: ['library'], retriesOn429: false, readsRetryAfter: false,
      delay: wait <= 0 ? { kind: 'none', ms: 0 } : { kind: 'constant', ms: wait }, bound: { kind: 'attempts', condition: c.args[0]?.text ?? '' }, span: s, nodeSpan: s,
    });
    messages.set(`${s.start}:${s.end}`, RESTY_MESSAGE(wait));
  });
  return retryFindings(loops.sort((a, b) => a.span.start - b.span.start)).map((f) => {
    const message = f.ruleId === 'retry-without-backoff' ? messages.get(`${f.start}:${f.end}`) : undefined;
    return message ? { ...f, message } : f;
  });
}

/** The variable (or the first call) a method chain starts from: `client` of `client.SetRetryCount(3)`. */
function rootOf(call: import('../parser').SyntaxNode): string {
  let cur = call;
  for (;;) {
    const c = callParts(cur);
    const r = c ? calleeReceiver(c.fn) : undefined;
    if (!r) return cur.text;
    if (r.type !== 'call_expression') return r.text;
    cur = r;
  }
}
