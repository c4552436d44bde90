/**
 * The one collection pass over a Go tree: a query gathers calls, declarations, assignments, keyed
 * elements, loops and functions; from them come the request sites (`net/http`, resty), every
 * written Authorization header, query parameters in `url.Values`, and literals that may be keys.
 */
import type { Language, Query } from '@vscode/tree-sitter-wasm';
import { cachedQuery, type SyntaxNode, type Tree } from '../parser';
import type { FileFacts, HeaderEntry, QueryParam, RequestSite } from '../model';
import { collectLiterals } from './literals';
import { FunctionSpans, Scopes } from './scopes';
import { UrlValues } from './urlValues';
import { callParts, calleeName, calleeReceiver, dottedText, elementValue, headerValue, named, plainString, span, unwrap } from './syntax';
import { resolveString, type ResolveContext } from './values';

const COLLECT_QUERY = `
(call_expression) @call
(type_conversion_expression) @call
[(const_spec) (var_spec) (short_var_declaration)] @decl
(parameter_declaration) @param
(variadic_parameter_declaration) @param
(assignment_statement) @assign
(range_clause left: (expression_list (identifier) @loopVar))
(keyed_element) @keyed
(for_statement) @loop
[(function_declaration) (method_declaration) (func_literal)] @function
(import_spec) @import
`;

function collectQuery(language: Language): Query {
  return cachedQuery(language, COLLECT_QUERY);
}

/** A call's callee names, read once; its arguments only when asked for (each read is a call into WASM). */
export class CallInfo {
  /** `Get` of `http.Get`. */
  readonly name: string | undefined;
  /** `http.Get`, when the callee is a plain dotted name. */
  readonly full: string | undefined;
  private read = false;
  private cached: ReturnType<typeof callParts>;

  constructor(readonly call: SyntaxNode) {
    const fn = call.type === 'call_expression' ? call.childForFieldName('function') : call.childForFieldName('type');
    this.name = fn ? calleeName(fn) : undefined;
    this.full = fn ? dottedText(fn) : undefined;
  }

  get parts(): ReturnType<typeof callParts> {
    if (!this.read) {
      this.cached = callParts(this.call);
      this.read = true;
    }
    return this.cached;
  }
}

export type GoClient = 'net/http' | 'resty' | 'url-values';

/** A request site with the Go syntax a fix needs. */
export interface GoSite {
  site: RequestSite;
  client: GoClient;
  call: SyntaxNode;
  url?: SyntaxNode;
  /** `req` of `req, err := http.NewRequest(…)`. */
  requestVar?: string;
  /** The statement that declares `requestVar`. */
  statement?: SyntaxNode;
}

export interface GoFacts extends FileFacts {
  ctx: ResolveContext;
  goSites: GoSite[];
  imports: Set<string>;
  literalNodes: Map<number, SyntaxNode>;
  /** Per call (same order as `calls`): its callee's parts and names, read once (each read is a call into WASM). */
  callInfo: CallInfo[];
  loops: SyntaxNode[];
  functions: SyntaxNode[];
  calls: SyntaxNode[];
}

const HTTP_FUNCTIONS: Record<string, string | undefined> = { Get: 'GET', Head: 'HEAD', Post: 'POST', PostForm: 'POST' };
const RESTY_METHODS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'Execute', 'Send']);
/** Callee names that may start a request: a cheap test before reading a call's arguments. */
const SITE_NAMES = new Set([...Object.keys(HTTP_FUNCTIONS), ...RESTY_METHODS, 'NewRequest', 'NewRequestWithContext']);

export function isAuthorization(name: string): boolean {
  return name.toLowerCase() === 'authorization';
}

/** Walks a method chain `client.R().SetX(…).Get(…)` down to its root, calls included. */
function chain(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  let cur: SyntaxNode | undefined = n;
  while (cur) {
    out.push(cur);
    const c = callParts(cur);
    cur = c ? calleeReceiver(c.fn) : cur.type === 'selector_expression' ? cur.childForFieldName('operand') ?? undefined : undefined;
  }
  return out;
}

function isRestyRequest(receiver: SyntaxNode, restyVars: Set<string>): boolean {
  return chain(receiver).some((n) => {
    const c = callParts(n);
    if (c && calleeName(c.fn) === 'R' && c.args.length === 0) return true;
    return n.type === 'identifier' && restyVars.has(n.text);
  });
}

function methodOf(n: SyntaxNode | undefined): string | undefined {
  if (!n) return undefined;
  const s = plainString(n);
  if (s && /^[A-Za-z]+$/.test(s)) return s.toUpperCase();
  const m = /^http\.Method([A-Z][a-z]+)$/.exec(n.text);
  return m ? m[1].toUpperCase() : undefined;
}

/** The enclosing statement of a node (a child of a statement list or block). */
function statementOf(n: SyntaxNode): SyntaxNode | undefined {
  let cur: SyntaxNode | null = n;
  while (cur?.parent && cur.parent.type !== 'statement_list' && cur.parent.type !== 'block' && cur.parent.type !== 'source_file') cur = cur.parent;
  return cur ?? undefined;
}

function declaredName(call: SyntaxNode): { name: string; statement: SyntaxNode } | undefined {
  const list = call.parent;
  const decl = list?.parent;
  if (list?.type !== 'expression_list' || !decl || (decl.type !== 'short_var_declaration' && decl.type !== 'assignment_statement' && decl.type !== 'var_spec')) return undefined;
  const left = decl.type === 'var_spec' ? decl.childForFieldName('name') : named(decl.childForFieldName('left'))[0];
  const statement = decl.type === 'var_spec' ? statementOf(decl) : decl;
  return left?.type === 'identifier' && statement ? { name: left.text, statement } : undefined;
}

export function collectFacts(tree: Tree): GoFacts {
  const calls: SyntaxNode[] = [];
  const decls: SyntaxNode[] = [];
  const params: SyntaxNode[] = [];
  const assigns: SyntaxNode[] = [];
  const loopVars: SyntaxNode[] = [];
  const keyed: SyntaxNode[] = [];
  const loops: SyntaxNode[] = [];
  const functions: SyntaxNode[] = [];
  const imports = new Set<string>();
  for (const cap of collectQuery(tree.language).captures(tree.rootNode)) {
    const n = cap.node;
    switch (cap.name) {
      case 'call': calls.push(n); break;
      case 'decl': decls.push(n); break;
      case 'param': params.push(n); break;
      case 'assign': assigns.push(n); break;
      case 'loopVar': loopVars.push(n); break;
      case 'keyed': keyed.push(n); break;
      case 'loop': loops.push(n); break;
      case 'function': functions.push(n); break;
      case 'import': {
        const p = plainString(n.childForFieldName('path'));
        if (p) imports.add(p);
        break;
      }
    }
  }
  const functionSpans = new FunctionSpans(functions);
  const scopeOf = (n: SyntaxNode): number => functionSpans.scopeOf(n);
  const scopes = new Scopes(functionSpans);
  scopes.collect(decls, params, assigns, loopVars);

  const values = new UrlValues(functionSpans);
  values.declare(decls);
  const ctx: ResolveContext = { scopes, values };
  values.resolveEntries(ctx);

  const callInfo = calls.map((c) => new CallInfo(c));
  values.addWrites(callInfo, ctx);

  // Variables that hold an http.Client or a resty request/client.
  const httpClients = new Set<string>(['http.DefaultClient']);
  const restyVars = new Set<string>();
  for (const d of decls) {
    const left = d.type === 'short_var_declaration' ? named(d.childForFieldName('left')) : d.childrenForFieldName('name').filter((x): x is SyntaxNode => !!x);
    const right = named(d.childForFieldName(d.type === 'short_var_declaration' ? 'right' : 'value'));
    const type = d.type === 'var_spec' ? d.childForFieldName('type')?.text : undefined;
    left.forEach((n, i) => {
      const v = right[i]?.text ?? '';
      if (/^&?http\.Client\{/.test(v) || type === '*http.Client' || type === 'http.Client') httpClients.add(n.text);
      if (/^resty\.New(WithClient)?\(/.test(v) || /\.R\(\)/.test(v) || /resty\.(Client|Request)/.test(type ?? '')) restyVars.add(n.text);
    });
  }
  for (const p of params) {
    const t = p.childForFieldName('type')?.text ?? '';
    for (const n of p.childrenForFieldName('name')) {
      if (!n) continue;
      if (/http\.Client$/.test(t)) httpClients.add(n.text);
      if (/resty\.(Client|Request)$/.test(t)) restyVars.add(n.text);
    }
  }

  const goSites: GoSite[] = [];
  const byRequestVar = new Map<string, GoSite>();
  const hasResty = [...imports].some((p) => /go-resty\/resty/.test(p));
  callInfo.forEach((info, i) => {
    const { name, full } = info;
    if (!name || !SITE_NAMES.has(name)) return;
    const parts = info.parts;
    if (!parts) return;
    const call = calls[i];
    const receiver = calleeReceiver(parts.fn);
    const receiverText = receiver ? dottedText(receiver) : undefined;
    let method: string | undefined;
    let url: SyntaxNode | undefined;
    let client: GoClient | undefined;
    if (full === 'http.NewRequest' || full === 'http.NewRequestWithContext') {
      const off = full === 'http.NewRequest' ? 0 : 1;
      method = methodOf(parts.args[off]);
      url = parts.args[off + 1];
      client = 'net/http';
    } else if (name in HTTP_FUNCTIONS && receiverText && (receiverText === 'http' || httpClients.has(receiverText))) {
      method = HTTP_FUNCTIONS[name];
      url = parts.args[0];
      client = 'net/http';
    } else if (hasResty && RESTY_METHODS.has(name) && receiver && isRestyRequest(receiver, restyVars)) {
      method = name === 'Execute' ? methodOf(parts.args[0]) : name.toUpperCase();
      url = name === 'Execute' ? parts.args[1] : parts.args[0];
      client = 'resty';
    }
    if (!client) return;
    const site: RequestSite = { client: 'custom', method, span: span(call), query: [], headers: [], canSetHeaders: true };
    if (url) {
      site.url = resolveString(url, ctx, site.query);
      site.afterUrlArgument = url.endIndex;
    }
    const gs: GoSite = { site, client, call, url };
    if (full?.startsWith('http.NewRequest')) {
      const d = declaredName(call);
      if (d) {
        gs.requestVar = d.name;
        gs.statement = d.statement;
        byRequestVar.set(`${scopeOf(call)}:${d.name}`, gs);
      }
    }
    goSites.push(gs);
  });

  const headerWrites: HeaderEntry[] = [];
  const siteOfRequestVar = (receiver: SyntaxNode | undefined, at: SyntaxNode): GoSite | undefined => {
    const reqVar = receiver?.type === 'selector_expression' && receiver.childForFieldName('field')?.text === 'Header' ? receiver.childForFieldName('operand') : undefined;
    return reqVar?.type === 'identifier' ? byRequestVar.get(`${scopeOf(at)}:${reqVar.text}`) : undefined;
  };
  // `req.Header.Set("Authorization", v)`, resty `SetHeader("Authorization", v)`, resty `SetQueryParam("api_key", k)`.
  callInfo.forEach((info, i) => {
    const name = info.name;
    if (name !== 'Set' && name !== 'Add' && name !== 'SetHeader' && name !== 'SetQueryParam') return;
    const parts = info.parts;
    if (!parts || parts.args.length !== 2) return;
    const call = calls[i];
    const receiver = calleeReceiver(parts.fn);
    const headerName = plainString(parts.args[0]);
    if (headerName === undefined) return;
    const isHeaderSet = (name === 'Set' || name === 'Add') && receiver?.type === 'selector_expression' && receiver.childForFieldName('field')?.text === 'Header';
    const isRestyHeader = hasResty && name === 'SetHeader';
    if ((isHeaderSet || isRestyHeader) && isAuthorization(headerName)) {
      const value = parts.args[1];
      const h: HeaderEntry = { name: headerName, value: resolveString(value, ctx), valueSpan: span(value), span: span(call), origin: 'headers-set' };
      headerWrites.push(h);
      siteOfRequestVar(receiver, call)?.site.headers.push(h);
    }
    if (hasResty && name === 'SetQueryParam') {
      // In a chain (`client.R().\n\tSetQueryParam(…)`) the entry starts at the method's name.
      const from = parts.fn.childForFieldName('field')?.startIndex ?? call.startIndex;
      const param: QueryParam = { name: headerName, value: resolveString(parts.args[1], ctx), span: { start: from, end: call.endIndex }, origin: 'search-params' };
      goSites.push({ site: { client: 'custom', span: span(call), query: [param], headers: [], canSetHeaders: true }, client: 'resty', call });
    }
  });
  // resty `SetQueryParams(map[string]string{"api_key": k})`
  callInfo.forEach((info, i) => {
    if (!hasResty || info.name !== 'SetQueryParams') return;
    const parts = info.parts;
    if (!parts || parts.args.length !== 1) return;
    const m = unwrap(parts.args[0]);
    const query: QueryParam[] = [];
    for (const el of named(m.type === 'composite_literal' ? m.childForFieldName('body') : null)) {
      if (el.type !== 'keyed_element') continue;
      const k = plainString(elementValue(el.childForFieldName('key')));
      const v = elementValue(el.childForFieldName('value'));
      if (k !== undefined && v) query.push({ name: k, value: resolveString(v, ctx), span: span(el), origin: 'params-object' });
    }
    if (query.length > 0) goSites.push({ site: { client: 'custom', span: span(calls[i]), query, headers: [], canSetHeaders: true }, client: 'resty', call: calls[i] });
  });
  // `req.Header["Authorization"] = []string{v}` and `u.RawQuery = q.Encode()`.
  for (const a of assigns) {
    const left = named(a.childForFieldName('left'));
    const right = named(a.childForFieldName('right'));
    if (left.length !== 1 || right.length !== 1) continue;
    const l = left[0];
    if (l.type === 'index_expression') {
      const operand = l.childForFieldName('operand');
      const index = plainString(l.childForFieldName('index'));
      if (index !== undefined && isAuthorization(index) && operand && /(^|\.)Header$/.test(operand.text)) {
        const value = headerValue(right[0]);
        const h: HeaderEntry = { name: index, value: resolveString(value, ctx), valueSpan: span(value), span: span(a), origin: 'assignment' };
        headerWrites.push(h);
        siteOfRequestVar(operand, a)?.site.headers.push(h);
      }
    } else if (l.type === 'selector_expression' && l.childForFieldName('field')?.text === 'RawQuery') {
      const query: QueryParam[] = [];
      resolveString(right[0], ctx, query);
      if (query.length > 0) goSites.push({ site: { client: 'custom', span: span(a), query, headers: [], canSetHeaders: true }, client: 'url-values', call: a });
    }
  }
  // `http.Header{"Authorization": {v}}`, `map[string]string{"Authorization": v}` (resty SetHeaders).
  const written = new Set(headerWrites.map((h) => h.valueSpan.start));
  for (const el of keyed) {
    const k = plainString(elementValue(el.childForFieldName('key')));
    const v = elementValue(el.childForFieldName('value'));
    if (k === undefined || !v || !isAuthorization(k)) continue;
    const value = headerValue(v);
    if (written.has(value.startIndex)) continue;
    headerWrites.push({ name: k, value: resolveString(value, ctx), valueSpan: span(value), span: span(el), origin: 'object' });
  }

  const { literals, literalNodes } = collectLiterals(decls, assigns, keyed, callInfo);
  return {
    sites: goSites.map((s) => s.site), headerWrites, literals, isNode: false,
    ctx, goSites, imports, literalNodes, callInfo, loops, functions, calls,
  };
}
