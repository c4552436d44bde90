/** Query parameter names that carry credentials. Matched case-insensitively, `-` and `_` ignored. */
const DEFAULT_SECRET_PARAMS = [
  'apikey', 'key', 'token', 'accesstoken', 'authtoken', 'secret', 'clientsecret', 'password',
  'passwd', 'pwd', 'auth', 'authorization', 'bearer', 'sessiontoken', 'privatekey', 'secretkey',
  'apitoken', 'apisecret', 'xapikey', 'idtoken', 'refreshtoken', 'signature', 'sig', 'credentials',
];

export function normaliseParamName(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, '');
}

export function isSecretParamName(name: string, extra: readonly string[] = []): boolean {
  const n = normaliseParamName(name);
  if (n.length === 0) return false;
  return DEFAULT_SECRET_PARAMS.includes(n) || extra.some((e) => normaliseParamName(e) === n);
}
