/**
 * Credential formats recognisable by their shape, placeholder detection and masking. Shared by
 * `hardcoded-key` (a literal key in source) and `key-in-url` (a literal key in a query string).
 */

export interface KeyFormat {
  /** What the key is, in words for a message. */
  label: string;
  /** The environment variable a fix reads instead, when nothing better is known. */
  envName: string;
  pattern: RegExp;
}

export const KEY_FORMATS: readonly KeyFormat[] = [
  { label: 'live/test secret key', envName: 'API_KEY', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{8,}/ },
  { label: 'publishable key', envName: 'PUBLISHABLE_KEY', pattern: /\bpk_(?:live|test)_[A-Za-z0-9]{8,}/ },
  { label: 'sk_ secret key', envName: 'API_KEY', pattern: /\bsk_(?!live_|test_)[A-Za-z0-9_]{16,}/ },
  { label: 'OpenAI-style secret key', envName: 'OPENAI_API_KEY', pattern: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/ },
  { label: 'AWS access key id', envName: 'AWS_ACCESS_KEY_ID', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { label: 'GitHub token', envName: 'GITHUB_TOKEN', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/ },
  { label: 'Slack token', envName: 'SLACK_TOKEN', pattern: /\bxox[abpr]-[A-Za-z0-9-]{10,}/ },
  { label: 'Google API key', envName: 'GOOGLE_API_KEY', pattern: /\bAIza[0-9A-Za-z_-]{35}/ },
  { label: 'GitLab token', envName: 'GITLAB_TOKEN', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/ },
  { label: 'SendGrid key', envName: 'SENDGRID_API_KEY', pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/ },
  { label: 'npm token', envName: 'NPM_TOKEN', pattern: /\bnpm_[A-Za-z0-9]{36}/ },
  { label: 'JSON Web Token', envName: 'API_TOKEN', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
];

export interface KeyMatch {
  format: KeyFormat;
  /** Index of the key in the searched text. */
  index: number;
  key: string;
}

/** The first credential of a known format in `text` that is not a placeholder. */
export function findKnownKey(text: string): KeyMatch | undefined {
  for (const format of KEY_FORMATS) {
    const m = format.pattern.exec(text);
    if (m && !isPlaceholder(m[0])) return { format, index: m.index, key: m[0] };
  }
  return undefined;
}

const PLACEHOLDER_WORDS = /your|<[^>]*>|\{[^}]*\}|x{3,}|example|dummy|changeme|change_me|placeholder|sample|redacted|replace|insert|fake|\*{3,}|\.{3}|here|todo|secret_key_goes|test_key|abc123|123456|000000|aaaaaa/i;

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** The part of a key after a known prefix (`sk_live_`, `ghp_`, `AKIA`…). */
function keyBody(key: string): string {
  const m = /^(?:(?:sk|rk|pk)_(?:live|test)_|sk_|sk-(?:proj-|ant-)?|gh[pousr]_|github_pat_|xox[abpr]-|AIza|glpat-|SG\.|npm_|AKIA|ASIA)/.exec(key);
  return m ? key.slice(m[0].length) : key;
}

/** `sk_test_xxxxxxxx`, `your_key_here`, `<KEY>`, `sk_live_...`, all-letter or low-entropy strings. */
export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_WORDS.test(value)) return true;
  const body = keyBody(value).replace(/[-_.]/g, '');
  if (body.length === 0 || /^[xX*.#0]+$/.test(body)) return true;
  if (/^[A-Za-z]+$/.test(body)) return true;
  if (/^\d+$/.test(body)) return true;
  return entropy(body) < 3;
}

/**
 * A literal that could be a credential bound to a secret-looking name: long enough, no spaces, not
 * a URL, path or environment-variable name, mixed characters, high entropy, not a placeholder.
 */
const WORD_PIECE = /[A-Z][a-z]+|[a-z]{2,}|[A-Z]{2,}(?![a-z])|\d{1,3}|[-_:./ ]|V\d/g;

export function looksLikeCredential(value: string): boolean {
  if (value.length < 16 || value.length > 512) return false;
  if (/\s/.test(value) || value.includes('://') || value.startsWith('/') || value.startsWith('.')) return false;
  if (/^[A-Z][A-Z0-9_]*$/.test(value)) return false;
  if (/^[a-z]+([-_.][a-z]+)*$/i.test(value)) return false;
  // Made of words (`FlowPasswordRequiredResultV2`, `msal:acquireTokenStart`, `token_sha256_to_refresh`): a name, not a key.
  // Removing the word pieces left to right and checking nothing is left is linear; the same test
  // as one anchored `(…|…)+` pattern backtracks exponentially on long near-misses.
  if (/[A-Za-z]{4,}/.test(value) && value.replace(WORD_PIECE, '') === '') return false;
  if (!/[0-9]/.test(value) && !(/[a-z]/.test(value) && /[A-Z]/.test(value))) return false;
  if (isPlaceholder(value)) return false;
  return entropy(value) >= 3.5;
}

/** First 4 characters + `…` + last 2 for long keys, less for short ones; never the whole key. */
export function maskSecret(value: string): string {
  if (value.length >= 16) return `${value.slice(0, 4)}…${value.slice(-2)}`;
  if (value.length >= 8) return `${value.slice(0, 2)}…`;
  return '…';
}
