/** String literals of a Go file that may be credentials, with the name each is bound to. */
import type { SyntaxNode } from '../parser';
import type { SecretCandidate } from '../model';
import type { CallInfo } from './facts';
import { elementValue, goString, headerValue, isStringLiteral, named, plainString, span, unwrap } from './syntax';

export function collectLiterals(decls: SyntaxNode[], assigns: SyntaxNode[], keyed: SyntaxNode[], callInfo: CallInfo[]): { literals: SecretCandidate[]; literalNodes: Map<number, SyntaxNode> } {
  const literals: SecretCandidate[] = [];
  const literalNodes = new Map<number, SyntaxNode>();
  const add = (node: SyntaxNode | undefined, boundName: string | undefined): void => {
    if (!node || !isStringLiteral(node) || literalNodes.has(node.startIndex)) return;
    const s = goString(node);
    // Credentials are at least 8 characters; shorter literals are not worth a look.
    if (!s || s.value.length < 8) return;
    literals.push({ value: s.value, span: span(node), boundName, quote: s.quote });
    literalNodes.set(node.startIndex, node);
  };
  const nameOf = (n: SyntaxNode): string | undefined => (n.type === 'identifier' ? n.text : n.type === 'selector_expression' ? n.childForFieldName('field')?.text : n.type === 'index_expression' ? plainString(n.childForFieldName('index')) : undefined);
  for (const d of decls) {
    const left = d.type === 'short_var_declaration' ? named(d.childForFieldName('left')) : d.childrenForFieldName('name').filter((x): x is SyntaxNode => !!x);
    const right = named(d.childForFieldName(d.type === 'short_var_declaration' ? 'right' : 'value'));
    if (left.length === right.length) left.forEach((n, i) => add(unwrap(right[i]), n.text));
  }
  for (const a of assigns) {
    const left = named(a.childForFieldName('left'));
    const right = named(a.childForFieldName('right'));
    if (left.length === right.length) left.forEach((n, i) => add(unwrap(right[i]), nameOf(n)));
  }
  for (const el of keyed) {
    const k = elementValue(el.childForFieldName('key'));
    const v = elementValue(el.childForFieldName('value'));
    if (!k || !v) continue;
    const name = plainString(k) ?? (k.type === 'identifier' || k.type === 'field_identifier' ? k.text : undefined);
    add(unwrap(headerValue(v)), name);
  }
  callInfo.forEach((info) => {
    // Only calls with a string literal in them can pass one.
    const text = info.call.text;
    if (!text.includes('"') && !text.includes('`')) return;
    const { parts, name } = info;
    if (!parts) return;
    const header = parts.args.length === 2 ? plainString(parts.args[0]) : undefined;
    parts.args.forEach((arg, j) => {
      const a = unwrap(arg);
      if (!isStringLiteral(a)) return;
      let bound: string | undefined;
      if (name === 'SetAuthToken' || name === 'SetBearerToken') bound = 'authToken';
      else if (name === 'SetBasicAuth' && j === 1) bound = 'password';
      else if (j === 1 && header !== undefined && /^(Set|Add|SetHeader)$/.test(name ?? '')) bound = header;
      if (bound !== undefined || a.endIndex - a.startIndex >= 10) add(a, bound);
    });
  });
  return { literals, literalNodes };
}
