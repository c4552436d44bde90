/** Small readers of the Go syntax tree: spans, children, string literals with their offsets. */
import type { SyntaxNode } from '../parser';
import type { Span } from '../model';

export function span(n: SyntaxNode): Span {
  return { start: n.startIndex, end: n.endIndex };
}

export function named(n: SyntaxNode | null | undefined): SyntaxNode[] {
  return n ? (n.namedChildren.filter((c) => c !== null) as SyntaxNode[]) : [];
}

export function unwrap(n: SyntaxNode): SyntaxNode {
  let cur = n;
  while (cur.type === 'parenthesized_expression' && named(cur).length === 1) cur = named(cur)[0];
  return cur;
}

/** A piece of a string literal's value; `exact` when the text is written as is (no escape). */
export interface StringPiece {
  value: string;
  start: number;
  end: number;
  exact: boolean;
}

export interface GoString {
  value: string;
  pieces: StringPiece[];
  /** `"` or `` ` ``. */
  quote: string;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };

/** The value of a Go string literal, in pieces that keep their document offsets. */
export function goString(node: SyntaxNode | null | undefined): GoString | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  const text = n.text;
  if (n.type === 'raw_string_literal') {
    if (text.length < 2 || !text.endsWith('`')) return undefined;
    const body = text.slice(1, -1);
    // Go drops carriage returns from raw strings.
    const value = body.replace(/\r/g, '');
    return { value, quote: '`', pieces: body.length === 0 ? [] : [{ value, start: n.startIndex + 1, end: n.endIndex - 1, exact: value === body }] };
  }
  if (n.type !== 'interpreted_string_literal' || text.length < 2 || !text.endsWith('"')) return undefined;
  const pieces: StringPiece[] = [];
  const base = n.startIndex + 1;
  const body = text.slice(1, -1);
  let run = '';
  let runStart = 0;
  const flush = (at: number): void => {
    if (run) pieces.push({ value: run, start: base + runStart, end: base + at, exact: true });
    run = '';
  };
  let i = 0;
  while (i < body.length) {
    if (body[i] !== '\\') {
      if (!run) runStart = i;
      run += body[i++];
      continue;
    }
    flush(i);
    const m = /^\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/.exec(body.slice(i));
    const esc = m ? m[0] : body.slice(i, i + 2);
    let value: string;
    if (/^\\[xuU]/.test(esc)) value = String.fromCodePoint(parseInt(esc.slice(2), 16));
    else if (/^\\[0-7]{3}$/.test(esc)) value = String.fromCharCode(parseInt(esc.slice(1), 8));
    else value = SIMPLE_ESCAPES[esc[1]] ?? esc.slice(1);
    pieces.push({ value, start: base + i, end: base + i + esc.length, exact: false });
    i += esc.length;
  }
  flush(i);
  return { value: pieces.map((p) => p.value).join(''), quote: '"', pieces };
}

export function plainString(node: SyntaxNode | null | undefined): string | undefined {
  return goString(node)?.value;
}

export function isStringLiteral(n: SyntaxNode | null | undefined): boolean {
  return !!n && (n.type === 'interpreted_string_literal' || n.type === 'raw_string_literal');
}

/** `a.b.c` for identifiers and selectors; undefined for anything else. */
export function dottedText(n: SyntaxNode | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier' || n.type === 'field_identifier' || n.type === 'package_identifier' || n.type === 'type_identifier') return n.text;
  if (n.type === 'selector_expression') {
    const o = dottedText(n.childForFieldName('operand'));
    const f = n.childForFieldName('field')?.text;
    return o && f ? `${o}.${f}` : undefined;
  }
  if (n.type === 'qualified_type') {
    const p = n.childForFieldName('package')?.text;
    const t = n.childForFieldName('name')?.text;
    return p && t ? `${p}.${t}` : undefined;
  }
  return undefined;
}

/** The callee and arguments of a call; a `T(x)` read as a type conversion (half-typed code) counts too. */
export function callParts(n: SyntaxNode): { fn: SyntaxNode; args: SyntaxNode[]; list?: SyntaxNode } | undefined {
  if (n.type === 'call_expression') {
    const fn = n.childForFieldName('function');
    const list = n.childForFieldName('arguments');
    if (!fn) return undefined;
    return { fn, args: named(list).filter((a) => a.type !== 'comment'), list: list ?? undefined };
  }
  if (n.type === 'type_conversion_expression') {
    const fn = n.childForFieldName('type');
    const op = n.childForFieldName('operand');
    if (!fn || !op) return undefined;
    return { fn, args: [op] };
  }
  return undefined;
}

/** `x.Method` → Method; `Func` → Func. */
export function calleeName(fn: SyntaxNode): string | undefined {
  if (fn.type === 'selector_expression') return fn.childForFieldName('field')?.text;
  if (fn.type === 'qualified_type') return fn.childForFieldName('name')?.text;
  if (fn.type === 'identifier') return fn.text;
  return undefined;
}

export function calleeReceiver(fn: SyntaxNode): SyntaxNode | undefined {
  if (fn.type === 'selector_expression') return fn.childForFieldName('operand') ?? undefined;
  if (fn.type === 'qualified_type') return fn.childForFieldName('package') ?? undefined;
  return undefined;
}

/** The first element of `[]string{v}` / `{v}`, or the value itself. */
export function headerValue(n: SyntaxNode): SyntaxNode {
  const v = unwrap(n);
  const body = v.type === 'composite_literal' ? v.childForFieldName('body') : v.type === 'literal_value' ? v : null;
  if (body) {
    const first = named(body)[0];
    return first ? (first.type === 'literal_element' ? named(first)[0] ?? first : first) : v;
  }
  return v;
}

export function elementValue(el: SyntaxNode | null): SyntaxNode | undefined {
  if (!el) return undefined;
  return el.type === 'literal_element' ? named(el)[0] : el;
}
