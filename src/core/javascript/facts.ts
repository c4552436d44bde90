/**
 * The one collection pass over a JavaScript/TypeScript tree: a single query gathers calls,
 * declarations, assignments and object entries; from them come the symbol table, the request
 * sites, every written Authorization header and the string literals that may be credentials.
 */
import type { Language, Query } from '@vscode/tree-sitter-wasm';
import { cachedQuery, type SyntaxNode, type Tree } from '../parser';
import type { FileFacts, HeaderEntry, RequestSite, SecretCandidate, Span } from '../model';
import { calleePath, classifyCall, ClientBindingsBuilder, type ClientBindings, type CustomClient } from './clients';
import { buildRequestSite } from './requestSites';
import { SymbolTable, unquote } from './symbols';
import { resolveString, span, type ResolveContext } from './values';
import type { RetryCandidates } from './retry';

const COLLECT_QUERY = `
(call_expression) @call
(new_expression) @new
[(lexical_declaration) (variable_declaration)] @declaration
(variable_declarator) @decl
(import_statement) @import
(assignment_expression) @assign
(augmented_assignment_expression) @assign
(update_expression) @update
(pair) @pair
(ERROR) @error
((shorthand_property_identifier) @short (#match? @short "^[Aa][Uu][Tt][Hh][Oo][Rr][Ii][Zz][Aa][Tt][Ii][Oo][Nn]$"))
[(statement_block) (for_statement) (for_in_statement) (switch_body) (class_body) (class_static_block)] @block
[(function_declaration) (function_expression) (arrow_function) (method_definition) (generator_function_declaration) (generator_function)] @function
[(while_statement) (do_statement)] @loop
(catch_clause) @catch
(arguments [(string) (template_string)] @argString)
`;

function collectQuery(language: Language): Query {
  return cachedQuery(language, COLLECT_QUERY);
}

export interface JsFacts extends FileFacts {
  ctx: ResolveContext;
  /** Set for a range-limited pass: the part of the file the facts describe. */
  region?: Span;
  bindings: ClientBindings;
  /**
   * The loops and functions the retry rule looks at (in the region, for a region pass), gathered by
   * this pass so that the rule runs no query of its own over the tree.
   */
  retryCandidates: RetryCandidates;
}

/** How the names of header setters end (`set`, `append`, `setRequestHeader`, `header`). */
const HEADER_SETTER_ENDINGS = ['set', 'append', 'Header', 'header'];

/** Loops the retry rule reads: those the collection query captures as blocks, and the loop pattern. */
const FOR_LOOPS = new Set(['for_statement', 'for_in_statement']);
/** Function values whose holder names them (`const f = () => …`, `obj.f = function () {…}`, `{ f() {…} }`). */
const NAMED_FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function']);
const NAMING_HOLDERS = new Set(['variable_declarator', 'assignment_expression', 'pair', 'public_field_definition', 'field_definition']);
const DECLARED_FUNCTIONS = new Set(['function_declaration', 'generator_function_declaration', 'method_definition']);

/**
 * The functions the retry rule's own candidates query (retryQueries.ts) would return: declared
 * functions and methods, and function values held by a declarator, assignment, pair or field.
 */
function isRetryFunctionCandidate(fn: SyntaxNode): boolean {
  if (DECLARED_FUNCTIONS.has(fn.type)) return true;
  if (!NAMED_FUNCTION_VALUES.has(fn.type)) return false;
  const holder = fn.parent?.type;
  return holder !== undefined && NAMING_HOLDERS.has(holder);
}

/** Whether a header name is `Authorization`, in any case. */
export function isAuthorization(name: string): boolean {
  return name.toLowerCase() === 'authorization';
}

function stringLiteral(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return unquote(node.text);
  if (node.type === 'template_string' && !node.namedChildren.some((c) => c?.type === 'template_substitution')) return node.text.slice(1, -1);
  return undefined;
}

/** The last property name of an assignment target: `this.apiKey` → apiKey, `cfg['token']` → token. */
function targetName(node: SyntaxNode): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'member_expression') return node.childForFieldName('property')?.text;
  if (node.type === 'subscript_expression') return stringLiteral(node.childForFieldName('index'));
  return undefined;
}

// Exported functions and classes are not captured: a file of them would marshal every top-level
// node out of the parser on each keystroke only for the loop below to skip it.
const TOP_LEVEL_QUERY = `[(lexical_declaration) (variable_declaration) (import_statement)] @top
(export_statement declaration: [(lexical_declaration) (variable_declaration)]) @top`;
function topLevelQuery(language: Language): Query {
  return cachedQuery(language, TOP_LEVEL_QUERY);
}

/** The top-level statements that overlap `range`: the part of the file a keystroke can change. */
export function topLevelRegion(tree: Tree, range: Span): Span {
  const bounds = regionBounds(tree, range);
  return { start: bounds.first.startIndex, end: bounds.last.endIndex };
}

/**
 * The first and last node of the region. Query ranges are given as positions taken from these
 * nodes: this build reports node offsets in UTF-16 units, but a query's index range is in bytes.
 */
function regionBounds(tree: Tree, range: Span): { first: SyntaxNode; last: SyntaxNode } {
  const root = tree.rootNode;
  // `firstNamedChildForIndex` gives the first statement that ends after the offset: the one holding
  // it, or the next one when the offset sits in the space between statements (a new blank line).
  // Then the statement before that gap opens the region, so an edit between two statements costs
  // those two, never the whole file.
  const atStart = root.firstNamedChildForIndex(range.start);
  const first = atStart ? (atStart.startIndex <= range.start ? atStart : atStart.previousNamedSibling ?? atStart) : root.lastNamedChild;
  const last = root.firstNamedChildForIndex(Math.max(range.start, range.end - 1)) ?? root.lastNamedChild;
  return { first: first ?? root, last: last ?? root };
}

/**
 * Declarations and imports at the top level outside `region`, so that a region-limited pass still
 * resolves module constants and client imports. A `let`/`var` there may be reassigned where this
 * pass does not look, so it counts as having no single value.
 */
function readTopLevel(tree: Tree, region: Span, source: string, symbols: SymbolTable, builder: ClientBindingsBuilder): void {
  for (const cap of topLevelQuery(tree.language).captures(tree.rootNode, { maxStartDepth: 1 })) {
    let n: SyntaxNode | null = cap.node;
    if (n.endIndex > region.start && n.startIndex < region.end) continue;
    if (n.type === 'import_statement') {
      builder.importStatement(n);
      continue;
    }
    if (n.type === 'export_statement') n = n.childForFieldName('declaration');
    if (!n || (n.type !== 'lexical_declaration' && n.type !== 'variable_declaration')) continue;
    const keyword = n.type === 'variable_declaration' ? 'var' : source.startsWith('const', n.startIndex) ? 'const' : 'let';
    symbols.enterDeclaration(n, keyword);
    for (const d of n.namedChildren) {
      if (d?.type !== 'variable_declarator') continue;
      const name = d.childForFieldName('name');
      const value = d.childForFieldName('value') ?? undefined;
      symbols.addDeclarator(d, name, value);
      if (name) builder.declarator(name, value);
      if (keyword !== 'const') symbols.noteAssignment(name);
    }
  }
}

/**
 * The facts of a tree. With `range` (the text a change touched), only the top-level statements
 * around it are collected (`region` in the result); module constants and imports elsewhere are
 * still read, from the top level only.
 */
export function collectFacts(tree: Tree, custom: readonly CustomClient[] = [], text?: string, range?: Span): JsFacts {
  const source = text ?? tree.rootNode.text;
  const bounds = range ? regionBounds(tree, range) : undefined;
  const region = bounds ? { start: bounds.first.startIndex, end: bounds.last.endIndex } : undefined;
  const calls: SyntaxNode[] = [];
  const news: SyntaxNode[] = [];
  const decls: SyntaxNode[] = [];
  const assigns: SyntaxNode[] = [];
  const pairs: SyntaxNode[] = [];
  const errors: SyntaxNode[] = [];
  /** `{ Authorization }`: shorthand entries named Authorization (the query filters the name). */
  const shorthands: SyntaxNode[] = [];
  const argStrings: SyntaxNode[] = [];
  const symbols = new SymbolTable();
  const builder = new ClientBindingsBuilder();
  const paramWrites = new Map<string, SyntaxNode[]>();
  const loops: SyntaxNode[] = [];
  const functions: SyntaxNode[] = [];
  let sawRequire = false;

  if (region) readTopLevel(tree, region, source, symbols, builder);
  const limits = bounds ? { startPosition: bounds.first.startPosition, endPosition: bounds.last.endPosition } : undefined;
  for (const cap of collectQuery(tree.language).captures(tree.rootNode, limits)) {
    const n = cap.node;
    switch (cap.name) {
      case 'call': calls.push(n); break;
      case 'new': news.push(n); break;
      case 'declaration': symbols.enterDeclaration(n, n.type === 'variable_declaration' ? 'var' : source.startsWith('const', n.startIndex) ? 'const' : 'let'); break;
      case 'decl': {
        decls.push(n);
        const name = n.childForFieldName('name');
        const value = n.childForFieldName('value') ?? undefined;
        symbols.addDeclarator(n, name, value);
        if (name) builder.declarator(name, value);
        break;
      }
      case 'import': builder.importStatement(n); break;
      case 'block':
        symbols.enterBlock(n);
        if (FOR_LOOPS.has(n.type)) loops.push(n);
        break;
      case 'loop': loops.push(n); break;
      case 'function':
        symbols.enterFunction(n);
        if (isRetryFunctionCandidate(n)) functions.push(n);
        break;
      case 'catch': symbols.enterCatch(n); break;
      case 'assign': {
        assigns.push(n);
        const left = n.childForFieldName('left');
        symbols.noteAssignment(left);
        if (left?.type === 'identifier') builder.assignment(left, n.childForFieldName('right'));
        break;
      }
      case 'update': symbols.noteAssignment(n.childForFieldName('argument')); break;
      case 'pair': pairs.push(n); break;
      case 'error': errors.push(n); break;
      case 'short': shorthands.push(n); break;
      case 'argString': if (n.endIndex - n.startIndex >= 10) argStrings.push(n); break;
    }
  }
  symbols.seal();

  const headerWrites: HeaderEntry[] = [];
  const literals: SecretCandidate[] = [];
  const ctx: ResolveContext = { symbols, paramWrites };
  const addCandidate = (raw: SyntaxNode | null | undefined, boundName: string | undefined): void => {
    let node = raw;
    let fallback: Span | undefined;
    // `process.env.KEY || 'sk_live_…'`: the literal is a key kept in the code all the same.
    if (node?.type === 'binary_expression') {
      const op = node.childForFieldName('operator')?.type;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if ((op !== '||' && op !== '??') || !left || !right) return;
      fallback = { start: left.endIndex, end: right.endIndex };
      node = right;
    }
    // Credentials are at least 8 characters (10 with quotes); shorter literals are not worth a look.
    if (!node || node.endIndex - node.startIndex < 10) return;
    const type = node.type;
    if (type !== 'string' && type !== 'template_string') return;
    const value = stringLiteral(node);
    if (value === undefined) return;
    literals.push({ value, span: span(node), boundName, quote: source[node.startIndex], fallback });
  };

  // Index `.set/.append` calls first: URL and URLSearchParams resolution reads them.
  const callees: (SyntaxNode | null)[] = [];
  const calleeTexts: string[] = [];
  for (const call of calls) {
    const fn = call.childForFieldName('function');
    const text = fn && (fn.type === 'identifier' || fn.type === 'member_expression') ? fn.text : '';
    callees.push(fn);
    calleeTexts.push(text);
    if (text === 'require') sawRequire = true;
    // The name first: in a call chain each callee's text holds the whole chain before it, and a
    // pattern run over all of it for every call made long chains quadratic.
    const m = (text.endsWith('set') || text.endsWith('append')) && /^([\s\S]+)\.\s*(set|append)$/.exec(text);
    if (!m) continue;
    const receiver = m[1].replace(/\s+/g, '');
    const list = paramWrites.get(receiver);
    if (list) list.push(call);
    else paramWrites.set(receiver, [call]);
  }

  const bindings = builder.finish(tree, source, !region);
  const sites: RequestSite[] = [];
  calls.forEach((call, i) => {
    const callee = calleeTexts[i];
    const method = HEADER_SETTER_ENDINGS.some((e) => callee.endsWith(e)) ? /\.\s*(set|append|setRequestHeader|header)$/.exec(callee)?.[1] : undefined;
    if (method) {
      const a = call.childForFieldName('arguments')?.namedChildren ?? [];
      const name = a.length >= 2 ? stringLiteral(a[0]) : undefined;
      if (name !== undefined && isAuthorization(name) && a[1]) {
        headerWrites.push({
          name, value: resolveString(a[1], ctx), valueSpan: span(a[1]), span: span(call),
          origin: method === 'setRequestHeader' ? 'set-request-header' : 'headers-set',
        });
      }
    }
    const shape = classifyCall(call, bindings, custom, callees[i]);
    if (shape) sites.push(buildRequestSite(call, shape, ctx, bindings));
  });
  for (const arg of argStrings) addCandidate(arg, undefined);
  for (const e of errors) sites.push(...recoverSites(e, bindings, ctx));
  for (const n of news) {
    const shape = classifyCall(n, bindings, custom);
    if (shape) sites.push(buildRequestSite(n, shape, ctx, bindings));
  }
  for (const d of decls) {
    const name = d.childForFieldName('name');
    addCandidate(d.childForFieldName('value'), name?.type === 'identifier' ? name.text : undefined);
  }
  for (const asg of assigns) {
    const left = asg.childForFieldName('left');
    const right = asg.childForFieldName('right');
    if (!left || !right) continue;
    const name = targetName(left);
    if (asg.type === 'assignment_expression') {
      if (name !== undefined && isAuthorization(name) && left.type !== 'identifier') {
        headerWrites.push({ name, value: resolveString(right, ctx), valueSpan: span(right), span: span(asg), origin: 'assignment' });
      }
      addCandidate(right, name);
    }
  }
  for (const p of pairs) {
    const key = p.childForFieldName('key');
    const value = p.childForFieldName('value');
    if (!key || !value) continue;
    const name = key.type === 'property_identifier' ? key.text : stringLiteral(key);
    if (name !== undefined && isAuthorization(name)) {
      headerWrites.push({ name, value: resolveString(value, ctx), valueSpan: span(value), span: span(p), origin: 'object' });
    }
    addCandidate(value, name);
  }
  for (const sh of shorthands) {
    headerWrites.push({ name: sh.text, value: resolveString(sh, ctx), valueSpan: span(sh), span: span(sh), origin: 'object' });
  }
  return { sites, headerWrites, literals, isNode: bindings.nodeModules || sawRequire, ctx, region, bindings, retryCandidates: { loops, functions } };
}

/**
 * Half-typed code at the end of a file can leave a call as loose tokens under an ERROR node:
 * `fetch`, `(`, a string. Those still make a request site (URL only; no fix is offered).
 */
function recoverSites(error: SyntaxNode, b: ClientBindings, ctx: ResolveContext): RequestSite[] {
  const out: RequestSite[] = [];
  // One array, not `error.child(i)`: that walks from the first child on every call, which made an
  // ERROR of 40,000 loose tokens (`((((…` typed into a file) take seconds.
  const kids = error.children;
  const n = kids.length;
  for (let i = -1; i + 2 <= n; i++) {
    // i = -1: the callee ends just before the ERROR (`fetch` + ERROR[`(`, url]).
    const callee = i >= 0 ? kids[i] : error.startIndex > 0 ? error.tree.rootNode.descendantForIndex(error.startIndex - 1) : null;
    if (!callee || (callee.type !== 'identifier' && callee.type !== 'member_expression')) continue;
    if (kids[i + 1]?.type !== '(') continue;
    const arg = kids[i + 2];
    if (!arg || (arg.type !== 'string' && arg.type !== 'template_string')) continue;
    const path = calleePath(callee);
    if (!path) continue;
    const name = path[path.length - 1];
    const head = path.length > 1 && !['window', 'globalThis', 'self'].includes(path[0]) ? path[0] : name;
    const client = b.fetch.has(head) ? 'fetch' : b.axios.has(head) ? 'axios' : b.got.has(head) ? 'got' : b.ky.has(head) ? 'ky' : undefined;
    if (!client) continue;
    out.push({ client, span: { start: callee.startIndex, end: arg.endIndex }, url: resolveString(arg, ctx, undefined), query: [], headers: [], canSetHeaders: true });
  }
  return out;
}
