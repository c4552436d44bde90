/**
 * Turns a recognised JavaScript/TypeScript call into a language-neutral `RequestSite`: URL, query
 * parameters written outside the URL, headers, body and where a fix can add a header.
 */
import type { SyntaxNode } from '../parser';
import type { HeaderEntry, QueryParam, RequestSite } from '../model';
import type { CallShape, ClientBindings } from './clients';
import { resolveObject, resolveString, span, unwrap, type ObjectEntry, type ResolveContext } from './values';
import { unquote } from './symbols';

function args(call: SyntaxNode): SyntaxNode[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((a): a is SyntaxNode => !!a && a.type !== 'comment') ?? [];
}

function entry(entries: ObjectEntry[] | undefined, ...keys: string[]): ObjectEntry | undefined {
  if (!entries) return undefined;
  // The last one wins, as in an object literal with spreads.
  for (let i = entries.length - 1; i >= 0; i--) if (keys.includes(entries[i].key)) return entries[i];
  return undefined;
}

export function headerEntries(value: SyntaxNode, ctx: ResolveContext): HeaderEntry[] {
  const out: HeaderEntry[] = [];
  for (const e of resolveObject(value, ctx) ?? []) {
    if (!e.value) continue;
    out.push({ name: e.key, value: resolveString(e.value, ctx), valueSpan: span(e.value), span: e.span, origin: 'object' });
  }
  return out;
}

function paramsEntries(value: SyntaxNode, ctx: ResolveContext): QueryParam[] {
  const out: QueryParam[] = [];
  for (const e of resolveObject(value, ctx) ?? []) {
    if (e.value) out.push({ name: e.key, value: resolveString(e.value, ctx), span: e.span, origin: 'params-object' });
  }
  return out;
}

export function buildRequestSite(call: SyntaxNode, shape: CallShape, ctx: ResolveContext, bindings: ClientBindings): RequestSite {
  const a = args(call);
  const query: QueryParam[] = [];
  const site: RequestSite = {
    client: shape.client,
    method: shape.method,
    span: span(call),
    query,
    headers: [],
    canSetHeaders: shape.client !== 'websocket-browser',
  };
  let urlNode = shape.urlArg !== undefined ? a[shape.urlArg] : undefined;
  let optionsNode = shape.optionsArg !== undefined ? a[shape.optionsArg] : undefined;
  if (shape.dataArg !== undefined && a[shape.dataArg]) site.body = span(a[shape.dataArg]);

  // fetch(new Request(url, init))
  const first = urlNode ? unwrap(urlNode) : undefined;
  if (shape.client === 'fetch' && first?.type === 'new_expression' && first.childForFieldName('constructor')?.text === 'Request') {
    const inner = args(first);
    urlNode = inner[0];
    optionsNode = optionsNode ?? inner[1];
  }
  if (urlNode) site.afterUrlArgument = urlNode.endIndex;
  // fetch(url) → fetch(url, { headers }): only when the options argument would come right next.
  if (!optionsNode && shape.optionsArg !== undefined && a.length === shape.optionsArg && a.length > 0) {
    site.optionsInsert = a[a.length - 1].endIndex;
  } else if (!optionsNode && shape.client === 'websocket-node' && a.length === 1) {
    site.optionsInsert = a[0].endIndex;
  }

  const options = optionsNode ? resolveObject(optionsNode, ctx) : undefined;
  if (optionsNode && unwrap(optionsNode).type === 'object') site.optionsObject = span(unwrap(optionsNode));

  if (options) {
    const method = entry(options, 'method');
    const m = method?.value?.type === 'string' ? unquote(method.value.text).toUpperCase() : undefined;
    if (m) site.method = m;
    if (!urlNode) {
      const u = entry(options, 'url', 'path');
      if (u?.value) urlNode = u.value;
    }
    const headers = entry(options, 'headers');
    if (headers?.value) {
      site.headers.push(...headerEntries(headers.value, ctx));
      if (unwrap(headers.value).type === 'object') site.headersObject = span(unwrap(headers.value));
    }
    const params = entry(options, 'params', 'searchParams', 'query', 'qs');
    if (params?.value) query.push(...paramsEntries(params.value, ctx));
    const body = entry(options, 'body', 'data', 'json', 'form');
    if (body?.value && !site.body) site.body = span(body.value);
  }

  // undici: `new Client(origin)` + client.request({ path })
  if (shape.client === 'undici' && shape.urlArg === undefined) {
    const fn = call.childForFieldName('function');
    const receiver = fn?.childForFieldName('object')?.text;
    const origin = receiver ? bindings.undiciInstances.get(receiver) : undefined;
    if (origin && urlNode) {
      const o = resolveString(origin, ctx, query);
      const p = resolveString(urlNode, ctx, query);
      site.url = { parts: [...o.parts, ...p.parts], span: p.span };
    }
  }
  if (!site.url && urlNode) site.url = resolveString(urlNode, ctx, query);

  if (shape.client === 'superagent') superagentChain(call, site, ctx);
  return site;
}

/** `superagent.get(url).set('Authorization', v).query({ api_key: k })`. */
function superagentChain(call: SyntaxNode, site: RequestSite, ctx: ResolveContext): void {
  let node = call;
  for (;;) {
    const member = node.parent;
    if (member?.type !== 'member_expression' || member.childForFieldName('object')?.id !== node.id) return;
    const outer = member.parent;
    if (outer?.type !== 'call_expression') return;
    const method = member.childForFieldName('property')?.text;
    const a = args(outer);
    if (method === 'set' && a.length >= 2 && a[0].type === 'string') {
      site.headers.push({ name: unquote(a[0].text), value: resolveString(a[1], ctx), valueSpan: span(a[1]), span: span(outer), origin: 'headers-set' });
    } else if (method === 'set' && a.length === 1) {
      site.headers.push(...headerEntries(a[0], ctx));
    } else if (method === 'query' && a.length === 1) {
      site.query.push(...paramsEntries(a[0], ctx));
    }
    node = outer;
  }
}
