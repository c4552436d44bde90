/** axios response interceptors that send the failed request again (`axios(error.config)`). */
import type { SyntaxNode } from '../parser';
import { type LoopFacts } from '../rules/retryWithoutBackoff';
import { FUNCTION_TYPES, RETRY_AFTER, SEPARATE_SCOPES, args, calleePath, parameterNames, pathOf, span, unwrap, walk } from './retrySyntax';
import { classifyCondition, flip, refreshesCredentials } from './retryConditions';
import { countingComparison, delayOf, noteUpdate, summarizeDelays, type Context, type DelayCall, type Region } from './retryValues';
import { failureContext } from './retrySelfCalls';

export function analyzeInterceptor(use: SyntaxNode, ctx: Context): LoopFacts[] {
  const a = args(use);
  let handler: SyntaxNode | undefined = a[1];
  if (!handler) return [];
  if (handler.type === 'identifier') handler = ctx.localFunction([handler.text], use);
  if (!handler || !FUNCTION_TYPES.has(handler.type)) return [];
  const client = pathOf(use.childForFieldName('function'))?.slice(0, -3).join('.');
  const params = parameterNames(handler);
  const region: Region = { at: handler, varying: new Set(params), growing: new Set(), ctx };
  const configNames = new Set<string>();
  const resends: SyntaxNode[] = [];
  const delays: DelayCall[] = [];
  walk(handler, (n) => {
    if (n.id !== handler!.id && SEPARATE_SCOPES.has(n.type)) return false;
    if (n.type === 'variable_declarator') {
      const value = unwrap(n.childForFieldName('value'));
      if (value && /\.config$/.test(value.text)) configNames.add(n.childForFieldName('name')?.text ?? '');
    }
    if (n.type === 'update_expression' || n.type === 'augmented_assignment_expression' || n.type === 'assignment_expression') noteUpdate(n, region);
    if (n.type === 'call_expression') {
      const d = delayOf(n);
      if (d) delays.push({ call: n, amount: d.amount });
      const callee = calleePath(n);
      const viaClient = !!client && !!callee && (callee.join('.') === client || callee.slice(0, -1).join('.') === client);
      if ((viaClient || ctx.isRequestCall(n)) && args(n).some((x) => /\.config$/.test(x.text) || configNames.has(x.text))) resends.push(n);
    }
    return true;
  });
  const facts: LoopFacts[] = [];
  for (const call of resends) {
    if (ancestorRefuses(call, handler)) continue;
    const failure = failureContext(call, handler);
    if (refreshesCredentials(handler) || oneShotFlag(handler)) continue;
    const before = delays.filter((d) => d.call.startIndex <= call.startIndex);
    let limit: string | undefined;
    walk(handler, (n) => {
      if (limit) return false;
      if (n.type === 'if_statement' || n.type === 'ternary_expression') limit = countingComparison(n.childForFieldName('condition'), region);
      return !limit;
    });
    facts.push({
      construct: 'interceptor',
      triggers: [failure?.trigger ?? 'caught-error'],
      retriesOn429: failure?.covers429 ?? false,
      readsRetryAfter: RETRY_AFTER.test(handler.text),
      delay: summarizeDelays(before, region),
      bound: limit ? { kind: 'attempts', condition: limit } : { kind: 'unbounded' },
      span: span(call),
      nodeSpan: span(use),
      requestSpan: span(call),
    });
  }
  return facts;
}

/** The re-send sits under a condition that is about something else than failure (401, 404). */
function ancestorRefuses(call: SyntaxNode, top: SyntaxNode): boolean {
  let prev = call;
  for (let n = call.parent; n && n.id !== top.id; prev = n, n = n.parent) {
    if (n.type !== 'if_statement' && n.type !== 'ternary_expression') continue;
    const c = classifyCondition(n.childForFieldName('condition'));
    if (!c) continue;
    const inAlt = n.childForFieldName('alternative')?.id === prev.id;
    if ((inAlt ? flip(c.polarity) : c.polarity) !== 'failure') return true;
  }
  return false;
}

/** `if (!config._retry) { config._retry = true; return api(config); }`: one more attempt only. */
function oneShotFlag(handler: SyntaxNode): boolean {
  let found = false;
  walk(handler, (n) => {
    if (found) return false;
    if (n.type === 'assignment_expression' && n.childForFieldName('left')?.type === 'member_expression'
      && n.childForFieldName('right')?.type === 'true') found = true;
    return !found;
  });
  return found;
}
