/** Small helpers over JavaScript/TypeScript syntax nodes for the retry rules. */
import type { Span } from '../model';
import type { SyntaxNode } from '../parser';

export const LOOP_TYPES = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);
/** Functions the retry queries treat as scopes of their own (partsOf leaves them out). */
export const DECLARED_FUNCTION_TYPES = new Set(['function_declaration', 'generator_function_declaration', 'method_definition']);
export const FUNCTION_TYPES = new Set([
  'function_declaration', 'generator_function_declaration', 'function_expression', 'function', 'generator_function',
  'arrow_function', 'method_definition',
]);
/** Functions that are not run where they are written (their own retries are their own candidates). */
export const SEPARATE_SCOPES = new Set(['function_declaration', 'generator_function_declaration', 'method_definition', 'class_declaration', 'class']);
export const GROWTH_OPERATORS = new Set(['*', '**', '<<']);
export const GROWTH_ASSIGNMENTS = new Set(['*=', '**=', '<<=', '+=']);
export const COMPARISONS = new Set(['<', '<=', '>', '>=', '===', '==', '!==', '!=']);
export const PASS_THROUGH_MATH = new Set(['min', 'max', 'round', 'floor', 'ceil', 'trunc', 'abs']);
export const PASS_THROUGH_CALLS = new Set(['Number', 'parseInt', 'parseFloat']);
export const RETRY_AFTER = /retry[-_]?after/i;
export const DELAY_NAME = /(sleep|delay|wait|timeout|pause|backoff)$/i;
export const REFRESH_NAME = /refresh|reauth|re_auth|login|authenticate|renew/i;
export const RETRYISH_NAME = /retr(y|iable)|transient|throttl|ratelimit|rate_limit/i;

export function span(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

export function unwrap(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let n = node ?? undefined;
  while (n && (n.type === 'parenthesized_expression' || n.type === 'await_expression' || n.type === 'non_null_expression'
    || n.type === 'as_expression' || n.type === 'satisfies_expression' || n.type === 'type_assertion')) {
    const inner: SyntaxNode | undefined = n.type === 'type_assertion' ? n.namedChildren[n.namedChildCount - 1] ?? undefined : n.namedChildren[0] ?? undefined;
    if (!inner) break;
    n = inner;
  }
  return n;
}

export function args(call: SyntaxNode): SyntaxNode[] {
  const a = call.childForFieldName('arguments');
  return a ? (a.namedChildren.filter((c) => c !== null && c.type !== 'comment') as SyntaxNode[]) : [];
}

/** `a.b.c` as ['a', 'b', 'c'] (with `this`); undefined for anything else. */
export function pathOf(node: SyntaxNode | null | undefined): string[] | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type === 'identifier' || n.type === 'this' || n.type === 'property_identifier') return [n.text];
  if (n.type === 'member_expression') {
    const base = pathOf(n.childForFieldName('object'));
    const prop = n.childForFieldName('property');
    return base && prop ? [...base, prop.text] : undefined;
  }
  return undefined;
}

export function calleePath(call: SyntaxNode): string[] | undefined {
  return pathOf(call.childForFieldName('function'));
}

/** The property a call invokes (`then` in `fetch(u).then(f)`), whatever the receiver is. */
export function methodName(call: SyntaxNode): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
}

export function operator(node: SyntaxNode): string {
  return node.childForFieldName('operator')?.text ?? '';
}

/** Visits `root` and its named descendants, depth first; `enter` returns false to skip a subtree. */
export function walk(root: SyntaxNode, enter: (n: SyntaxNode) => boolean | void): void {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (enter(n) === false) continue;
    for (let i = n.namedChildCount - 1; i >= 0; i--) {
      const c = n.namedChild(i);
      if (c) stack.push(c);
    }
  }
}

export function contains(outer: SyntaxNode | Span, inner: SyntaxNode): boolean {
  const s = 'startIndex' in outer ? outer.startIndex : outer.start;
  const e = 'endIndex' in outer ? outer.endIndex : outer.end;
  return inner.startIndex >= s && inner.endIndex <= e;
}

export function numberValue(node: SyntaxNode | undefined): number | undefined {
  const n = unwrap(node);
  if (n?.type !== 'number') return undefined;
  const v = Number(n.text.replace(/_/g, ''));
  return Number.isFinite(v) ? v : undefined;
}

/** The value of `key` in an object literal. */
export function property(obj: SyntaxNode, key: string): SyntaxNode | undefined {
  for (const p of obj.namedChildren) {
    if (p?.type === 'pair') {
      const k = p.childForFieldName('key');
      const name = k?.type === 'string' ? k.text.slice(1, -1) : k?.text;
      if (name === key) return p;
    } else if (p?.type === 'shorthand_property_identifier' && p.text === key) {
      return p;
    }
  }
  return undefined;
}

export function pairValue(pair: SyntaxNode): SyntaxNode | undefined {
  return pair.type === 'pair' ? pair.childForFieldName('value') ?? undefined : pair;
}

export function parameterNames(fn: SyntaxNode): string[] {
  const names: string[] = [];
  const single = fn.childForFieldName('parameter');
  if (single) names.push(single.text);
  const params = fn.childForFieldName('parameters');
  if (params) {
    walk(params, (n) => {
      if (n.type === 'identifier' || n.type === 'shorthand_property_identifier_pattern') {
        // Default values are not parameters: `attempt = 0` names only `attempt`.
        if (n.parent?.type === 'assignment_pattern' && n.parent.childForFieldName('right')?.id === n.id) return false;
        names.push(n.text);
      }
      return !FUNCTION_TYPES.has(n.type) && n.type !== 'type_annotation';
    });
  }
  return names;
}

export function functionName(fn: SyntaxNode): string | undefined {
  const name = declaredName(fn);
  // Computed keys (`[Symbol.iterator]`) and string keys cannot be called by name.
  return name !== undefined && /^[A-Za-z_$][\w$]*$/.test(name) ? name : undefined;
}

function declaredName(fn: SyntaxNode): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  const p = fn.parent;
  if (!p) return undefined;
  if (p.type === 'variable_declarator') return p.childForFieldName('name')?.type === 'identifier' ? p.childForFieldName('name')!.text : undefined;
  if (p.type === 'assignment_expression') return pathOf(p.childForFieldName('left'))?.at(-1);
  if (p.type === 'pair') return p.childForFieldName('key')?.text;
  if (p.type === 'public_field_definition' || p.type === 'field_definition') return (p.childForFieldName('name') ?? p.childForFieldName('property'))?.text;
  return undefined;
}
