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
  'specala/export-format': {
    short: 'Specala export format other than md or txt',
    full:
      'A Specala transcription export (one transcription, or the bulk export) asks for a format the API does not ' +
      'produce. Only md and txt exist; any other value is answered with 422 Unprocessable Entity.',
    level: 'warning',
  },
  'specala/export-ids': {
    short: 'Specala bulk export with an empty or too long id list',
    full:
      'A Specala bulk export sends no ids, an empty list, or more than 100 ids in one request. The API answers ' +
      'such a request with 422; split longer lists into batches of at most 100.',
    level: 'warning',
  },
  'specala/bulk-export': {
    short: 'Single Specala exports in a loop',
    full:
      'Transcriptions are exported one request at a time inside a loop. Each export counts against the rate limit ' +
      'of the data endpoints; one bulk export request takes up to 100 ids and returns them together.',
    level: 'info',
  },
};

export function describeRule(ruleId: string, seenSeverity: Severity): RuleDescription {
  const known = RULES[ruleId];
  if (known) return known;
  // A rule from a user's catalog: its id says which provider it belongs to.
  const slash = ruleId.indexOf('/');
  if (slash > 0) {
    const provider = ruleId.slice(0, slash);
    return {
      short: `${provider} endpoint rule ${ruleId.slice(slash + 1)}`,
      full: `A request breaks an endpoint rule of the "${provider}" provider catalog, or repeats a request that catalog says can be batched.`,
      level: seenSeverity,
    };
  }
  return { short: `API Doctor rule ${ruleId}`, full: `Findings of the API Doctor rule ${ruleId}.`, level: seenSeverity };
}

/** The rule's README section; provider rules (`specala/export-format`) use a `-` for the `/`. */
export function helpUri(ruleId: string): string {
  return `https://github.com/api-doctor/api-doctor#rule-${ruleId.replace(/[^A-Za-z0-9-]+/g, '-').toLowerCase()}`;
}
