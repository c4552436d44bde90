/**
 * The names a JavaScript/TypeScript file binds to HTTP clients: imports, `require`, `axios.create()`,
 * `got.extend()`, `new Client(origin)`, `new XMLHttpRequest()`. Read once per tree (fed by the
 * collection pass, or by a small query of its own) and cached with the tree.
 */
import type { Language, Query } from '@vscode/tree-sitter-wasm';
import { cachedQuery, type SyntaxNode, type Tree } from '../parser';

/** Names the file binds to clients. */
export interface ClientBindings {
  axios: Set<string>;
  got: Set<string>;
  ky: Set<string>;
  superagent: Set<string>;
  /** Names bound to the `http`/`https` modules. */
  httpModules: Set<string>;
  /** `import { request, get } from 'https'`: local name → function. */
  httpFunctions: Map<string, 'request' | 'get'>;
  undiciModules: Set<string>;
  /** `import { request, fetch, stream } from 'undici'`: local name → function. */
  undiciFunctions: Map<string, string>;
  /** Local names of undici's `Client`, `Pool`, `Agent` constructors. */
  undiciConstructors: Set<string>;
  /** Variables holding `new Client(origin)`: name → the origin argument. */
  undiciInstances: Map<string, SyntaxNode | undefined>;
  fetch: Set<string>;
  /** Local names of the `ws` package's WebSocket class. */
  nodeWebSocket: Set<string>;
  xhrInstances: Set<string>;
  /** The file imports/requires Node modules or reads `process.env`. */
  nodeModules: boolean;
}

const NODE_BUILTINS = new Set([
  'fs', 'path', 'http', 'https', 'http2', 'os', 'crypto', 'child_process', 'url', 'util', 'stream', 'net', 'tls', 'zlib',
  'events', 'buffer', 'dns', 'readline', 'worker_threads', 'cluster', 'process', 'assert', 'querystring',
]);

const bindingCache = new WeakMap<Tree, ClientBindings>();
const BINDING_QUERY = `
(import_statement) @import
(variable_declarator value: [(call_expression) (new_expression) (await_expression) (member_expression)]) @decl
(assignment_expression left: (identifier) right: (new_expression)) @assign
`;

function bindingQuery(language: Language): Query {
  return cachedQuery(language, BINDING_QUERY);
}

function emptyBindings(): ClientBindings {
  return {
    axios: new Set(['axios']), got: new Set(['got']), ky: new Set(['ky']), superagent: new Set(['superagent']),
    httpModules: new Set(['http', 'https']), httpFunctions: new Map(), undiciModules: new Set(['undici']),
    undiciFunctions: new Map(), undiciConstructors: new Set(), undiciInstances: new Map(), fetch: new Set(['fetch']),
    nodeWebSocket: new Set(), xhrInstances: new Set(), nodeModules: false,
  };
}

/**
 * Builds a tree's bindings from nodes fed in document order. The collection pass feeds it from its
 * own captures (so the tree is queried once); `clientBindingsFor` runs a small query otherwise.
 */
export class ClientBindingsBuilder {
  readonly bindings = emptyBindings();

  importStatement(node: SyntaxNode): void {
    readImport(node, this.bindings);
  }

  declarator(name: SyntaxNode, value: SyntaxNode | undefined): void {
    if (value && BINDING_VALUES.has(value.type)) readDeclarator(name, value, this.bindings);
  }

  assignment(left: SyntaxNode | null, right: SyntaxNode | null): void {
    if (left?.type === 'identifier' && right?.type === 'new_expression') bindInstance(left.text, right, this.bindings);
  }

  /** Completes the bindings and caches them with the tree (unless they cover only part of it). */
  finish(tree: Tree, text: string, complete = true): ClientBindings {
    // Reading the environment marks Node code; a text search is far cheaper than matching every member expression.
    if (!this.bindings.nodeModules && /\bprocess\.env\b/.test(text)) this.bindings.nodeModules = true;
    if (complete) bindingCache.set(tree, this.bindings);
    return this.bindings;
  }
}

const BINDING_VALUES = new Set(['call_expression', 'new_expression', 'await_expression', 'member_expression']);

/** The names the tree binds to HTTP clients (computed once per tree). */
export function clientBindingsFor(tree: Tree): ClientBindings {
  const cached = bindingCache.get(tree);
  if (cached) return cached;
  const builder = new ClientBindingsBuilder();
  for (const cap of bindingQuery(tree.language).captures(tree.rootNode)) {
    const node = cap.node;
    if (cap.name === 'import') builder.importStatement(node);
    else if (cap.name === 'decl') {
      const name = node.childForFieldName('name');
      if (name) builder.declarator(name, node.childForFieldName('value') ?? undefined);
    } else if (cap.name === 'assign') builder.assignment(node.childForFieldName('left'), node.childForFieldName('right'));
  }
  return builder.finish(tree, tree.rootNode.text);
}

function moduleName(spec: string): string {
  return spec.replace(/^node:/, '');
}

export function stringValue(node: SyntaxNode | null | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  return node.text.slice(1, -1);
}

function bindModule(mod: string, local: string, b: ClientBindings): void {
  switch (mod) {
    case 'axios': b.axios.add(local); break;
    case 'got': b.got.add(local); break;
    case 'ky': case 'ky-universal': b.ky.add(local); break;
    case 'superagent': b.superagent.add(local); break;
    case 'http': case 'https': b.httpModules.add(local); break;
    case 'undici': b.undiciModules.add(local); break;
    case 'node-fetch': case 'cross-fetch': case 'isomorphic-fetch': b.fetch.add(local); break;
    case 'ws': case 'isomorphic-ws': b.nodeWebSocket.add(local); break;
  }
}

function bindNamed(mod: string, imported: string, local: string, b: ClientBindings): void {
  if (mod === 'undici') {
    if (imported === 'request' || imported === 'fetch' || imported === 'stream') b.undiciFunctions.set(local, imported);
    else if (imported === 'Client' || imported === 'Pool' || imported === 'Agent') b.undiciConstructors.add(local);
  } else if (mod === 'http' || mod === 'https') {
    if (imported === 'request' || imported === 'get') b.httpFunctions.set(local, imported);
  } else if (mod === 'ws' && imported === 'WebSocket') {
    b.nodeWebSocket.add(local);
  } else if ((mod === 'node-fetch' || mod === 'cross-fetch') && imported === 'default') {
    b.fetch.add(local);
  } else if (mod === 'axios' && imported === 'default') {
    b.axios.add(local);
  }
}

function noteNodeModule(mod: string, b: ClientBindings): void {
  if (NODE_BUILTINS.has(mod) || mod.startsWith('node:') || mod === 'undici' || mod === 'ws' || mod === 'dotenv' || mod === 'dotenv/config') {
    b.nodeModules = true;
  }
}

function readImport(node: SyntaxNode, b: ClientBindings): void {
  const spec = stringValue(node.childForFieldName('source'));
  if (spec === undefined) return;
  noteNodeModule(spec, b);
  const mod = moduleName(spec);
  const clause = node.namedChildren.find((c) => c?.type === 'import_clause');
  if (!clause) return;
  for (const part of clause.namedChildren) {
    if (!part) continue;
    if (part.type === 'identifier') bindModule(mod, part.text, b);
    else if (part.type === 'namespace_import') {
      const id = part.namedChildren.find((c) => c?.type === 'identifier');
      if (id) bindModule(mod, id.text, b);
    } else if (part.type === 'named_imports') {
      for (const spec of part.namedChildren) {
        if (spec?.type !== 'import_specifier') continue;
        const name = spec.childForFieldName('name')?.text;
        const alias = spec.childForFieldName('alias')?.text ?? name;
        if (name && alias) bindNamed(mod, name, alias, b);
      }
    }
  }
}

/** `require('x')`, `await import('x')`, `require('x').default` → 'x'. */
function requiredModule(value: SyntaxNode): string | undefined {
  let v: SyntaxNode | null = value;
  if (v.type === 'await_expression') v = v.namedChildren[0];
  if (v?.type === 'member_expression' && v.childForFieldName('property')?.text === 'default') v = v.childForFieldName('object');
  if (v?.type !== 'call_expression') return undefined;
  const fn = v.childForFieldName('function');
  if (!fn || (fn.text !== 'require' && fn.type !== 'import')) return undefined;
  return stringValue(v.childForFieldName('arguments')?.namedChildren[0]);
}

function readDeclarator(name: SyntaxNode, value: SyntaxNode, b: ClientBindings): void {
  const spec = requiredModule(value);
  if (spec !== undefined) {
    noteNodeModule(spec, b);
    const mod = moduleName(spec);
    if (name.type === 'identifier') bindModule(mod, name.text, b);
    else if (name.type === 'object_pattern') {
      for (const p of name.namedChildren) {
        if (p?.type === 'shorthand_property_identifier_pattern') bindNamed(mod, p.text, p.text, b);
        else if (p?.type === 'pair_pattern') {
          const key = p.childForFieldName('key')?.text;
          const local = p.childForFieldName('value');
          if (key && local?.type === 'identifier') bindNamed(mod, key, local.text, b);
        }
      }
    }
    return;
  }
  if (name.type === 'identifier') bindInstance(name.text, value, b);
}

/** `const api = axios.create()`, `const c = new Client(origin)`, `const xhr = new XMLHttpRequest()`. */
function bindInstance(local: string, value: SyntaxNode, b: ClientBindings): void {
  let v: SyntaxNode | null = value;
  if (v.type === 'await_expression') v = v.namedChildren[0];
  if (!v) return;
  if (v.type === 'new_expression') {
    const ctor = v.childForFieldName('constructor')?.text;
    if (ctor === 'XMLHttpRequest') b.xhrInstances.add(local);
    else if (ctor && (b.undiciConstructors.has(ctor) || /^undici\.(Client|Pool|Agent)$/.test(ctor))) {
      b.undiciInstances.set(local, v.childForFieldName('arguments')?.namedChildren[0] ?? undefined);
    }
    return;
  }
  if (v.type !== 'call_expression') return;
  const fn = v.childForFieldName('function');
  if (fn?.type !== 'member_expression') return;
  const obj = fn.childForFieldName('object')?.text ?? '';
  const prop = fn.childForFieldName('property')?.text;
  if (prop === 'create' && b.axios.has(obj)) b.axios.add(local);
  else if (prop === 'extend' && b.got.has(obj)) b.got.add(local);
  else if ((prop === 'create' || prop === 'extend') && b.ky.has(obj)) b.ky.add(local);
  else if (prop === 'agent' && b.superagent.has(obj)) b.superagent.add(local);
}

