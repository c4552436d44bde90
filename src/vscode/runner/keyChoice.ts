/**
 * Which stored key a request uses, and where that key may go. Pure: the runner, the pre-flight and
 * the tests share it.
 */
import { findProvider } from '../../catalog/match';
import type { Catalog } from '../../catalog/types';
import { AUTO_KEY, NO_KEY, type KeyChoice } from '../../protocol/request';
import { parseKeyId } from '../keys/keyNames';

/** Hosts a key id may be sent to: the provider's catalog hosts, or the host itself. */
export function hostsForKey(id: string, catalogs: readonly Catalog[]): string[] {
  const target = parseKeyId(id);
  if (!target) return [];
  if (target.kind === 'host') return [target.host];
  return catalogs.find((c) => c.id === target.provider)?.match.hosts ?? [];
}

function urlHost(url: string): { host: string; hostname: string } | undefined {
  try {
    const u = new URL(url);
    return { host: u.host.toLowerCase(), hostname: u.hostname.toLowerCase() };
  } catch {
    return undefined;
  }
}

/** The stored key id `auto` stands for: the URL's provider key, else a key for its host (with port first). */
export function resolveKeyChoice(choice: KeyChoice, url: string, stored: readonly string[], catalogs: readonly Catalog[]): string | null {
  if (choice === NO_KEY) return null;
  if (choice !== AUTO_KEY) return choice;
  const provider = findProvider(catalogs, url);
  if (provider && stored.includes(`provider:${provider.id}`)) return `provider:${provider.id}`;
  const h = urlHost(url);
  if (!h) return null;
  for (const id of [`host:${h.host}`, `host:${h.hostname}`]) if (stored.includes(id)) return id;
  return null;
}

/** Whether a key bound to `hosts` may be sent to this URL (`*.example.com` covers subdomains; a port must match when given). */
export function keyMayGoTo(url: string, hosts: readonly string[]): boolean {
  const h = urlHost(url);
  if (!h) return false;
  return hosts.some((raw) => {
    const p = raw.trim().toLowerCase();
    if (p.startsWith('*.')) return h.hostname.endsWith(p.slice(1)) && h.hostname.length > p.length - 1;
    return p.includes(':') && !p.startsWith('[') ? p === h.host : p === h.hostname;
  });
}
