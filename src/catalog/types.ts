/**
 * The typed shape of a provider catalog (catalogs/*.jsonc) and of a decoded error. Pure data: the
 * linter, the request runner, the CLI and the editor all read these records.
 */

/** What in the request can point at a cause; the decoder looks for these before ranking causes. */
export type EvidenceTag =
  | 'key-in-query'
  | 'bearer-missing'
  | 'bearer-quoted'
  | 'bearer-trailing-space'
  | 'bearer-no-scheme'
  | 'bearer-extra-space'
  | 'key-wrong-prefix'
  | 'wrong-product-key';

/** Also the ranking order: when several show at once, the earlier one is the likelier cause. */
export const EVIDENCE_TAGS: readonly EvidenceTag[] = [
  'key-in-query', 'bearer-missing', 'wrong-product-key', 'bearer-no-scheme', 'bearer-quoted',
  'bearer-trailing-space', 'bearer-extra-space', 'key-wrong-prefix',
];

export interface Cause {
  /** Stable within its entry, e.g. `key-rotated`. */
  id: string;
  text: string;
  /** Set when the request itself can show this cause. */
  evidence?: EvidenceTag;
  /** The fix for this cause; listed first when the request shows the cause. */
  fix?: string;
}

/** What one status code or one error code means, and what to do about it. */
export interface ErrorEntry {
  title: string;
  meaning: string;
  causes: Cause[];
  fixes: string[];
  retryable: boolean;
}

/** An error code found in a response body (`detail.code`, `error.code`, XML `<Code>`, a `detail` string). */
export interface CodeEntry extends ErrorEntry {
  /** Status codes this code comes with; informative, a code found in the body wins over its status. */
  statuses?: number[];
  /** Other spellings of the same error as they appear in messages, matched ignoring case and a final period. */
  messages?: string[];
}

export interface ProviderMatch {
  /** Host names, exact or `*.example.com` (any subdomain). No regular expressions. */
  hosts: string[];
  /** Plain URL prefixes such as `https://app.example.com/api/v1/`. */
  urlPrefixes?: string[];
  /** Key prefixes such as `sk_` or `sk_live_`; longest wins when several catalogs match. */
  keyPrefixes?: string[];
}

export interface AuthInfo {
  /** Header that carries the key, e.g. `Authorization`. */
  header: string;
  /** Scheme before the key, e.g. `Bearer`; empty when the header holds the bare key. */
  scheme: string;
  /** Query parameter allowed only for browser WebSocket handshakes (they cannot set headers). */
  queryToken?: { param: string; websocketOnly: boolean };
  /** True when the provider refuses keys in the query string of plain HTTP calls. */
  keyInQueryRejected: boolean;
  /** Key prefixes of other products of the same vendor; a key with one of them gets `wrong-product-key`. */
  foreignKeyPrefixes?: Array<{ prefix: string; product: string }>;
}

export interface RateLimit {
  /** Stable id, e.g. `data`, `key-management`. */
  surface: string;
  label: string;
  requests: number;
  perSeconds: number;
  /** Path globs over the URL's path: `*` is one segment, `**` any number of segments. */
  paths: string[];
  methods?: string[];
}

export interface RetryPolicy {
  firstDelayMs: number;
  factor: number;
  capMs: number;
  honourRetryAfter: boolean;
  /** How many times a 500-class error is worth retrying before a ticket. */
  serverErrorRetries: number;
  /** Status codes worth another attempt besides 5xx. */
  retryStatuses: number[];
}

export interface TicketItem {
  id: string;
  label: string;
  /** Filled from the request or response; `blank` leaves a line for the user to fill in. */
  source: 'request-id' | 'method' | 'url' | 'request-body' | 'status' | 'response-body' | 'timestamp' | 'blank';
}

/** A check on a request that can be made before it is sent (the linter and the runner's pre-flight). */
export interface EndpointConstraint {
  /** Rule id, `<provider>/<rule>`, e.g. `specala/export-format`. */
  rule: string;
  method: string;
  /** Path glob, as in RateLimit.paths. */
  path: string;
  in: 'query' | 'body';
  name: string;
  oneOf?: string[];
  minItems?: number;
  maxItems?: number;
  /** When true, leaving the field out is a problem too. */
  required?: boolean;
  /** `{value}` is replaced by the value sent (masked, shortened), `{count}` by a list's length. */
  message: string;
}

/** A pattern the linter can point out: many calls to `loop` should be one call to `instead`. */
export interface RequestHint {
  rule: string;
  loop: { method: string; path: string };
  instead: { method: string; path: string };
  message: string;
}

export interface Catalog {
  /** `waves`, `specala`; `http` is the generic catalog used for hosts no other catalog knows. */
  id: string;
  name: string;
  docs?: string;
  match: ProviderMatch;
  auth?: AuthInfo;
  rateLimits?: RateLimit[];
  retry?: RetryPolicy;
  /** Keyed by status code (`"401"`) or class (`"5xx"`). */
  statuses: Record<string, ErrorEntry>;
  /** Keyed by the code as it appears in bodies (`api_access_denied`, `NoSuchKey`, `Invalid API key`). */
  codes?: Record<string, CodeEntry>;
  ticket?: TicketItem[];
  constraints?: EndpointConstraint[];
  hints?: RequestHint[];
  /** The file it came from, set by the loader (not part of the JSONC). */
  source?: string;
}

export interface CatalogError {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, UTF-16 code units. */
  column: number;
  message: string;
}

export interface LoadResult {
  catalog?: Catalog;
  errors: CatalogError[];
}

/** Header values as undici, Node and the pasted-text parser give them. */
export type HeaderBag = Record<string, string | string[] | undefined> | ReadonlyArray<readonly [string, string]>;

export interface DecodeInput {
  method?: string;
  url?: string;
  status: number;
  /** Response headers. */
  headers?: HeaderBag;
  /** Response body; bytes are read as UTF-8 when they look like text. */
  body?: string | Uint8Array;
  /** What was sent, for evidence (Authorization header) and the ticket (redacted body). */
  request?: { headers?: HeaderBag; body?: string };
  /** 1 for the first failure; the wait grows with it. Default 1. */
  attempt?: number;
  /** Clock for HTTP-date Retry-After and the ticket's timestamp (tests pass a fixed one). */
  now?: Date;
}

export interface RankedCause extends Cause {
  /** What in this request points at the cause, when something does. */
  seen?: string;
}

export interface Diagnosis {
  /** Catalog id, or null when no catalog recognised the URL. */
  provider: string | null;
  providerName: string | null;
  status: number;
  /** Machine code or `detail` string from the body, or null. */
  code: string | null;
  /** Human message from the body when there is one, trimmed and redacted. */
  message: string | null;
  title: string;
  meaning: string;
  causes: RankedCause[];
  fixes: string[];
  retry: {
    retryable: boolean;
    /** Milliseconds to wait before the next attempt, or null when not retryable. */
    afterMs: number | null;
    /** Where afterMs came from. */
    basis: 'retry-after' | 'policy' | 'none';
  };
  requestId: string | null;
  /** The rate-limit surface the URL falls under, when the catalog knows it. */
  rateLimit: RateLimit | null;
  docs: string | null;
  /** Markdown for a support ticket, every secret masked. */
  ticket: string;
}

/** A problem `checkRequestConstraints` finds before a request is sent. */
export interface ConstraintProblem {
  rule: string;
  message: string;
  in: 'query' | 'body';
  name: string;
}
