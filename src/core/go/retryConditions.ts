/**
 * Reads a Go condition as a predicate over the outcome of a request: `resp.StatusCode == 429`,
 * `resp.StatusCode >= 500`, `!= http.StatusOK`, `err != nil`, joined with `&&`, `||` and `!`.
 * Parts about neither the status nor the error stay unknown, so `err != nil && attempt < 5` reads
 * as "on error".
 */
import type { SyntaxNode } from '../parser';
import { unwrap } from './syntax';

/** A request's outcome to try a condition with: a status, or an error (no response). */
interface Outcome {
  status?: number;
  error: boolean;
}

const PROBES: Outcome[] = [{ status: 200, error: false }, { status: 429, error: false }, { status: 503, error: false }, { error: true }];

const NAMED: Record<string, number> = {
  OK: 200, Created: 201, Accepted: 202, NoContent: 204, TooManyRequests: 429, InternalServerError: 500,
  BadGateway: 502, ServiceUnavailable: 503, GatewayTimeout: 504, BadRequest: 400, Unauthorized: 401,
  Forbidden: 403, NotFound: 404, Conflict: 409, RequestTimeout: 408, MultipleChoices: 300,
};

type Truth = boolean | undefined;
type Predicate = (o: Outcome) => Truth;

export function isStatus(n: SyntaxNode): boolean {
  if (n.type === 'selector_expression') return /^(StatusCode|Status|Code)$/.test(n.childForFieldName('field')?.text ?? '') || /\.StatusCode\(\)$/.test(n.text);
  if (n.type === 'identifier') return /^(status|statusCode|code|httpStatus|sc)$/i.test(n.text);
  // resty: `resp.StatusCode()`
  if (n.type === 'call_expression') return /\.StatusCode$/.test(n.childForFieldName('function')?.text ?? '');
  return false;
}

function isErr(n: SyntaxNode): boolean {
  return n.type === 'identifier' && /^(err|e|reqErr|doErr|httpErr|error)$/i.test(n.text);
}

export function numberOf(n: SyntaxNode): number | undefined {
  if (n.type === 'int_literal') return Number(n.text);
  const m = /^http\.Status(\w+)$/.exec(n.text);
  return m ? NAMED[m[1]] : undefined;
}

function compare(op: string, a: number, b: number): Truth {
  switch (op) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
  return undefined;
}

function predicate(raw: SyntaxNode): Predicate | undefined {
  const n = unwrap(raw);
  if (n.type === 'unary_expression' && n.childForFieldName('operator')?.text === '!') {
    const inner = n.childForFieldName('operand');
    const p = inner ? predicate(inner) : undefined;
    return p && ((o) => {
      const v = p(o);
      return v === undefined ? undefined : !v;
    });
  }
  if (n.type !== 'binary_expression') return undefined;
  const op = n.childForFieldName('operator')?.text ?? '';
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  if (!left || !right) return undefined;
  if (op === '&&' || op === '||') {
    const l = predicate(left);
    const r = predicate(right);
    if (!l && !r) return undefined;
    return (o) => {
      const a = l?.(o);
      const b = r?.(o);
      if (a === undefined) return b;
      if (b === undefined) return a;
      return op === '&&' ? a && b : a || b;
    };
  }
  const [l, r] = [unwrap(left), unwrap(right)];
  if ((isErr(l) && r.type === 'nil') || (isErr(r) && l.type === 'nil')) {
    if (op !== '==' && op !== '!=') return undefined;
    return (o) => (op === '!=' ? o.error : !o.error);
  }
  if (isStatus(l) || isStatus(r)) {
    const statusLeft = isStatus(l);
    const k = numberOf(statusLeft ? r : l);
    if (k === undefined) return undefined;
    return (o) => (o.status === undefined ? undefined : statusLeft ? compare(op, o.status, k) : compare(op, k, o.status));
  }
  return undefined;
}

export interface OutcomeReading {
  /** True for a 200 response. */
  success: boolean;
  on429: boolean;
  on5xx: boolean;
  onError: boolean;
  /** Reads the status at all (rather than only the error). */
  status: boolean;
}

export function readOutcome(cond: SyntaxNode): OutcomeReading | undefined {
  const p = predicate(cond);
  if (!p) return undefined;
  const [ok, limited, failed, error] = PROBES.map((o) => p(o));
  if ([ok, limited, failed, error].every((v) => v === undefined)) return undefined;
  return { success: ok === true, on429: limited === true, on5xx: failed === true, onError: error === true, status: [ok, limited, failed].some((v) => v !== undefined) };
}

