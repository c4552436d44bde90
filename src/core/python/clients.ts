/**
 * Which Python calls send a request: `requests`, `httpx`, `aiohttp`, `urllib.request`, `urllib3`,
 * `websockets` and `websocket-client`, as module functions or through client instances
 * (`requests.Session()`, `httpx.Client()`, `async with aiohttp.ClientSession() as s`, `PoolManager()`).
 */
import type { SyntaxNode } from '../parser';
import type { CustomClient } from '../javascript/clients';
import type { Imports } from './imports';
import { callArguments, dottedText, type CallArguments } from './syntax';

export type PythonClient = 'requests' | 'httpx' | 'aiohttp' | 'urllib' | 'urllib3' | 'websockets' | 'websocket-client' | 'custom';

export interface RequestCallShape {
  client: PythonClient;
  method?: string;
  /** The URL argument, when the call has one. */
  url?: SyntaxNode;
  args: CallArguments;
  /** The keyword that takes headers for this call (`headers`, `extra_headers`, `header`), if any. */
  headersKeyword?: string;
  /** `urllib3` GET-like `fields=` and everyone's `params=`: query parameters outside the URL. */
  queryKeyword?: string;
  /** A client's constructor (`httpx.Client(params=…)`): settings for later requests, sends nothing itself. */
  config?: boolean;
}

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** Module-level request functions by full name: client and whether the method is the first argument. */
const FUNCTIONS: Record<string, { client: PythonClient; methodArg?: boolean }> = {};
for (const v of VERBS) {
  FUNCTIONS[`requests.${v}`] = { client: 'requests' };
  FUNCTIONS[`requests.api.${v}`] = { client: 'requests' };
  FUNCTIONS[`httpx.${v}`] = { client: 'httpx' };
}
Object.assign(FUNCTIONS, {
  'requests.request': { client: 'requests', methodArg: true },
  'requests.api.request': { client: 'requests', methodArg: true },
  'httpx.request': { client: 'httpx', methodArg: true },
  'httpx.stream': { client: 'httpx', methodArg: true },
  'aiohttp.request': { client: 'aiohttp', methodArg: true },
  'urllib.request.urlopen': { client: 'urllib' },
  'urllib.request.Request': { client: 'urllib' },
  'urllib3.request': { client: 'urllib3', methodArg: true },
  'websockets.connect': { client: 'websockets' },
  'websockets.client.connect': { client: 'websockets' },
  'websockets.sync.client.connect': { client: 'websockets' },
  'websockets.asyncio.client.connect': { client: 'websockets' },
  'websocket.create_connection': { client: 'websocket-client' },
  'websocket.WebSocketApp': { client: 'websocket-client' },
});

/** Constructors of client objects whose methods send requests. */
const CONSTRUCTORS: Record<string, PythonClient> = {
  'requests.Session': 'requests', 'requests.session': 'requests', 'requests.sessions.Session': 'requests',
  'httpx.Client': 'httpx', 'httpx.AsyncClient': 'httpx',
  'aiohttp.ClientSession': 'aiohttp',
  'urllib3.PoolManager': 'urllib3', 'urllib3.ProxyManager': 'urllib3', 'urllib3.poolmanager.PoolManager': 'urllib3',
};

/** Last names of every callee above: a cheap test that skips most calls before resolving names. */
const LAST_NAMES = new Set([...VERBS, 'request', 'stream', 'urlopen', 'Request', 'connect', 'create_connection', 'WebSocketApp', 'ws_connect']);
const CONSTRUCTOR_NAMES = new Set(Object.keys(CONSTRUCTORS).map((k) => k.split('.').pop()!));

export function lastName(fn: SyntaxNode): string | undefined {
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'attribute') return fn.childForFieldName('attribute')?.text;
  return undefined;
}

/** Receiver names that hold a client in most code, used when the file imports that library. */
const USUAL_RECEIVERS = /^(?:s|sess|session|http_session|client|http_client|httpx_client|async_client|aclient|http|pool|api)$/;

export class ClientBindings {
  /** Receiver text (`s`, `self.session`) → the client library of the instance. */
  private readonly instances = new Map<string, PythonClient>();

  /** The user's own request functions (`apiDoctor.clients`, `.api-doctor.jsonc`) by callee text. */
  private readonly custom = new Map<string, number>();
  private readonly customLast = new Set<string>();

  constructor(private readonly imports: Imports, custom: readonly CustomClient[] = []) {
    for (const c of custom) {
      this.custom.set(c.function, c.urlArg);
      this.customLast.add(c.function.split('.').pop()!);
    }
  }

  /** The client a constructor call makes (`requests.Session()`), if it is one. */
  constructorClient(value: SyntaxNode | null | undefined): PythonClient | undefined {
    if (value?.type !== 'call') return undefined;
    const fn = value.childForFieldName('function');
    const last = fn ? lastName(fn) : undefined;
    if (!last || !CONSTRUCTOR_NAMES.has(last.split('.').pop()!) && !this.imports.isImported(last)) return undefined;
    const name = fn ? this.imports.canonical(fn) : undefined;
    return name ? CONSTRUCTORS[name] : undefined;
  }

  /** `s = requests.Session()`, `with httpx.Client() as c`, `self.http = urllib3.PoolManager()`. */
  bind(target: SyntaxNode, value: SyntaxNode | null | undefined): void {
    const client = this.constructorClient(value);
    const key = dottedText(target);
    if (client && key) this.instances.set(key, client);
  }

  /** `session: aiohttp.ClientSession` in a signature. */
  bindAnnotation(name: string, type: SyntaxNode): void {
    const client = CONSTRUCTORS[this.imports.canonical(type.namedChildren[0] ?? type) ?? ''];
    if (client) this.instances.set(name, client);
  }

  private receiverClient(receiver: SyntaxNode): PythonClient | undefined {
    const key = dottedText(receiver);
    if (!key) return undefined;
    const known = this.instances.get(key);
    if (known) return known;
    // `requests.Session().get(…)` written in one expression.
    if (receiver.type === 'call') return this.constructorClient(receiver);
    const path = key.split('.');
    const last = path[path.length - 1];
    // `request.session` in Flask or Django is the incoming request's session, not a client.
    if (!USUAL_RECEIVERS.test(last) || this.imports.isImported(path[0]) || path.some((p) => /^(request|req)$/.test(p))) return undefined;
    for (const lib of ['aiohttp', 'httpx', 'requests', 'urllib3'] as const) if (this.imports.modules.has(lib)) return lib;
    return undefined;
  }

  /** The client, the function's name and whether the method comes first, for a callee. */
  classifyCallee(fn: SyntaxNode, last = lastName(fn)): { client: PythonClient; name: string; methodArg: boolean; guessed?: boolean; urlArg?: number } | undefined {
    if (!last) return undefined;
    if (this.customLast.has(last)) {
      const urlArg = this.custom.get(dottedText(fn) ?? '');
      if (urlArg !== undefined) return { client: 'custom', name: last, methodArg: false, urlArg };
    }
    const imported = fn.type === 'identifier' ? this.imports.fullName(last) : undefined;
    if (!LAST_NAMES.has(imported ? imported.split('.').pop()! : last)) return undefined;
    const full = this.imports.canonical(fn);
    const known = full ? FUNCTIONS[full] : undefined;
    if (known) return { client: known.client, name: full!.split('.').pop()!, methodArg: known.methodArg ?? false };
    if (fn.type !== 'attribute') return undefined;
    const receiver = fn.childForFieldName('object');
    const name = fn.childForFieldName('attribute')?.text;
    if (!receiver || !name) return undefined;
    const client = this.receiverClient(receiver);
    if (!client) return undefined;
    const guessed = !this.instances.has(dottedText(receiver) ?? '') && receiver.type !== 'call';
    if (name === 'request' || name === 'stream' || (client === 'urllib3' && name === 'urlopen')) return { client, name, methodArg: true, guessed };
    if (client === 'urllib3' && VERBS.has(name)) return undefined;
    if (VERBS.has(name) || (client === 'aiohttp' && name === 'ws_connect')) return { client, name, methodArg: false, guessed };
    return undefined;
  }

  /** `httpx.Client(base_url=…, params=…, headers=…)`: query parameters every request of the client sends. */
  classifyConstructor(call: SyntaxNode): RequestCallShape | undefined {
    if (this.constructorClient(call) !== 'httpx') return undefined;
    const args = callArguments(call);
    if (!args.keywords.has('params')) return undefined;
    return { client: 'httpx', args, url: args.keywords.get('base_url'), headersKeyword: 'headers', queryKeyword: 'params', config: true };
  }

  classify(call: SyntaxNode, fn = call.childForFieldName('function') ?? undefined, last = fn ? lastName(fn) : undefined): RequestCallShape | undefined {
    const callee = fn && last ? this.classifyCallee(fn, last) : undefined;
    if (!callee) return undefined;
    const { client, name, methodArg } = callee;
    let method: string | undefined;
    const args = callArguments(call);
    let url: SyntaxNode | undefined;
    if (methodArg) {
      const m = args.positional[0] ?? args.keywords.get('method');
      const literal = m && /^[rRuU]?(['"])([A-Za-z]+)\1$/.exec(m.text);
      if (literal) method = literal[2].toUpperCase();
      url = args.positional[1] ?? args.keywords.get('url');
    } else if (callee.urlArg !== undefined) {
      url = args.positional[callee.urlArg] ?? args.keywords.get('url');
      const m = callee.urlArg > 0 ? args.positional[0] : undefined;
      const literal = m && /^[rRuU]?(['"])([A-Za-z]+)\1$/.exec(m.text);
      if (literal) method = literal[2].toUpperCase();
    } else {
      url = args.positional[0] ?? args.keywords.get('url') ?? args.keywords.get('uri');
      if (VERBS.has(name)) method = name.toUpperCase();
      else if (name === 'ws_connect' || client === 'websockets' || client === 'websocket-client') method = 'GET';
    }
    // A client only guessed from the receiver's name (`session.get("user")` on a dict) needs a URL-like argument.
    if (callee.guessed && (!url || (/^[rRuU]?(['"])[^/:]*\1$/.test(url.text)))) return undefined;
    const headersKeyword = client === 'websockets' ? (args.keywords.has('additional_headers') ? 'additional_headers' : 'extra_headers')
      : client === 'websocket-client' ? 'header'
        : name === 'urlopen' && client === 'urllib' ? undefined : 'headers';
    const queryKeyword = client === 'urllib3' ? (!method || ['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(method) ? 'fields' : undefined)
      : client === 'urllib' || client === 'websockets' || client === 'websocket-client' ? undefined : 'params';
    return { client, method, url, args, headersKeyword, queryKeyword };
  }
}
