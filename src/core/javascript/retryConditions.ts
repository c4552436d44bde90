/**
 * HTTP conditions in code: whether `res.status === 429`, `!res.ok`, `[502, 503].includes(status)`
 * … hold on failure or on success, and how a block ends (leaves the loop, continues, falls through).
 */
import type { SyntaxNode } from '../parser';
import { type RetryTrigger } from '../rules/retryWithoutBackoff';
import { COMPARISONS, PASS_THROUGH_CALLS, REFRESH_NAME, RETRYISH_NAME, args, calleePath, numberValue, operator, pathOf, unwrap, walk } from './retrySyntax';

type Polarity = 'failure' | 'success' | 'other';

export interface Condition {
  polarity: Polarity;
  trigger: RetryTrigger;
  /** The failing side covers 429. */
  covers429: boolean;
}

const STATUS_NAMES = new Set(['status', 'statusCode', 'httpStatus', 'status_code']);

export function isStatus(node: SyntaxNode | undefined): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (n.type === 'identifier') return STATUS_NAMES.has(n.text);
  if (n.type === 'member_expression') return STATUS_NAMES.has(n.childForFieldName('property')?.text ?? '');
  if (n.type === 'call_expression' && PASS_THROUGH_CALLS.has(calleePath(n)?.join('.') ?? '')) return isStatus(args(n)[0]);
  return false;
}

/** A status code written as a number or as a well-known constant name. */
export function statusCode(node: SyntaxNode | undefined): number | undefined {
  const v = numberValue(node);
  if (v !== undefined) return v >= 100 && v <= 599 ? v : undefined;
  const name = pathOf(node)?.at(-1) ?? '';
  if (/TOO_MANY_REQUESTS|RATE_LIMIT/i.test(name)) return 429;
  if (/SERVICE_UNAVAILABLE/i.test(name)) return 503;
  if (/BAD_GATEWAY/i.test(name)) return 502;
  if (/GATEWAY_TIMEOUT/i.test(name)) return 504;
  if (/INTERNAL_SERVER_ERROR/i.test(name)) return 500;
  if (/UNAUTHORIZED/i.test(name)) return 401;
  if (/FORBIDDEN/i.test(name)) return 403;
  if (/^(HTTP_)?OK$/.test(name)) return 200;
  return undefined;
}

export function failing(code: number): boolean {
  return code === 408 || code === 425 || code === 429 || code >= 500;
}

function codePolarity(code: number): Polarity {
  if (failing(code)) return 'failure';
  return code < 400 ? 'success' : 'other';
}

export function flip(p: Polarity): Polarity {
  return p === 'failure' ? 'success' : p === 'success' ? 'failure' : 'other';
}

/** How a condition reads an HTTP outcome, or undefined when it is not about one. */
export function classifyCondition(node: SyntaxNode | null | undefined): Condition | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  switch (n.type) {
    case 'unary_expression': {
      if (operator(n) !== '!') return undefined;
      const inner = classifyCondition(n.childForFieldName('argument'));
      return inner && { ...inner, polarity: flip(inner.polarity) };
    }
    case 'binary_expression': {
      const op = operator(n);
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (op === '&&' || op === '||') return combine(classifyCondition(left), classifyCondition(right));
      if (!COMPARISONS.has(op)) return undefined;
      if (isStatus(left ?? undefined)) return compareStatus(op, right ?? undefined);
      if (isStatus(right ?? undefined)) return compareStatus(mirror(op), left ?? undefined);
      return undefined;
    }
    case 'member_expression':
      return n.childForFieldName('property')?.text === 'ok' ? { polarity: 'success', trigger: 'not-ok', covers429: true } : undefined;
    case 'call_expression':
      return classifyStatusCall(n);
    default:
      return undefined;
  }
}

function combine(a: Condition | undefined, b: Condition | undefined): Condition | undefined {
  if (!a || !b) return a ?? b;
  const pick = [a, b].find((c) => c.polarity === 'failure') ?? [a, b].find((c) => c.polarity === 'success') ?? a;
  return { ...pick, covers429: (a.polarity === 'failure' && a.covers429) || (b.polarity === 'failure' && b.covers429) || pick.covers429 };
}

function mirror(op: string): string {
  return ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[op] ?? op;
}

function compareStatus(op: string, other: SyntaxNode | undefined): Condition | undefined {
  const code = statusCode(other);
  if (code === undefined) return undefined;
  const status = (polarity: Polarity, covers429: boolean): Condition => ({ polarity, trigger: 'status', covers429 });
  switch (op) {
    case '===': case '==': return status(codePolarity(code), code === 429);
    case '!==': case '!=': {
      // `!== 429` and `!== 200` both leave 429 on the failing side.
      const p = codePolarity(code);
      return p === 'other' ? status('other', false) : status(flip(p), code === 429 || p === 'success');
    }
    case '>=': case '>': {
      const from = op === '>' ? code + 1 : code;
      return from >= 200 && from < 300 ? status('success', false) : status('failure', from <= 429);
    }
    case '<': case '<=': {
      const below = op === '<=' ? code + 1 : code;
      return below <= 500 ? status('success', below <= 429 && below >= 300) : status('other', false);
    }
    default: return undefined;
  }
}

/** `[429, 503].includes(res.status)`, `RETRYABLE.has(status)`, `isRetryable(res)`. */
function classifyStatusCall(call: SyntaxNode): Condition | undefined {
  const fn = call.childForFieldName('function');
  const a = args(call);
  const name = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text ?? '' : fn?.text ?? '';
  if ((name === 'includes' || name === 'has') && isStatus(a[0])) {
    const list = unwrap(fn?.childForFieldName('object'));
    if (list?.type === 'array') {
      const codes = list.namedChildren.map((c) => statusCode(c ?? undefined)).filter((c): c is number => c !== undefined);
      if (codes.length === 0) return undefined;
      if (codes.every(failing)) return { polarity: 'failure', trigger: 'status', covers429: codes.includes(429) };
      if (codes.every((c) => c < 400)) return { polarity: 'success', trigger: 'status', covers429: false };
      return { polarity: 'other', trigger: 'status', covers429: false };
    }
    const listName = list ? pathOf(list)?.at(-1) ?? '' : '';
    if (RETRYISH_NAME.test(listName) || /fail|error/i.test(listName)) return { polarity: 'failure', trigger: 'status', covers429: false };
    if (/ok|success/i.test(listName)) return { polarity: 'success', trigger: 'status', covers429: false };
    return undefined;
  }
  if (RETRYISH_NAME.test(name) && a.length > 0) return { polarity: 'failure', trigger: 'status', covers429: /429/.test(call.text) };
  return undefined;
}

/** How a block ends: it leaves the loop, goes to the next iteration, or falls through. */
export function ending(stmt: SyntaxNode | null | undefined): 'exit' | 'throw' | 'continue' | 'none' {
  if (!stmt) return 'none';
  switch (stmt.type) {
    case 'statement_block': {
      const last = [...stmt.namedChildren].reverse().find((c) => c && c.type !== 'comment');
      return ending(last);
    }
    case 'else_clause': return ending(stmt.namedChildren[0]);
    case 'return_statement': case 'break_statement': return 'exit';
    case 'throw_statement': return 'throw';
    case 'continue_statement': return 'continue';
    case 'if_statement': {
      const alt = stmt.childForFieldName('alternative');
      if (!alt) return 'none';
      const a = ending(stmt.childForFieldName('consequence'));
      return a === ending(alt) ? a : 'none';
    }
    default: return 'none';
  }
}

/** A token refresh before one more attempt is not a retry loop. */
export function refreshesCredentials(branch: SyntaxNode): boolean {
  let found = false;
  walk(branch, (n) => {
    if (found) return false;
    if (n.type === 'call_expression' && REFRESH_NAME.test(calleePath(n)?.at(-1) ?? '')) found = true;
    return !found;
  });
  return found;
}
