/**
 * Which JavaScript/TypeScript calls send an HTTP request, and where their URL, options and headers
 * sit, given the names the file binds to clients (see clientBindings.ts).
 */
import type { SyntaxNode } from '../parser';
import type { ClientName } from '../model';
import { clientBindingsFor, stringValue, type ClientBindings } from './clientBindings';

export { clientBindingsFor, ClientBindingsBuilder, type ClientBindings } from './clientBindings';

/** An extra client function from `.api-doctor.jsonc`: `{ "function": "myHttp.get", "urlArg": 0 }`. */
export interface CustomClient {
  function: string;
  urlArg: number;
}

/** How a recognised call is laid out. */
export interface CallShape {
  client: ClientName;
  /**
   * `request`: sends a request. `config`: only configures a client (`axios.create({…})`), so its
   * params and headers count but nothing is sent. `xhr-open`: `xhr.open(method, url)`.
   */
  kind: 'request' | 'config' | 'xhr-open';
  method?: string;
  /** Argument index of the URL (undefined when the URL sits in the options object). */
  urlArg?: number;
  /** Argument index of the options/config/init object, when the client takes one there. */
  optionsArg?: number;
  /** Argument index of a request body passed positionally (axios.post(url, data)). */
  dataArg?: number;
}

const METHODS_URL_CONFIG = new Set(['get', 'delete', 'head', 'options']);
const METHODS_URL_DATA_CONFIG = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);
const GOT_KY_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'stream']);
const SUPERAGENT_METHODS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', del: 'DELETE', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS' };
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);
const DOTTED = /^(?:this|[A-Za-z_$][\w$]*)(?:\.[A-Za-z_$#][\w$]*)*$/;

/**
 * `a.b.c` for identifiers and member chains (and `this.x`, `a?.b`, `a!.b`); undefined for anything
 * else. Read from the text: one node access instead of one per link of the chain.
 */
export function calleePath(node: SyntaxNode): string[] | undefined {
  if (node.type !== 'identifier' && node.type !== 'member_expression' && node.type !== 'this' &&
      node.type !== 'parenthesized_expression' && node.type !== 'non_null_expression') return undefined;
  const raw = node.text;
  // A call or an index in the chain (`a.b().c`, `a[0].b`) can never make a path: said at once,
  // without rewriting the text (a long call chain is the member expression of every call in it).
  // Only one pair of parentheses around the whole is taken off below, so any other `(` fails.
  if (raw.indexOf('(', 1) >= 0 || raw.includes('[')) return undefined;
  const text = raw.replace(/\s+/g, '').replace(/\?\./g, '.').replace(/!/g, '').replace(/^\((.*)\)$/, '$1');
  return DOTTED.test(text) ? text.split('.') : undefined;
}

function argCount(call: SyntaxNode): number {
  return call.childForFieldName('arguments')?.namedChildCount ?? 0;
}

function argAt(call: SyntaxNode, i: number): SyntaxNode | undefined {
  return call.childForFieldName('arguments')?.namedChildren[i] ?? undefined;
}

function isObjectLike(node: SyntaxNode | undefined): boolean {
  return !!node && (node.type === 'object' || node.type === 'identifier' || node.type === 'member_expression');
}

/** How a call or `new` expression sends a request, or undefined when it does not. */
export function classifyCall(node: SyntaxNode, b: ClientBindings, custom: readonly CustomClient[] = [], callee?: SyntaxNode | null): CallShape | undefined {
  if (node.type === 'new_expression') return classifyNew(node, b);
  if (node.type !== 'call_expression') return undefined;
  const fn = callee ?? node.childForFieldName('function');
  if (!fn) return undefined;
  let path = calleePath(fn);
  // `request.agent().get(url)`, read from the nodes: a test of the callee's text would be linear in
  // the chain before it, for every call of a long chain.
  if (!path) return superagentChain(fn, b);
  if (custom.length > 0) {
    const dotted = path.join('.');
    const c = custom.find((x) => x.function === dotted);
    if (c) return { client: 'custom', kind: 'request', urlArg: c.urlArg };
  }
  if (path.length > 1 && GLOBAL_OBJECTS.has(path[0])) path = path.slice(1);
  const [head] = path;
  if (path.length === 1) {
    if (b.fetch.has(head)) return { client: 'fetch', kind: 'request', urlArg: 0, optionsArg: 1 };
    if (b.axios.has(head)) return axiosCall(node, undefined);
    if (b.got.has(head) || b.ky.has(head)) return gotKy(node, b.got.has(head) ? 'got' : 'ky', undefined);
    const undiciFn = b.undiciFunctions.get(head);
    if (undiciFn === 'fetch') return { client: 'fetch', kind: 'request', urlArg: 0, optionsArg: 1 };
    if (undiciFn) return { client: 'undici', kind: 'request', urlArg: 0, optionsArg: 1 };
    const httpFn = b.httpFunctions.get(head);
    if (httpFn) return nodeHttp(node, httpFn);
    if (b.superagent.has(head) && argCount(node) >= 2) {
      const m = stringValue(argAt(node, 0));
      return { client: 'superagent', kind: 'request', method: m?.toUpperCase(), urlArg: 1 };
    }
    return undefined;
  }
  if (path.length !== 2) return undefined;
  const [obj, prop] = path;
  if (b.axios.has(obj)) {
    if (prop === 'create') return { client: 'axios', kind: 'config', optionsArg: 0 };
    return axiosCall(node, prop);
  }
  if (b.got.has(obj) || b.ky.has(obj)) {
    const client = b.got.has(obj) ? 'got' : 'ky';
    if (prop === 'extend' || prop === 'create') return { client, kind: 'config', optionsArg: 0 };
    return GOT_KY_METHODS.has(prop) ? gotKy(node, client, prop) : undefined;
  }
  if (b.superagent.has(obj)) {
    const m = SUPERAGENT_METHODS[prop];
    return m ? { client: 'superagent', kind: 'request', method: m, urlArg: 0 } : undefined;
  }
  if (b.httpModules.has(obj) && (prop === 'request' || prop === 'get')) return nodeHttp(node, prop);
  if (b.undiciModules.has(obj)) {
    if (prop === 'fetch') return { client: 'fetch', kind: 'request', urlArg: 0, optionsArg: 1 };
    if (prop === 'request' || prop === 'stream') return { client: 'undici', kind: 'request', urlArg: 0, optionsArg: 1 };
    return undefined;
  }
  if (b.undiciInstances.has(obj) && (prop === 'request' || prop === 'stream')) {
    return { client: 'undici', kind: 'request', optionsArg: 0 };
  }
  if (prop === 'open' && (b.xhrInstances.has(obj) || /^xhr$/i.test(obj)) && argCount(node) >= 2) {
    const m = stringValue(argAt(node, 0));
    return { client: 'xhr', kind: 'xhr-open', method: m?.toUpperCase(), urlArg: 1 };
  }
  return undefined;
}

/** `superagent.agent().get(url)` and similar chains whose receiver is itself a call. */
function superagentChain(fn: SyntaxNode, b: ClientBindings): CallShape | undefined {
  if (fn.type !== 'member_expression') return undefined;
  const prop = fn.childForFieldName('property')?.text ?? '';
  if (!Object.prototype.hasOwnProperty.call(SUPERAGENT_METHODS, prop)) return undefined;
  const obj = fn.childForFieldName('object');
  if (obj?.type !== 'call_expression') return undefined;
  const inner = obj.childForFieldName('function');
  const innerPath = inner ? calleePath(inner) : undefined;
  if (innerPath?.length === 2 && b.superagent.has(innerPath[0]) && innerPath[1] === 'agent' && SUPERAGENT_METHODS[prop]) {
    return { client: 'superagent', kind: 'request', method: SUPERAGENT_METHODS[prop], urlArg: 0 };
  }
  return undefined;
}

function axiosCall(node: SyntaxNode, prop: string | undefined): CallShape | undefined {
  if (prop === undefined) {
    // axios(url, config) or axios(config)
    const first = argAt(node, 0);
    if (first?.type === 'object') return { client: 'axios', kind: 'request', optionsArg: 0 };
    return { client: 'axios', kind: 'request', urlArg: 0, optionsArg: 1 };
  }
  if (prop === 'request') return { client: 'axios', kind: 'request', optionsArg: 0 };
  if (METHODS_URL_CONFIG.has(prop)) return { client: 'axios', kind: 'request', method: prop.toUpperCase(), urlArg: 0, optionsArg: 1 };
  if (METHODS_URL_DATA_CONFIG.has(prop)) {
    return { client: 'axios', kind: 'request', method: prop.replace('Form', '').toUpperCase(), urlArg: 0, dataArg: 1, optionsArg: 2 };
  }
  return undefined;
}

function gotKy(node: SyntaxNode, client: 'got' | 'ky', prop: string | undefined): CallShape {
  const method = prop && prop !== 'stream' ? prop.toUpperCase() : undefined;
  const first = argAt(node, 0);
  if (first?.type === 'object') return { client, kind: 'request', method, optionsArg: 0 };
  return { client, kind: 'request', method, urlArg: 0, optionsArg: 1 };
}

function nodeHttp(node: SyntaxNode, fn: 'request' | 'get'): CallShape {
  const method = fn === 'get' ? 'GET' : undefined;
  const first = argAt(node, 0);
  if (first?.type === 'object') return { client: 'node-http', kind: 'request', method, optionsArg: 0 };
  const second = argAt(node, 1);
  return { client: 'node-http', kind: 'request', method, urlArg: 0, optionsArg: isObjectLike(second) ? 1 : undefined };
}

function classifyNew(node: SyntaxNode, b: ClientBindings): CallShape | undefined {
  const ctor = node.childForFieldName('constructor');
  const path = ctor ? calleePath(ctor) : undefined;
  if (!path) return undefined;
  const name = path.length === 2 && GLOBAL_OBJECTS.has(path[0]) ? path[1] : path.join('.');
  if (b.nodeWebSocket.has(name) || (path.length === 2 && b.nodeWebSocket.has(path[0]) && path[1] === 'WebSocket')) {
    // new WebSocket(url, { headers }) or new WebSocket(url, protocols, { headers })
    const second = argAt(node, 1);
    const optionsArg = second?.type === 'object' ? 1 : argCount(node) >= 3 ? 2 : undefined;
    return { client: 'websocket-node', kind: 'request', method: 'GET', urlArg: 0, optionsArg };
  }
  if (name === 'WebSocket') return { client: 'websocket-browser', kind: 'request', method: 'GET', urlArg: 0 };
  return undefined;
}

/**
 * True for a call or `new` expression that sends an HTTP request (or opens a WebSocket) with one of
 * the clients API Doctor knows, or with an extra client function named in `.api-doctor.jsonc`.
 * `axios.create()` and similar only configure a client and are not requests.
 */
export function isRequestCall(call: SyntaxNode, custom: readonly CustomClient[] = [], bindings?: ClientBindings): boolean {
  if (call.type !== 'call_expression' && call.type !== 'new_expression') return false;
  const shape = classifyCall(call, bindings ?? clientBindingsFor(call.tree), custom);
  return !!shape && shape.kind !== 'config';
}
