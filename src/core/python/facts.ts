/**
 * The one collection pass over a Python tree: a single query gathers calls, assignments, imports,
 * scopes, dict entries and keyword arguments; from them come the name bindings, the request sites,
 * every written Authorization header and the string literals that may be credentials.
 */
import type { Language, Query } from '@vscode/tree-sitter-wasm';
import { cachedQuery, type SyntaxNode, type Tree } from '../parser';
import type { CustomClient } from '../javascript/clients';
import type { FileFacts, HeaderEntry, QueryParam, RequestSite, SecretCandidate } from '../model';
import { ClientBindings, lastName, type RequestCallShape } from './clients';
import { Imports } from './imports';
import { Scopes } from './scopes';
import { callArguments, children, dottedText, named, plainString, span, stringInfo, unwrap } from './syntax';
import { resolveDict, resolveString, type ResolveContext } from './values';

const COLLECT_QUERY = `
(call) @call
(assignment) @assign
(augmented_assignment) @aug
[(import_statement) (import_from_statement)] @import
[(function_definition) (lambda) (class_definition)] @scope
(for_statement left: (_) @target)
(for_in_clause left: (_) @target)
(as_pattern_target) @target
(named_expression name: (identifier) @target)
(pair) @pair
(keyword_argument) @kwarg
(default_parameter) @default
(typed_default_parameter) @default
(typed_parameter) @typed
(argument_list (string) @argString)
(ERROR) @error
[(for_statement) (while_statement)] @loop
(decorated_definition) @decorated
(global_statement (identifier) @global)
`;

function collectQuery(language: Language): Query {
  return cachedQuery(language, COLLECT_QUERY);
}

/** A request site with the Python syntax the fixes need. */
export interface PythonSite {
  site: RequestSite;
  shape: RequestCallShape;
  call: SyntaxNode;
}

export interface PythonFacts extends FileFacts {
  ctx: ResolveContext;
  pySites: PythonSite[];
  bindings: ClientBindings;
  /** Candidate literal → its string node (the fix replaces the node). */
  literalNodes: Map<number, SyntaxNode>;
  loops: SyntaxNode[];
  functions: SyntaxNode[];
  decorated: SyntaxNode[];
  calls: SyntaxNode[];
  /** Per call (same order): the callee and its last name (`get` of `requests.get`). */
  callees: { fn?: SyntaxNode; last?: string }[];
}

export function isAuthorization(name: string): boolean {
  return name.toLowerCase() === 'authorization';
}

/** The name a value is bound to: `API_KEY = …`, `self.token = …`, `cfg["secret"] = …`. */
function targetName(node: SyntaxNode): string | undefined {
  const t = unwrap(node);
  if (t.type === 'identifier') return t.text;
  if (t.type === 'attribute') return t.childForFieldName('attribute')?.text;
  if (t.type === 'subscript') return plainString(t.childForFieldName('subscript'));
  return undefined;
}

export function collectFacts(tree: Tree, text: string, custom: readonly CustomClient[] = []): PythonFacts {
  const scopes = new Scopes(text.length);
  const imports = new Imports();
  const bindings = new ClientBindings(imports, custom);
  const subscriptWrites = new Map<string, SyntaxNode[]>();
  const ctx: ResolveContext = { scopes, imports, subscriptWrites };
  const calls: SyntaxNode[] = [];
  const assigns: SyntaxNode[] = [];
  const augs: SyntaxNode[] = [];
  const importNodes: SyntaxNode[] = [];
  const targets: SyntaxNode[] = [];
  const pairs: SyntaxNode[] = [];
  const kwargs: SyntaxNode[] = [];
  const defaults: SyntaxNode[] = [];
  const typed: SyntaxNode[] = [];
  const argStrings: SyntaxNode[] = [];
  const errors: SyntaxNode[] = [];
  const loops: SyntaxNode[] = [];
  const functions: SyntaxNode[] = [];
  const decorated: SyntaxNode[] = [];
  const globals: SyntaxNode[] = [];

  for (const cap of collectQuery(tree.language).captures(tree.rootNode)) {
    const n = cap.node;
    switch (cap.name) {
      case 'call': calls.push(n); break;
      case 'assign': assigns.push(n); break;
      case 'aug': augs.push(n); break;
      case 'import': importNodes.push(n); break;
      case 'scope':
        scopes.addScope(n);
        if (n.type === 'function_definition') functions.push(n);
        break;
      case 'target': targets.push(n); break;
      case 'pair': pairs.push(n); break;
      case 'kwarg': kwargs.push(n); break;
      case 'default': defaults.push(n); break;
      case 'typed': typed.push(n); break;
      case 'argString': argStrings.push(n); break;
      case 'error': errors.push(n); break;
      case 'loop': loops.push(n); break;
      case 'decorated': decorated.push(n); break;
      case 'global': globals.push(n); break;
    }
  }
  scopes.seal();

  for (const imp of importNodes) for (const name of imports.add(imp)) scopes.rebind(name, imp);
  // `global X` then `X = …` in a function changes the module's X.
  for (const g of globals) scopes.rebindModule(g.text);
  for (const fn of functions) {
    const name = fn.childForFieldName('name');
    if (name) scopes.rebind(name, fn);
  }
  const assignSides = assigns.map((a) => ({ left: a.childForFieldName('left') ?? undefined, right: a.childForFieldName('right') ?? undefined }));
  for (const [i, a] of assigns.entries()) {
    const { left, right } = assignSides[i];
    scopes.assignment(a, left, right);
    if (left && right?.type === 'call') bindings.bind(left, right);
    if (left?.type === 'subscript') {
      const receiver = left.childForFieldName('value');
      const key = receiver ? dottedText(receiver) : undefined;
      if (key) {
        const list = subscriptWrites.get(key);
        if (list) list.push(a);
        else subscriptWrites.set(key, [a]);
      }
    }
  }
  for (const a of augs) {
    const left = a.childForFieldName('left');
    if (left) scopes.rebind(left, a);
  }
  for (const t of targets) {
    scopes.rebind(t);
    // `with requests.Session() as s` / `async with aiohttp.ClientSession() as session`
    if (t.type === 'as_pattern_target') {
      const pattern = t.parent;
      const value = pattern ? named(pattern)[0] : undefined;
      const id = named(t)[0] ?? t;
      if (value) bindings.bind(id, value);
    }
  }
  for (const p of typed) {
    const id = named(p).find((c) => c.type === 'identifier');
    const type = p.childForFieldName('type');
    if (id && type) bindings.bindAnnotation(id.text, type);
  }

  // Each read of a node is a call into WASM: read every callee once.
  const callees = calls.map((call) => {
    const fn = call.childForFieldName('function') ?? undefined;
    return { fn, last: fn ? lastName(fn) : undefined };
  });
  const sites: PythonSite[] = [];
  for (const [i, call] of calls.entries()) {
    const { fn, last } = callees[i];
    const shape = fn && last ? bindings.classify(call, fn, last) ?? (/Client$/.test(last) ? bindings.classifyConstructor(call) : undefined) : undefined;
    if (!shape || wrapsRequestObject(shape, ctx, bindings)) continue;
    sites.push({ site: buildSite(call, shape, ctx), shape, call });
  }
  for (const e of errors) sites.push(...recoverSites(e, bindings, ctx));

  const headerWrites: HeaderEntry[] = [];
  const literals: SecretCandidate[] = [];
  const literalNodes = new Map<number, SyntaxNode>();
  const addCandidate = (node: SyntaxNode | null | undefined, boundName: string | undefined): void => {
    if (!node || node.type !== 'string') return;
    const info = stringInfo(node);
    const value = plainString(node);
    // Credentials are at least 8 characters; shorter literals are not worth a look.
    if (!info || value === undefined || value.length < 8) return;
    const s = { start: info.contentStart - 1, end: info.contentEnd + 1 };
    literals.push({ value, span: s, boundName, quote: info.quote[0] });
    literalNodes.set(s.start, node);
  };

  for (const p of pairs) {
    const key = p.childForFieldName('key');
    const value = p.childForFieldName('value');
    if (!key || !value) continue;
    const name = plainString(key);
    if (name !== undefined && isAuthorization(name)) {
      headerWrites.push({ name, value: resolveString(value, ctx), valueSpan: span(value), span: span(p), origin: 'object' });
    }
    addCandidate(value, name);
  }
  for (const [i, a] of assigns.entries()) {
    const { left, right } = assignSides[i];
    if (!left || !right) continue;
    if (right.type !== 'string' && left.type !== 'subscript') continue;
    const name = targetName(left);
    if (left.type === 'subscript' && name !== undefined && isAuthorization(name)) {
      headerWrites.push({ name, value: resolveString(right, ctx), valueSpan: span(right), span: span(a), origin: 'assignment' });
    }
    addCandidate(right, name);
  }
  for (const k of kwargs) {
    const name = k.childForFieldName('name')?.text;
    const value = k.childForFieldName('value');
    if (name && isAuthorization(name) && value) {
      // `headers.update(Authorization=…)`, `dict(Authorization=…)`
      headerWrites.push({ name, value: resolveString(value, ctx), valueSpan: span(value), span: span(k), origin: 'object' });
    }
    addCandidate(value, name);
  }
  for (const d of defaults) addCandidate(d.childForFieldName('value'), d.childForFieldName('name')?.text);
  for (const s of argStrings) if (s.endIndex - s.startIndex >= 10) addCandidate(s, undefined);
  // Headers only a site knows: websocket-client's "Name: value" lines, websockets' `[(name, value)]` lists.
  const written = new Set(headerWrites.map((h) => h.valueSpan.start));
  for (const ps of sites) headerWrites.push(...ps.site.headers.filter((h) => isAuthorization(h.name) && !written.has(h.valueSpan.start)));

  return {
    sites: sites.map((s) => s.site), headerWrites, literals, isNode: false,
    ctx, pySites: sites, bindings, literalNodes, loops, functions, decorated, calls, callees,
  };
}

/** `urlopen(req)` where `req` is a `Request(…)`: the Request is the site already. */
function wrapsRequestObject(shape: RequestCallShape, ctx: ResolveContext, bindings: ClientBindings): boolean {
  if (shape.client !== 'urllib' || !shape.url) return false;
  let arg = unwrap(shape.url);
  if (arg.type === 'identifier') {
    const b = ctx.scopes.lookup(arg);
    if (b.kind !== 'value') return false;
    arg = unwrap(b.value);
  }
  if (arg.type !== 'call') return false;
  const fn = arg.childForFieldName('function');
  const callee = fn ? bindings.classifyCallee(fn) : undefined;
  return callee?.client === 'urllib' && callee.name === 'Request';
}

const BODY_KEYWORDS = ['data', 'json', 'content', 'body', 'files', 'fields'];

function buildSite(call: SyntaxNode, shape: RequestCallShape, ctx: ResolveContext): RequestSite {
  const query: QueryParam[] = [];
  const headers: HeaderEntry[] = [];
  const url = shape.url ? resolveString(shape.url, ctx, query) : undefined;
  const params = shape.queryKeyword ? shape.args.keywords.get(shape.queryKeyword) : undefined;
  if (params) {
    for (const e of resolveDict(params, ctx) ?? []) {
      query.push({ name: e.key, value: resolveString(e.value, ctx), span: e.span, origin: 'params-object' });
    }
  }
  const headersValue = shape.headersKeyword ? shape.args.keywords.get(shape.headersKeyword) : undefined;
  if (headersValue) {
    for (const e of resolveDict(headersValue, ctx) ?? []) {
      headers.push({ name: e.key, value: resolveString(e.value, ctx), valueSpan: span(e.value), span: e.span, origin: 'object' });
    }
    if (unwrap(headersValue).type === 'list') headers.push(...headerLines(unwrap(headersValue), ctx));
  }
  const bodyKeyword = BODY_KEYWORDS.find((k) => k !== shape.queryKeyword && shape.args.keywords.has(k));
  const body = bodyKeyword ? shape.args.keywordNodes.get(bodyKeyword) : undefined;
  const headersLiteral = headersValue && unwrap(headersValue).type === 'dictionary' ? unwrap(headersValue) : undefined;
  const list = shape.args.list;
  return {
    client: 'custom', method: shape.method, span: span(call), url, query, headers,
    body: body ? span(body) : undefined, canSetHeaders: true,
    headersObject: headersLiteral ? span(headersLiteral) : undefined,
    afterUrlArgument: shape.url?.endIndex,
    optionsInsert: list && list.text.endsWith(')') ? list.endIndex - 1 : undefined,
  };
}

/** websocket-client's `header=["Authorization: Bearer " + token]`: one "Name: value" string each. */
function headerLines(list: SyntaxNode, ctx: ResolveContext): HeaderEntry[] {
  const out: HeaderEntry[] = [];
  for (const item of named(list)) {
    const value = resolveString(item, ctx);
    const first = value.parts[0];
    if (first?.kind !== 'literal' || !first.exact) continue;
    const m = /^([A-Za-z][\w-]*):[ \t]?/.exec(first.value);
    if (!m) continue;
    const cut = m[0].length;
    const rest = first.value.slice(cut);
    const parts = [
      ...(rest ? [{ ...first, value: rest, span: { start: first.span.start + cut, end: first.span.end } }] : []),
      ...value.parts.slice(1),
    ];
    const valueSpan = { start: first.span.start + cut, end: item.endIndex };
    out.push({ name: m[1], value: { parts, span: valueSpan }, valueSpan, span: span(item), origin: 'assignment' });
  }
  return out;
}

/**
 * Half-typed code can leave a call as loose tokens under an ERROR node: `requests.get`, `(`, a
 * string. Those still make a request site (URL only; no fix is offered).
 */
function recoverSites(error: SyntaxNode, bindings: ClientBindings, ctx: ResolveContext): PythonSite[] {
  const out: PythonSite[] = [];
  const kids = children(error);
  for (let i = 0; i + 2 < kids.length; i++) {
    const callee = kids[i];
    if (callee.type !== 'identifier' && callee.type !== 'attribute') continue;
    if (kids[i + 1].type !== '(') continue;
    let arg = kids[i + 2];
    // An unclosed `(` swallows the lines after it into one expression: the URL is its first string.
    for (let d = 0; d < 12 && arg.text.includes('\n') && arg.type !== 'string'; d++) {
      const first = arg.namedChild(0);
      if (!first) break;
      arg = first;
    }
    if (arg.text.includes('\n') && arg.type !== 'string') continue;
    if (!['string', 'concatenated_string', 'binary_operator', 'identifier'].includes(arg.type)) continue;
    const c = bindings.classifyCallee(callee);
    if (!c || c.methodArg) continue;
    const site: RequestSite = { client: 'custom', span: { start: callee.startIndex, end: arg.endIndex }, query: [], headers: [], canSetHeaders: true };
    site.url = resolveString(arg, ctx, site.query);
    out.push({ site, call: error, shape: { client: c.client, args: callArguments(error), url: arg } });
  }
  return out;
}
