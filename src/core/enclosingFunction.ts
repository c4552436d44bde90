/** The innermost function around an offset, in any of the grammars the analyzer loads. */
import type { Tree } from './parser';
import type { Span } from './model';

const FUNCTION_TYPES = new Set([
  // JavaScript / TypeScript
  'function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function',
  // Python
  'function_definition',
  // Go
  'func_literal', 'method_declaration',
]);

export function enclosingFunction(tree: Tree, offset: number): Span | undefined {
  for (let node = tree.rootNode.descendantForIndex(offset); node; node = node.parent) {
    if (FUNCTION_TYPES.has(node.type)) return { start: node.startIndex, end: node.endIndex };
  }
  return undefined;
}
