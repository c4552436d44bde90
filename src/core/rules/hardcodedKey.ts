/**
 * `hardcoded-key`: a credential written as a literal in source. It leaks with every copy of the
 * repository and cannot be rotated without a code change. Messages only ever show a masked form.
 */
import type { FileFacts, SecretCandidate } from '../model';
import { findKnownKey, looksLikeCredential, maskSecret, type KeyMatch } from '../keyFormats';
import { isSecretIdentifier, nameWords } from '../secretNames';
import type { Finding, Fix } from '../types';

export const HARDCODED_KEY = 'hardcoded-key';

/** Hosts in the file that tell which provider a key of that shape belongs to. */
const PROVIDER_HOSTS: [RegExp, RegExp, string][] = [
  [/smallest\.ai/, /^sk_(?!live_|test_)/, 'WAVES_API_KEY'],
  [/specala\.ai/, /^sk_(?:live|test)_/, 'SPECALA_API_KEY'],
  [/api\.stripe\.com/, /^(?:sk|rk)_(?:live|test)_/, 'STRIPE_SECRET_KEY'],
  [/api\.openai\.com/, /^sk-/, 'OPENAI_API_KEY'],
];

function providerEnvFor(key: string, text: string): string | undefined {
  return PROVIDER_HOSTS.find(([host, shape]) => shape.test(key) && host.test(text))?.[2];
}
const GENERIC_WORDS = new Set(['api', 'key', 'apikey', 'token', 'secret', 'access', 'auth', 'my', 'the', 'default', 'bearer', 'private', 'client']);

export function checkHardcodedKeys(facts: FileFacts, text: string): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<number>();
  for (const c of facts.literals) {
    if (seen.has(c.span.start)) continue;
    const known = findKnownKey(c.value);
    const named = !known && c.boundName !== undefined && isSecretIdentifier(c.boundName) && looksLikeCredential(c.value);
    if (!known && !named) continue;
    seen.add(c.span.start);
    const key = known ? known.key : c.value;
    // Point at the key itself when the literal has no escapes (offsets map one to one).
    const raw = text.slice(c.span.start + 1, c.span.end - 1);
    const exact = raw === c.value;
    const at = known && exact ? c.span.start + 1 + known.index : exact ? c.span.start + 1 : c.span.start;
    const end = exact ? at + key.length : c.span.end;
    const what = known ? `A ${known.format.label} (${maskSecret(key)})` : `A credential (${maskSecret(key)}) assigned to "${c.boundName}"`;
    findings.push({
      ruleId: HARDCODED_KEY, severity: 'warning',
      message: `${what} is written in the source. Anyone with the code has the key, and rotating it needs a code change. Read it from the environment or a secret store instead.`,
      start: at, end,
      fix: facts.isNode ? envFix(c, known, text, envNameForCandidate(c, text)) : undefined,
    });
  }
  return findings;
}

/**
 * The environment variable a fix should read a candidate's key from: from its name, the key's
 * format, or the provider whose host the file calls. Every language's fix uses the same name.
 */
export function envNameForCandidate(c: SecretCandidate, text: string): string {
  const known = findKnownKey(c.value);
  return envNameFor(c.boundName, known, providerEnvFor(known ? known.key : c.value, text));
}

/** `wavesApiKey` → WAVES_API_KEY; a generic name (`apiKey`) takes the provider's name when known. */
export function envNameFor(boundName: string | undefined, known: KeyMatch | undefined, hostEnv: string | undefined): string {
  const usable = boundName !== undefined && isSecretIdentifier(boundName) ? nameWords(boundName) : undefined;
  const providerEnv = known && known.format.envName !== 'API_KEY' && known.format.envName !== 'API_TOKEN' ? known.format.envName : hostEnv;
  // `awsKey` with an AKIA… key → AWS_ACCESS_KEY_ID: the provider's usual name says at least as much.
  const providerWords = providerEnv ? new Set(providerEnv.toLowerCase().split('_')) : undefined;
  if (usable && !(providerWords && usable.every((w) => GENERIC_WORDS.has(w) || providerWords.has(w)))) return usable.join('_').toUpperCase();
  return providerEnv ?? (usable ? usable.join('_').toUpperCase() : known?.format.envName ?? 'API_KEY');
}

function envFix(c: SecretCandidate, known: KeyMatch | undefined, text: string, name: string): Fix | undefined {
  if (c.fallback) return { title: 'Remove the key kept as a fallback', edits: [{ start: c.fallback.start, end: c.fallback.end, newText: '' }] };
  const env = `process.env.${name}`;
  const title = `Read the key from ${env}`;
  const raw = text.slice(c.span.start + 1, c.span.end - 1);
  if (!known || known.key === c.value) return { title, edits: [{ start: c.span.start, end: c.span.end, newText: env }] };
  if (raw !== c.value) return undefined;
  const keyStart = c.span.start + 1 + known.index;
  const keyEnd = keyStart + known.key.length;
  if (c.quote === '`') return { title, edits: [{ start: keyStart, end: keyEnd, newText: `\${${env}}` }] };
  // 'Bearer sk_…' → `Bearer ${process.env.X}`: only when the rest needs no re-escaping.
  const before = c.value.slice(0, known.index);
  const after = c.value.slice(known.index + known.key.length);
  if (/[`\\]|\$\{/.test(before + after)) return undefined;
  return { title, edits: [{ start: c.span.start, end: c.span.end, newText: `\`${before}\${${env}}${after}\`` }] };
}
