/**
 * What each rule checks, for SARIF's `rules[]` (code-scanning UIs show these next to a result).
 * Rule ids are stable (see DESIGN.md); a rule the table does not know yet still gets an entry
 * built from its id, so a new analyzer rule never breaks the SARIF output.
 */
import type { Severity } from '../../core/types';

export interface RuleDescription {
  short: string;
  full: string;
  level: Severity;
}

const RULES: Record<string, RuleDescription> = {
  'key-in-url': {
    short: 'Credential in a URL query string',
    full:
      'A query parameter whose name marks it as a secret (api_key, token, …) carries a credential in the URL. ' +
      'URLs end up in server and proxy logs, browser history and Referer headers, and many APIs refuse keys there. ' +
      'Send the credential in a header such as Authorization instead.',
    level: 'warning',
  },
  'bearer-format': {
    short: 'Malformed Bearer authorization value',
    full:
      'The Authorization header value does not have the form "Bearer <token>": the scheme is missing, misspelled, ' +
      'doubled or not followed by exactly one space. Servers answer such requests with 401.',
    level: 'warning',
  },
  'retry-without-backoff': {
    short: 'Retry loop without growing delay',
    full:
      'A request is repeated after a failure or a 429/5xx status with no delay, or with a delay that never grows. ' +
      'Tight retries make rate limiting worse; wait longer after each attempt and honour Retry-After.',
    level: 'warning',
  },
  'retry-after-ignored': {
    short: 'Retry-After header not honoured',
    full:
      'A retry after a 429 or 503 answer waits a delay of its own and never reads the Retry-After header the ' +
      'server sent. Retrying before that time is usually refused again; wait at least as long as the header says.',
    level: 'warning',
  },
  'hardcoded-key': {
    short: 'API key written in the source',
    full:
      'A value that looks like a real API key is written in the code. Anyone with the source can use it, and it ' +
      'stays in version history. Read it from the environment or a secret store instead.',
    level: 'warning',
  },
};

export function describeRule(ruleId: string, seenSeverity: Severity): RuleDescription {
  return RULES[ruleId] ?? { short: `API Doctor rule ${ruleId}`, full: `Findings of the API Doctor rule ${ruleId}.`, level: seenSeverity };
}

export function helpUri(ruleId: string): string {
  return `https://github.com/api-doctor/api-doctor#rule-${ruleId}`;
}
