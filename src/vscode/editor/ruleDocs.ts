/**
 * What each built-in rule is about, for hovers and the "Show rule documentation" action: what is
 * wrong, why servers reject it and how to fix it. Pure (no `vscode`): strings go through `t`.
 */
import type { Translate } from './translate';

export interface RuleDoc {
  title: string;
  why: string;
  fix: string;
}

/** The rule's section in the README; provider rules (`specala/export-format`) use a `-` for the `/`. */
export function ruleDocsUrl(ruleId: string): string {
  return `https://github.com/api-doctor/api-doctor#rule-${ruleId.replace(/[^A-Za-z0-9-]+/g, '-').toLowerCase()}`;
}

export function ruleDoc(ruleId: string, t: Translate): RuleDoc | undefined {
  switch (ruleId) {
    case 'key-in-url':
      return {
        title: t('Credential in the URL'),
        why: t('Query strings are copied into server and proxy logs, browser history and Referer headers, so a key there leaks. Many APIs refuse such keys with 401 even when the key itself is valid.'),
        fix: t('Send the key in the Authorization header (or the header the provider documents) and drop it from the query string.'),
      };
    case 'bearer-format':
      return {
        title: t('Malformed Bearer header'),
        why: t('Servers compare the header byte for byte: a missing "Bearer " scheme, quotes around the key, a doubled space or a trailing newline makes a valid key look wrong, and the answer is 401.'),
        fix: t('Send exactly "Bearer " followed by the bare key: no quotes, no extra whitespace, the scheme spelled once.'),
      };
    case 'retry-without-backoff':
      return {
        title: t('Retry without backoff'),
        why: t('Retrying at once, or after a fixed short pause, keeps a rate-limited or failing server busy: every attempt counts against the limit, so the loop earns more 429s and may get the key throttled for longer.'),
        fix: t('Wait longer after each failure (for example 500 ms doubling up to 30 s, with random jitter), honour the Retry-After header, and stop after a few attempts.'),
      };
    case 'retry-after-ignored':
      return {
        title: t('Retry-After ignored'),
        why: t('A rate-limited API says in Retry-After how long to wait (seconds or an HTTP date). Retrying earlier than that is refused again and counts against the limit.'),
        fix: t('Wait as long as Retry-After says (capped), and fall back to the exponential backoff when the header is missing.'),
      };
    case 'hardcoded-key':
      return {
        title: t('Hard-coded API key'),
        why: t('A key written into source code ends up in version control, builds and screenshots; once leaked, the provider or a scanner revokes it and every call fails with 401.'),
        fix: t('Read the key from an environment variable or a secret store, and rotate the key that was committed.'),
      };
    case 'specala/export-format':
      return {
        title: t('Specala export format not md or txt'),
        why: t('Specala writes transcription exports as Markdown (md) or plain text (txt) only. Any other format, in the single export\'s query or in the bulk export\'s body, is refused with 422 before anything is exported.'),
        fix: t('Ask for md or txt, and convert the file yourself if you need another format.'),
      };
    case 'specala/export-ids':
      return {
        title: t('Specala bulk export id list'),
        why: t('The bulk export takes between 1 and 100 transcription ids per request. A missing or empty list, or a longer one, is refused with 422.'),
        fix: t('Send at least one id, and split longer lists into batches of at most 100 ids.'),
      };
    case 'specala/bulk-export':
      return {
        title: t('Single exports in a loop'),
        why: t('Every single export is one request against the data endpoints\' rate limit (500 requests a minute per key). Exporting a long list one by one uses it up fast and ends in 429 responses.'),
        fix: t('Send one bulk export (POST /transcriptions/export) with up to 100 ids per request; it returns all of them in one ZIP.'),
      };
    default:
      return undefined;
  }
}
