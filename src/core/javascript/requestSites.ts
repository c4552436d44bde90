/**
 * Finds HTTP request URLs in JavaScript/TypeScript syntax trees: the first argument of `fetch`,
 * `axios.*`, `new URL`, … as string pieces with their document offsets.
 */
import type { SyntaxNode, Tree } from '../parser';

/** A literal piece of a URL and where its first character sits in the document. */
export interface UrlPiece {
  text: string;
  start: number;
}

export interface UrlArgument {
  callee: string;
  node: SyntaxNode;
  pieces: UrlPiece[];
}

const URL_CALLEES = new Set([
  'fetch', 'axios', 'axios.get', 'axios.post', 'axios.put', 'axios.patch', 'axios.delete',
  'axios.head', 'axios.options', 'axios.request', 'got', 'ky', 'ky.get', 'ky.post', 'request',
  'undici.request', 'undici.fetch', 'http.get', 'https.get', 'http.request', 'https.request',
  'superagent.get', 'superagent.post',
]);

const URL_CONSTRUCTORS = new Set(['URL', 'WebSocket', 'Request', 'EventSource']);

/** The literal pieces of a string or template literal (substitutions are left out). */
export function stringPieces(node: SyntaxNode): UrlPiece[] | undefined {
  if (node.type !== 'string' && node.type !== 'template_string') return undefined;
  const pieces: UrlPiece[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'string_fragment' || child.type === 'escape_sequence') {
      pieces.push({ text: child.text, start: child.startIndex });
    } else if (child.type === 'template_substitution') {
      pieces.push({ text: '\u0000', start: child.startIndex });
    }
  }
  return pieces;
}

function calleeName(node: SyntaxNode): string {
  return node.text.replace(/\s+/g, '');
}

export function findUrlArguments(tree: Tree): UrlArgument[] {
  const found: UrlArgument[] = [];
  const stack: SyntaxNode[] = [tree.rootNode];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'call_expression' || node.type === 'new_expression') {
      const fn = node.type === 'call_expression' ? node.childForFieldName('function') : node.childForFieldName('constructor');
      const args = node.childForFieldName('arguments');
      const first = args?.namedChildren[0];
      if (fn && first) {
        const name = calleeName(fn);
        const known = node.type === 'call_expression' ? URL_CALLEES.has(name) : URL_CONSTRUCTORS.has(name);
        const pieces = known ? stringPieces(first) : undefined;
        if (pieces) found.push({ callee: name, node: first, pieces });
      }
    }
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
      if (child) stack.push(child);
    }
  }
  return found;
}
