/**
 * Shell words as abstract strings: quoted and raw words, `'…'`, `"…"` and their concatenations
 * become literal pieces; `$VAR`, `${VAR}`, `$(…)` and `$((…))` become holes, unless the variable is
 * assigned one literal value in the file, which then stands in for it.
 */
import type { SyntaxNode } from '../parser';
import type { HoleOrigin, HolePart, LiteralPart, Span, StringPart } from '../model';
import { isSecretEnvName, isSecretIdentifier } from '../secretNames';

export function span(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

export function named(node: SyntaxNode | null | undefined): SyntaxNode[] {
  return node ? node.namedChildren.filter((c): c is SyntaxNode => !!c) : [];
}

/** What the file says about its variables. */
export interface ShellVariables {
  /** Name → the literal value of its only assignment (none when assigned more than once or not a literal). */
  literals: Map<string, LiteralPart>;
  /** Names marked by `export NAME` or `export NAME=…`. */
  exported: Set<string>;
}

/** Node types whose text is a word in the shell sense (no quotes of their own). */
const WORD_TYPES = new Set(['word', 'number', 'special_variable_name']);

/** Backslash escapes of an unquoted word: `\x` is `x`. */
function unescapeWord(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(\r?\n|.)/g, (_m, c: string) => (c === '\n' || c === '\r\n' ? '' : c));
}

/** Inside double quotes only `\$`, `` \` ``, `\"`, `\\` and a line break are escapes. */
function unescapeDouble(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\([$`"\\]|\r?\n)/g, (_m, c: string) => (c === '\n' || c === '\r\n' ? '' : c));
}

function literal(value: string, at: Span, exact: boolean, quote?: string): LiteralPart {
  return { kind: 'literal', value, span: at, exact, quote };
}

export function holeOrigin(name: string, vars: ShellVariables): HoleOrigin {
  // Upper-case names are the environment's by convention; `export` makes any name one.
  return (/^[A-Z_][A-Z0-9_]*$/.test(name) && /[A-Z]/.test(name)) || vars.exported.has(name) ? { kind: 'env', name } : { kind: 'variable', name };
}

function hole(origin: HoleOrigin, node: SyntaxNode): HolePart {
  const secret = origin.kind === 'env' ? isSecretEnvName(origin.name) || isSecretIdentifier(origin.name)
    : origin.kind === 'variable' ? isSecretIdentifier(origin.name) || isSecretEnvName(origin.name) : false;
  return { kind: 'hole', origin, secret, span: span(node) };
}

/** `$KEY`, `${KEY}`, `${KEY:-x}`: the variable read, or undefined for `${#KEY}` and other forms. */
export function expansionName(node: SyntaxNode): string | undefined {
  const kids = node.children.filter((c): c is SyntaxNode => !!c);
  const name = kids.find((c) => c.type === 'variable_name' || c.type === 'special_variable_name');
  if (!name) return undefined;
  if (node.type === 'expansion' && kids.some((c) => c.type === '#' || c.type === '!')) return undefined;
  return name.text;
}

/** A `$…` piece: the variable's literal value when it has exactly one, else a hole. */
function expansionParts(node: SyntaxNode, vars: ShellVariables): StringPart[] {
  if (node.type === 'command_substitution') {
    const first = named(node)[0];
    const cmd = first?.type === 'command' ? first.childForFieldName('name')?.text ?? first.text : first?.text ?? '';
    return [hole({ kind: 'call', name: cmd.split(/\s/)[0] ?? '' }, node)];
  }
  const name = node.type === 'simple_expansion' || node.type === 'expansion' ? expansionName(node) : undefined;
  if (!name) return [hole({ kind: 'other', name: node.text }, node)];
  // `${KEY:-default}` / `${KEY:?msg}` read KEY; only a plain read stands for the assigned value.
  const plain = node.type === 'simple_expansion' || node.childCount === 3;
  const known = plain ? vars.literals.get(name) : undefined;
  if (known) return [{ ...known, at: span(node) }];
  return [hole(holeOrigin(name, vars), node)];
}

/**
 * The pieces of one shell word (an argument, an assignment's value). `quote` on a literal is `'` or
 * `"` when the text sits inside that quote.
 */
export function wordParts(node: SyntaxNode, vars: ShellVariables, text: string): StringPart[] {
  const t = node.type;
  if (WORD_TYPES.has(t)) {
    const raw = node.text;
    return [literal(unescapeWord(raw), span(node), !raw.includes('\\'))];
  }
  if (t === 'raw_string') {
    const s = { start: node.startIndex + 1, end: Math.max(node.startIndex + 1, node.endIndex - (node.text.length > 1 && node.text.endsWith("'") ? 1 : 0)) };
    return [literal(text.slice(s.start, s.end), s, true, "'")];
  }
  if (t === 'ansi_c_string') {
    // `$'…'` decodes C escapes: known text, but not one to one with the document.
    return [literal(node.text.slice(2, -1), span(node), false, "'")];
  }
  if (t === 'string') return doubleQuoted(node, vars, text);
  if (t === 'concatenation') return named(node).flatMap((c) => wordParts(c, vars, text));
  if (t === 'simple_expansion' || t === 'expansion' || t === 'command_substitution') return expansionParts(node, vars);
  return [hole({ kind: 'other', name: node.type }, node)];
}

/** `"…"`: the text between expansions (read from the document, so line breaks are kept) and holes. */
function doubleQuoted(node: SyntaxNode, vars: ShellVariables, text: string): StringPart[] {
  const out: StringPart[] = [];
  const closed = node.endIndex - node.startIndex > 1 && text[node.endIndex - 1] === '"';
  const end = closed ? node.endIndex - 1 : node.endIndex;
  let at = node.startIndex + 1;
  const addText = (to: number): void => {
    if (to <= at) return;
    const raw = text.slice(at, to);
    out.push(literal(unescapeDouble(raw), { start: at, end: to }, !raw.includes('\\'), '"'));
  };
  for (const c of named(node)) {
    if (c.type === 'string_content') continue;
    addText(c.startIndex);
    out.push(...(c.type === 'arithmetic_expansion' ? [hole({ kind: 'other', name: c.text }, c)] : expansionParts(c, vars)));
    at = c.endIndex;
  }
  addText(end);
  return out;
}

/** The text of a word when it is all literal (`-H`, `'https://x'`), else undefined. */
export function literalWord(node: SyntaxNode, vars: ShellVariables, text: string): string | undefined {
  let out = '';
  for (const p of wordParts(node, vars, text)) {
    if (p.kind !== 'literal') return undefined;
    out += p.value;
  }
  return out;
}

/**
 * The pieces after the first `n` characters (an option's `-H`, `--header=`). Undefined when those
 * characters are not plain, exactly written text.
 */
export function dropPrefix(parts: readonly StringPart[], n: number): StringPart[] | undefined {
  const out = [...parts];
  let left = n;
  while (left > 0) {
    const first = out[0];
    if (!first || first.kind !== 'literal' || first.at) return undefined;
    if (first.value.length <= left) {
      left -= first.value.length;
      out.shift();
      continue;
    }
    if (!first.exact) return undefined;
    out[0] = { ...first, value: first.value.slice(left), span: { start: first.span.start + left, end: first.span.end } };
    left = 0;
  }
  return out;
}

/** Where a piece shows in the document at its use (a resolved variable's use, not its definition). */
export function useSpan(p: StringPart): Span {
  return p.kind === 'literal' && p.at ? p.at : p.span;
}
