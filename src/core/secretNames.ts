/**
 * Names that say "this is a credential": query parameter names (matched whole, ignoring case, `-`,
 * `_` and `.`), and identifiers/environment variables (matched by their words).
 */
const DEFAULT_SECRET_PARAMS = [
  'apikey', 'key', 'token', 'accesstoken', 'authtoken', 'secret', 'clientsecret', 'password',
  'passwd', 'pwd', 'auth', 'authorization', 'bearer', 'sessiontoken', 'privatekey', 'secretkey',
  'apitoken', 'apisecret', 'xapikey', 'idtoken', 'refreshtoken', 'credentials', 'accesskey', 'appkey',
  'appsecret', 'subscriptionkey', 'jwt', 'sessionid', 'authkey',
];

/** Query parameters that page, search or shape a response: never a credential by their name. */
const HARMLESS_PARAMS = new Set([
  'page', 'perpage', 'pagesize', 'limit', 'offset', 'cursor', 'q', 'query', 'search', 'sort', 'order',
  'orderby', 'filter', 'pagetoken', 'nextpagetoken', 'nexttoken', 'continuationtoken', 'next', 'after',
  'before', 'start', 'end', 'count', 'format', 'fields', 'lang', 'language', 'locale', 'tokentype',
  'responsetype', 'granttype', 'state', 'redirecturi',
]);

export function normaliseParamName(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, '');
}

export function isSecretParamName(name: string, extra: readonly string[] = []): boolean {
  const n = normaliseParamName(name);
  if (n.length === 0) return false;
  return DEFAULT_SECRET_PARAMS.includes(n) || extra.some((e) => normaliseParamName(e) === n);
}

export function isHarmlessParamName(name: string): boolean {
  return HARMLESS_PARAMS.has(normaliseParamName(name));
}

/** `wavesApiKey`, `WAVES_API_KEY`, `api-key` → ['waves', 'api', 'key']. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

const SECRET_WORDS = new Set(['token', 'secret', 'password', 'passwd', 'pwd', 'apikey', 'credential', 'credentials', 'bearer', 'jwt', 'pat', 'passphrase']);
/**
 * Words before `key` that make it something other than a credential (`cacheKey`, `sortKey`); any
 * other qualifier (`apiKey`, `wavesKey`, `stripeKey`) reads as a credential. A bare `key` does not.
 */
const NON_SECRET_KEY_QUALIFIERS = new Set([
  'cache', 'primary', 'sort', 'partition', 'foreign', 'map', 'object', 'storage', 'idempotency', 'hot', 'public', 'row',
  'column', 'react', 'unique', 'composite', 'lookup', 'dedupe', 'dedup', 'group', 'i18n', 'translation', 'message',
  'route', 'query', 'local', 'config', 'setting', 'settings', 'property', 'prop', 'item', 'list', 'data', 'state', 'event',
  'action', 'hash', 'bucket', 'image', 'asset', 'shortcut', 'keyboard', 'enter', 'escape', 'tab', 'meta', 'shift', 'ctrl',
  'alt', 'option', 'modifier', 'dictionary', 'record', 'entry', 'node', 'element', 'component', 'render', 'child',
  'parent', 'table', 'db', 'redis', 'lock', 'queue', 'job', 'task', 'counter', 'metric', 'tag', 'locale', 'sub', 'next',
  'prev', 'previous', 'current', 'new', 'old', 'sorted', 'selected', 'active', 'default', 'form', 'input', 'field',
  'request', 'response', 'result', 'cell', 'layer', 'slot', 'section', 'menu', 'nav', 'view', 'module', 'model',
  'schema', 'my', 'this', 'that', 'other', 'dict', 'json', 'yaml', 'pk', 'fk', 'sk', 'range', 'time', 'date', 'day',
  'month', 'year', 'week', 'user', 'customer', 'order', 'product', 'cart', 'doc', 'document', 'string', 'str',
  'text', 'value', 'obj', 'lang', 'label', 'cookie', 'header', 'env', 'var', 'path', 'file', 'name', 'type', 'id',
]);
/** Words that turn a secret-looking name into something about the secret, not the secret itself. */
const NOT_A_SECRET = new Set([
  'url', 'uri', 'endpoint', 'header', 'headers', 'name', 'names', 'type', 'types', 'id', 'ids', 'field', 'param', 'params',
  'prefix', 'length', 'len', 'path', 'file', 'label', 'expires', 'expiry', 'expiration', 'expire', 'count', 'index',
  'limit', 'ttl', 'regex', 'pattern', 'placeholder', 'env', 'var', 'page', 'next', 'continuation', 'cursor', 'csrf',
  'xsrf', 'hash', 'hashed', 'input', 'field', 'error', 'valid', 'is', 'has', 'show', 'mask', 'masked', 'min', 'max',
  'reset', 'verify', 'verification', 'invite', 'confirm', 'confirmation', 'magic', 'otp', 'state', 'store', 'storage',
  'service', 'manager', 'provider', 'format', 'schema', 'cache', 'on', 'set', 'get', 'fetch', 'load',
  'parse', 'validate', 'create', 'generate', 'make', 'build', 'handle', 'handler', 'kind', 'keys', 'tokens', 'secrets',
  'lifetime', 'age', 'rotation', 'rotate', 'last', 'used', 'scope', 'scopes',
]);

/**
 * Whether an identifier names a credential value: `apiKey`, `WAVES_API_KEY`, `accessToken`,
 * `clientSecret`. Not `tokenUrl`, `apiKeyHeader`, `cacheKey`, `key`, `pageToken`, `resetToken`.
 */
export function isSecretIdentifier(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  if (words.some((w) => NOT_A_SECRET.has(w))) {
    // `getApiKey()` still returns a key: verbs only disqualify when nothing but the verb is around.
    const verbs = new Set(['get', 'fetch', 'load']);
    if (!(verbs.has(words[0]) && words.slice(1).every((w) => !NOT_A_SECRET.has(w)) && words.length > 1)) return false;
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (SECRET_WORDS.has(w)) return true;
    if (w === 'key' && i > 0 && !NON_SECRET_KEY_QUALIFIERS.has(words[i - 1]) && !/^\d+$/.test(words[i - 1])) return true;
    if (w === 'apikey' || w === 'accesskey' || w === 'secretkey' || w === 'privatekey') return true;
  }
  return false;
}

/** An environment variable that holds a credential: its name has KEY, TOKEN, SECRET or PASSWORD in it. */
export function isSecretEnvName(name: string): boolean {
  return /KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL/i.test(name) && !/(_URL|_URI|_HOST|_ID|_NAME|_PATH|_FILE|_ENDPOINT)$/i.test(name);
}
