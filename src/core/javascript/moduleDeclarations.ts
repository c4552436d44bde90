/**
 * The top-level statements whose edit can change findings anywhere in the file: imports, module
 * constants and variables (a URL or key read by requests far below) and top-level assignments
 * (`axios.defaults.headers.common.Authorization = …`). Declarations whose every value is a function
 * or class are left out: typing in such a function changes nothing another statement reads.
 */
import type { Span } from '../model';
import { cachedQuery, type SyntaxNode, type Tree } from '../parser';

const TOP_LEVEL = `[(lexical_declaration) (variable_declaration) (import_statement)] @top
(export_statement declaration: [(lexical_declaration) (variable_declaration)]) @top
(expression_statement [(assignment_expression) (augmented_assignment_expression)]) @top`;
const CALLABLE = new Set(['arrow_function', 'function_expression', 'function', 'generator_function', 'class']);

export function moduleDeclarations(tree: Tree): Span[] {
  const spans: Span[] = [];
  for (const cap of cachedQuery(tree.language, TOP_LEVEL).captures(tree.rootNode, { maxStartDepth: 1 })) {
    if (bindsModuleValue(cap.node)) spans.push({ start: cap.node.startIndex, end: cap.node.endIndex });
  }
  return spans;
}

function bindsModuleValue(statement: SyntaxNode): boolean {
  let n: SyntaxNode | null = statement;
  switch (n.type) {
    case 'import_statement':
      return true;
    case 'expression_statement':
      return true;
    case 'export_statement':
      n = n.childForFieldName('declaration');
      if (!n) return false;
      break;
  }
  if (n.type !== 'lexical_declaration' && n.type !== 'variable_declaration') return false;
  for (const d of n.namedChildren) {
    if (d?.type !== 'variable_declarator') continue;
    const value = d.childForFieldName('value');
    if (!value || !CALLABLE.has(value.type)) return true;
  }
  return false;
}
