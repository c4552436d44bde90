/** Small readers of Python syntax nodes shared by the Python front end. */
import type { SyntaxNode } from '../parser';
import type { Span } from '../model';

export function span(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

export function named(node: SyntaxNode | null | undefined): SyntaxNode[] {
  return node ? node.namedChildren.filter((c): c is SyntaxNode => !!c) : [];
}

export function children(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((c): c is SyntaxNode => !!c);
}

/** Strips parentheses, which never change a value. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.type === 'parenthesized_expression') {
    const inner = named(n).find((c) => c.type !== 'comment');
    if (!inner) return n;
    n = inner;
  }
  return n;
}

/** `requests.get` → ['requests', 'get']; `self.session.get` → ['self', 'session', 'get']. */
export function dottedPath(node: SyntaxNode): string[] | undefined {
  if (node.type === 'identifier') return [node.text];
  if (node.type === 'attribute') {
    const obj = node.childForFieldName('object');
    const attr = node.childForFieldName('attribute');
    const head = obj ? dottedPath(unwrap(obj)) : undefined;
    return head && attr ? [...head, attr.text] : undefined;
  }
  return undefined;
}

/** The text of a name or attribute chain without spaces (`self . s` → `self.s`). */
export function dottedText(node: SyntaxNode): string | undefined {
  return dottedPath(node)?.join('.');
}

export interface StringInfo {
  /** Lower-case prefix letters (`f`, `r`, `b`, `rb`…). */
  prefix: string;
  /** `'`, `"`, `'''` or `"""`. */
  quote: string;
  isF: boolean;
  isRaw: boolean;
  /** Start and end of the text between the quotes. */
  contentStart: number;
  contentEnd: number;
}

export function stringInfo(node: SyntaxNode): StringInfo | undefined {
  if (node.type !== 'string') return undefined;
  const start = node.child(0);
  const end = node.child(node.childCount - 1);
  if (!start || start.type !== 'string_start') return undefined;
  const m = /^([A-Za-z]*)('''|"""|'|")$/.exec(start.text);
  if (!m) return undefined;
  const prefix = m[1].toLowerCase();
  const closed = end?.type === 'string_end' && end !== start;
  return {
    prefix, quote: m[2], isF: prefix.includes('f'), isRaw: prefix.includes('r'),
    contentStart: start.endIndex, contentEnd: closed ? end.startIndex : node.endIndex,
  };
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', '0': '\0', '\\': '\\', "'": "'", '"': '"' };

/** The value of one escape sequence (`\n`, `\x41`, `\u00e9`, `{{`). */
export function cookEscape(escape: string): string {
  if (escape === '{{') return '{';
  if (escape === '}}') return '}';
  const c = escape.slice(1);
  if (c in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[c];
  if (/^x[0-9a-f]{2}$/i.test(c)) return String.fromCharCode(parseInt(c.slice(1), 16));
  if (/^u[0-9a-f]{4}$/i.test(c)) return String.fromCharCode(parseInt(c.slice(1), 16));
  if (/^U[0-9a-f]{8}$/i.test(c)) return String.fromCodePoint(parseInt(c.slice(1), 16));
  if (/^[0-7]{1,3}$/.test(c)) return String.fromCharCode(parseInt(c, 8));
  if (c.startsWith('\n') || c.startsWith('\r')) return '';
  return escape;
}

export interface StringPiece {
  value: string;
  start: number;
  end: number;
  exact: boolean;
}

/** The literal text pieces of a string node (between interpolations), escapes decoded. */
export function contentPieces(content: SyntaxNode, isRaw: boolean): StringPiece[] {
  const out: StringPiece[] = [];
  let at = content.startIndex;
  const text = content.text;
  const base = content.startIndex;
  for (const esc of named(content)) {
    if (esc.type !== 'escape_sequence' && esc.type !== 'escape_interpolation') continue;
    if (isRaw && esc.type === 'escape_sequence') continue;
    if (esc.startIndex > at) out.push({ value: text.slice(at - base, esc.startIndex - base), start: at, end: esc.startIndex, exact: true });
    out.push({ value: cookEscape(esc.text), start: esc.startIndex, end: esc.endIndex, exact: false });
    at = esc.endIndex;
  }
  if (content.endIndex > at) out.push({ value: text.slice(at - base), start: at, end: content.endIndex, exact: true });
  return out;
}

/** The value of a string literal without interpolations (implicit concatenation included). */
export function plainString(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === 'concatenated_string') {
    let out = '';
    for (const s of named(n)) {
      const v = plainString(s);
      if (v === undefined) return undefined;
      out += v;
    }
    return out;
  }
  const info = stringInfo(n);
  if (!info || info.prefix.includes('b')) return undefined;
  let out = '';
  for (const c of named(n)) {
    if (c.type === 'interpolation') return undefined;
    if (c.type === 'string_content') out += contentPieces(c, info.isRaw).map((p) => p.value).join('');
  }
  return out;
}

export interface CallArguments {
  positional: SyntaxNode[];
  keywords: Map<string, SyntaxNode>;
  /** The keyword_argument nodes by name (the whole `name=value`). */
  keywordNodes: Map<string, SyntaxNode>;
  /** `*args` / `**kwargs`: the call may pass more than the resolver sees. */
  splat: boolean;
  list: SyntaxNode | undefined;
}

export function callArguments(call: SyntaxNode): CallArguments {
  const list = call.childForFieldName('arguments') ?? undefined;
  const positional: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  const keywordNodes = new Map<string, SyntaxNode>();
  let splat = false;
  if (list?.type === 'argument_list') {
    for (const a of named(list)) {
      if (a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const name = a.childForFieldName('name')?.text;
        const value = a.childForFieldName('value');
        if (name && value) {
          keywords.set(name, value);
          keywordNodes.set(name, a);
        }
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') splat = true;
      else positional.push(a);
    }
  }
  return { positional, keywords, keywordNodes, splat, list: list ?? undefined };
}

/** A number literal's value (`5`, `0.5`, `1_000`), or undefined. */
export function numberValue(node: SyntaxNode | null | undefined): number | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === 'integer' || n.type === 'float') {
    const v = Number(n.text.replace(/_/g, ''));
    return Number.isFinite(v) ? v : undefined;
  }
  if (n.type === 'unary_operator' && n.text.startsWith('-')) {
    const v = numberValue(n.childForFieldName('argument'));
    return v === undefined ? undefined : -v;
  }
  return undefined;
}
