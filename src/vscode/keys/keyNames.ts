/**
 * Names and masks of stored keys. Pure: the key store and the tests use it. A key id says what the
 * key is bound to: `provider:<catalog id>` (the provider's hosts) or `host:<host[:port]>`.
 */
import { MASK } from '../../catalog/redact';

export type KeyTarget = { kind: 'provider'; provider: string } | { kind: 'host'; host: string };

export function keyId(target: KeyTarget): string {
  return target.kind === 'provider' ? `provider:${target.provider}` : `host:${target.host.toLowerCase()}`;
}

export function parseKeyId(id: string): KeyTarget | undefined {
  const m = /^(provider|host):(.+)$/.exec(id);
  if (!m) return undefined;
  return m[1] === 'provider' ? { kind: 'provider', provider: m[2] } : { kind: 'host', host: m[2] };
}

/**
 * A host as typed by the user (`api.example.com`, `127.0.0.1:8787`, or a pasted URL) reduced to
 * `host[:port]` in lower case, or undefined when it is not a host.
 */
export function normaliseHost(input: string): string | undefined {
  const t = input.trim();
  if (!t) return undefined;
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`);
    if (!u.hostname || u.username || u.password) return undefined;
    if (!/^https?:\/\//i.test(t) && /[/?#]/.test(t)) return undefined;
    return u.host.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * What the user sees instead of a key: the known prefix (`sk_live_`) and the last four characters,
 * which tell two keys apart without giving either away. Short keys show no characters at all.
 */
export function maskKey(key: string): string {
  const k = key.trim();
  const prefix = /^((?:sk|pk|rk)_(?:live_|test_)?)/.exec(k)?.[1] ?? '';
  const rest = k.slice(prefix.length);
  if (rest.length < 16) return `${prefix}${MASK}`;
  return `${prefix}${MASK}${rest.slice(-4)}`;
}
