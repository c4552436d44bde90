/**
 * Reads a Python condition as a predicate over the response status: `r.status_code == 429`,
 * `r.status >= 500`, `not r.ok`, `resp.is_success`, `code in (429, 503)`, `200 <= s < 300`, joined
 * with `and`/`or`/`not`. Parts that are not about the status are left out (neither true nor false),
 * so `r.status_code == 429 and attempt < 5` reads as "429".
 */
import type { SyntaxNode } from '../parser';
import { named, numberValue, unwrap } from './syntax';

/** The statuses a condition is tried with: success, rate limited, server error. */
export const PROBES = [200, 429, 503] as const;

type Truth = boolean | undefined;
type Predicate = (status: number) => Truth;

/** A response's status read from an expression: `r.status_code`, `resp.status`, `r.getcode()`, `status_code`. */
function isStatusExpression(node: SyntaxNode): boolean {
  const n = unwrap(node);
  if (n.type === 'attribute') return /^(status_code|status|code)$/.test(n.childForFieldName('attribute')?.text ?? '');
  if (n.type === 'identifier') return /^(status_code|status|http_status|code|status_code_)$/i.test(n.text);
  if (n.type === 'call') return /\.getcode$|\.getstatus$/.test(n.childForFieldName('function')?.text ?? '');
  return false;
}

const FLAGS: Record<string, (s: number) => boolean> = {
  ok: (s) => s < 400,
  is_success: (s) => s >= 200 && s < 300,
  is_error: (s) => s >= 400,
  is_client_error: (s) => s >= 400 && s < 500,
  is_server_error: (s) => s >= 500,
};

function numbers(node: SyntaxNode): number | number[] | undefined {
  const n = unwrap(node);
  const single = numberValue(n);
  if (single !== undefined) return single;
  if (['tuple', 'list', 'set'].includes(n.type)) {
    const out = named(n).map((c) => numberValue(c));
    return out.every((v): v is number => v !== undefined) ? out : undefined;
  }
  if (n.type === 'call' && /(^|\.)range$/.test(n.childForFieldName('function')?.text ?? '')) {
    const a = named(n.childForFieldName('arguments')).map((c) => numberValue(c));
    if (a.length === 2 && a[0] !== undefined && a[1] !== undefined) {
      const [lo, hi] = a as number[];
      return Array.from({ length: Math.max(0, Math.min(hi - lo, 600)) }, (_, i) => lo + i);
    }
  }
  return undefined;
}

function compare(op: string, a: number | number[], b: number | number[]): Truth {
  if (op === 'in' || op === 'not in') {
    if (typeof a !== 'number' || typeof b === 'number') return undefined;
    return op === 'in' ? b.includes(a) : !b.includes(a);
  }
  if (typeof a !== 'number' || typeof b !== 'number') return undefined;
  switch (op) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    default: return undefined;
  }
}

/** The condition as a predicate over the status, or undefined when it says nothing about a status. */
export function statusPredicate(raw: SyntaxNode): Predicate | undefined {
  const n = unwrap(raw);
  switch (n.type) {
    case 'not_operator': {
      const inner = statusPredicate(n.childForFieldName('argument')!);
      return inner && ((s) => {
        const v = inner(s);
        return v === undefined ? undefined : !v;
      });
    }
    case 'boolean_operator': {
      const l = statusPredicate(n.childForFieldName('left')!);
      const r = statusPredicate(n.childForFieldName('right')!);
      const and = n.childForFieldName('operator')?.text === 'and';
      if (!l && !r) return undefined;
      return (s) => {
        const a = l?.(s);
        const b = r?.(s);
        if (a === undefined) return b;
        if (b === undefined) return a;
        return and ? a && b : a || b;
      };
    }
    case 'attribute': {
      const flag = FLAGS[n.childForFieldName('attribute')?.text ?? ''];
      return flag && ((s) => flag(s));
    }
    case 'comparison_operator': {
      const operands = named(n);
      const ops = n.childrenForFieldName('operators').filter((o): o is SyntaxNode => !!o).map((o) => o.text.replace(/\s+/g, ' '));
      if (operands.length !== ops.length + 1 || !operands.some(isStatusExpression)) return undefined;
      // `r.ok is False`, `r.ok == True`
      if (operands.length === 2 && unwrap(operands[0]).type === 'attribute' && FLAGS[unwrap(operands[0]).childForFieldName('attribute')?.text ?? '']) {
        return undefined;
      }
      return (s) => {
        let result: Truth = true;
        for (let i = 0; i < ops.length; i++) {
          const a = isStatusExpression(operands[i]) ? s : numbers(operands[i]);
          const b = isStatusExpression(operands[i + 1]) ? s : numbers(operands[i + 1]);
          if (a === undefined || b === undefined) return undefined;
          const v = compare(ops[i], a, b);
          if (v === undefined) return undefined;
          result = result && v;
        }
        return result;
      };
    }
  }
  // `if r.ok is False` and friends read as flags.
  return undefined;
}

/** What a status condition means for a retry: on which probes it is true. */
export interface StatusReading {
  success: boolean;
  on429: boolean;
  on5xx: boolean;
  /** The check is on `.ok`/`.is_success` rather than a number. */
  flag: boolean;
}

export function readStatus(cond: SyntaxNode): StatusReading | undefined {
  const p = statusPredicate(cond);
  if (!p) return undefined;
  const [ok, limited, failed] = PROBES.map((s) => p(s));
  if (ok === undefined && limited === undefined && failed === undefined) return undefined;
  return { success: ok === true, on429: limited === true, on5xx: failed === true, flag: !/\d{3}/.test(cond.text) };
}
