/**
 * What the request itself shows about a failure: a key in the query string, a malformed
 * Authorization header, a key of another product. Each finding names an EvidenceTag that catalog
 * causes refer to, with a sentence saying what was seen (secrets masked).
 */
import { isSecretParamName } from '../core/secretNames';
import { getHeader } from './headers';
import { GENERIC_CATALOG_ID, parseUrl, providerForKey } from './match';
import { MASK } from './redact';
import type { Catalog, EvidenceTag, HeaderBag } from './types';

export type Evidence = Partial<Record<EvidenceTag, string>>;

export interface EvidenceInput {
  method?: string;
  url?: string;
  requestHeaders?: HeaderBag;
}

/** The key as sent: from the auth header (scheme and quotes stripped) or from the query. */
export function sentKey(input: EvidenceInput, provider?: Catalog): string | undefined {
  const header = provider?.auth?.header ?? 'Authorization';
  const value = getHeader(input.requestHeaders, header) ?? getHeader(input.requestHeaders, 'Authorization');
  if (value !== undefined) {
    const v = value.trim().replace(/^[A-Za-z]+\s+/, '').trim();
    return v.replace(/^["']|["']$/g, '').trim() || undefined;
  }
  const query = parseUrl(input.url)?.query ?? [];
  return query.find(([k]) => isSecretParamName(k))?.[1];
}

function isWebSocket(input: EvidenceInput): boolean {
  const p = parseUrl(input.url);
  return p?.protocol === 'ws' || p?.protocol === 'wss' || /^upgrade$/i.test(getHeader(input.requestHeaders, 'connection') ?? '');
}

export function findEvidence(input: EvidenceInput, provider: Catalog | undefined, catalogs: readonly Catalog[]): Evidence {
  const ev: Evidence = {};
  const url = parseUrl(input.url);
  const auth = provider?.auth;

  const secretParam = url?.query.find(([k]) => isSecretParamName(k));
  if (secretParam) {
    const allowedToken = auth?.queryToken && secretParam[0] === auth.queryToken.param && (!auth.queryToken.websocketOnly || isWebSocket(input));
    if (!allowedToken) ev['key-in-query'] = `The URL carries a credential in its query string (\`${secretParam[0]}=${MASK}\`).`;
  }

  const headerName = auth?.header ?? 'Authorization';
  const scheme = auth?.scheme ?? 'Bearer';
  const value = getHeader(input.requestHeaders, headerName);
  if (input.requestHeaders !== undefined) {
    if (value === undefined || value.trim() === '') {
      if (!(ev['key-in-query'] || (secretParam && isWebSocket(input)))) ev['bearer-missing'] = `The request has no \`${headerName}\` header${value !== undefined ? ' value' : ''}.`;
    } else if (scheme) {
      const m = /^(\s*)(\S+)(\s*)([\s\S]*)$/.exec(value)!;
      const [, , first, gap, rest] = m;
      if (first.toLowerCase() !== scheme.toLowerCase() || rest === '') {
        ev['bearer-no-scheme'] = `The \`${headerName}\` header does not start with \`${scheme} \`.`;
      } else {
        if (gap.length > 1 || /^\s/.test(rest)) ev['bearer-extra-space'] = `There is more than one space after \`${scheme}\`.`;
        if (/^["'`]|["'`]\s*$/.test(rest)) ev['bearer-quoted'] = `The key in the \`${headerName}\` header is wrapped in quotes.`;
      }
      if (/\s$/.test(value) || /[\r\n\t]/.test(value)) ev['bearer-trailing-space'] = `The \`${headerName}\` value ends with whitespace or holds a line break.`;
    } else if (/\s$/.test(value)) {
      ev['bearer-trailing-space'] = `The \`${headerName}\` value ends with whitespace.`;
    }
  }

  const key = sentKey(input, provider);
  if (key && provider) {
    const own = provider.match.keyPrefixes ?? [];
    const foreign = (auth?.foreignKeyPrefixes ?? []).find((f) => key.startsWith(f.prefix));
    // A longer prefix of another catalog means the key belongs to that other provider.
    const other = providerForKey(catalogs.filter((c) => c.id !== provider.id && c.id !== GENERIC_CATALOG_ID), key);
    const ownBest = own.filter((p) => key.startsWith(p)).reduce((a, p) => Math.max(a, p.length), 0);
    if (foreign) ev['wrong-product-key'] = `The key starts with \`${foreign.prefix}\`, the prefix of ${foreign.product} keys.`;
    else if (other && other.prefix.length > ownBest) ev['wrong-product-key'] = `The key starts with \`${other.prefix}\`, the prefix of ${other.catalog.name} keys, not ${provider.name} keys.`;
    if (own.length > 0 && ownBest === 0) {
      const looksLike = foreign?.product ?? (other ? other.catalog.name : undefined);
      ev['key-wrong-prefix'] = `The key does not start with ${own.map((p) => `\`${p}\``).join(' or ')} as ${provider.name} keys do${looksLike ? ` (it looks like a ${looksLike} key)` : ''}.`;
    }
  }
  return ev;
}

/**
 * The tags this request lets us check: a cause with one of them that was not seen is ruled out
 * (the header is there, the URL holds no key). `wrong-product-key` is never ruled out: other
 * products' key prefixes are not all known.
 */
export function checkedEvidence(input: EvidenceInput, provider: Catalog | undefined): Set<EvidenceTag> {
  const checked = new Set<EvidenceTag>();
  if (parseUrl(input.url)) checked.add('key-in-query');
  if (input.requestHeaders !== undefined) {
    for (const tag of ['bearer-missing', 'bearer-no-scheme', 'bearer-quoted', 'bearer-trailing-space', 'bearer-extra-space'] as const) checked.add(tag);
  }
  if (provider?.match.keyPrefixes?.length && sentKey(input, provider)) checked.add('key-wrong-prefix');
  return checked;
}

