/**
 * The lines the Request Runner writes to the API Doctor output channel. Every one goes through
 * `safeLogLine`: the stored key in use is masked wherever it appears (typed into the URL, a header,
 * the body, or echoed in an error), then anything shaped like a credential is masked too (key
 * prefixes, `Bearer …`, `api_key=…`), since error messages from the network stack may quote a URL.
 */
import { redactText, redactUrl } from '../../catalog/redact';
import type { FailureKind } from '../../http/types';
import { maskSecrets } from './responseView';

export function safeLogLine(line: string, secrets: readonly string[]): string {
  return redactText(maskSecrets(line, secrets));
}

export function sendingLine(method: string, url: string, secretParamNames: readonly string[], secrets: readonly string[], retryAttempts: number | null): string {
  const retry = retryAttempts === null ? '' : ` (retry with backoff, up to ${retryAttempts} attempts)`;
  // An unparsable URL is not logged: the runner reads no key for it, so a key typed there has no known value to mask.
  const shown = URL.canParse(url) ? redactUrl(url, secretParamNames) : '(a URL that cannot be parsed)';
  return safeLogLine(`${method} ${shown}${retry}`, secrets);
}

export function failedLine(kind: FailureKind, detail: string, secrets: readonly string[]): string {
  return safeLogLine(`→ failed (${kind}): ${detail}`, secrets);
}

/** Only the host: the key was not read, so a key typed into the path or query could not be masked by value. */
export function notSentLine(method: string, url: string): string {
  let host = 'an invalid URL';
  try {
    host = new URL(url).host;
  } catch {
    // Said as such; the URL itself is not logged.
  }
  return safeLogLine(`${method} to ${host}: not sent (restricted workspace, not confirmed)`, []);
}

/** An error the runner caught on the way (pre-flight lint, a panel action); its message may quote the request. */
export function errorLine(what: string, error: unknown, secrets: readonly string[]): string {
  return safeLogLine(`${what}: ${error instanceof Error ? error.message : String(error)}`, secrets);
}
