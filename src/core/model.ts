/**
 * The language-neutral request-site model. Every front end (JS/TS now; Python, Go, shell, .http
 * later) turns its syntax tree into these records, and the rules only ever read these records.
 * Offsets are UTF-16 code units into the analysed document.
 */

/** A half-open range of the document. */
export interface Span {
  start: number;
  end: number;
}

/** Where the unknown part of a string comes from. */
export type HoleOrigin =
  /** `process.env.NAME`, `os.environ["NAME"]`, `$NAME`. */
  | { kind: 'env'; name: string }
  /** A function parameter (or catch/loop binding): a value only known at run time. */
  | { kind: 'parameter'; name: string }
  /** A variable or property the resolver could not follow to a single literal value. */
  | { kind: 'variable'; name: string }
  /** The result of a call, e.g. `getToken()`. */
  | { kind: 'call'; name: string }
  /** Anything else: a number, a conditional, a binary expression that is not `+`. */
  | { kind: 'other'; name: string };

/** Known text. `value` is the text as the program sees it (escapes decoded). */
export interface LiteralPart {
  kind: 'literal';
  value: string;
  /** The document text this piece was read from. */
  span: Span;
  /**
   * True when `value[i]` sits at document offset `span.start + i` (no escapes): only then may a rule
   * point at, or edit, part of the piece.
   */
  exact: boolean;
  /** The quote of the literal the text sits in: `'`, `"` or `` ` ``; undefined for other sources. */
  quote?: string;
  /** Set when the text was read through a variable: the expression that reads it, where it is used. */
  at?: Span;
  /** The `${…}` around `at` when that sits in a template literal. */
  outer?: Span;
}

/** Text only known at run time. */
export interface HolePart {
  kind: 'hole';
  origin: HoleOrigin;
  /** The origin's name looks like a credential (`apiKey`, `TOKEN`, `client_secret`…). */
  secret: boolean;
  /** The expression in the document that produces the hole (at the use, for a resolved variable). */
  span: Span;
  /** The `${…}` around the expression when it sits in a template literal. */
  outer?: Span;
}

export type StringPart = LiteralPart | HolePart;

/** A string value as far as the analyzer can know it: literal pieces and holes, in order. */
export interface AbstractString {
  parts: StringPart[];
  /** The expression that yields the value, where the value is used (e.g. the argument). */
  span: Span;
}

/** A query parameter that is not written inside the URL text (`params: {…}`, `searchParams.set`). */
export interface QueryParam {
  name: string;
  value: AbstractString;
  /** The whole entry: `api_key: key` or `u.searchParams.set('api_key', key)`. */
  span: Span;
  origin: 'params-object' | 'search-params';
}

/** A header written for a request. */
export interface HeaderEntry {
  name: string;
  value: AbstractString;
  /** The value expression (where a rule points and a fix edits). */
  valueSpan: Span;
  /** The whole entry (`Authorization: v`, `h.set('Authorization', v)`). */
  span: Span;
  /** How it is written, which a rule may use for its message. */
  origin: 'object' | 'headers-set' | 'set-request-header' | 'defaults' | 'assignment';
}

export type ClientName =
  | 'fetch' | 'axios' | 'undici' | 'got' | 'ky' | 'superagent' | 'node-http' | 'xhr'
  | 'websocket-browser' | 'websocket-node' | 'custom';

/** One HTTP (or WebSocket) request in the code. */
export interface RequestSite {
  client: ClientName;
  /** Upper-case method when known (`GET` for a bare fetch). */
  method?: string;
  /** The whole call expression. */
  span: Span;
  url?: AbstractString;
  /** Parameters added outside the URL text. */
  query: QueryParam[];
  headers: HeaderEntry[];
  body?: Span;
  /** False where the platform forbids custom headers (browser WebSocket). */
  canSetHeaders: boolean;
  /**
   * Where a fix can add a header: an object literal that holds (or may hold) headers for this
   * request. `headersObject` is the `headers: {…}` literal; `optionsObject` the init/config literal.
   */
  headersObject?: Span;
  optionsObject?: Span;
  /** End of the URL argument. */
  afterUrlArgument?: number;
  /** Where `, {…}` can add an options argument, when the call has none (fetch(url) → fetch(url, {…})). */
  optionsInsert?: number;
}

/** The facts one file yields for the rules. */
export interface FileFacts {
  sites: RequestSite[];
  /** Every header written anywhere for a request, also those not tied to one site (defaults, `headers.set`). */
  headerWrites: HeaderEntry[];
  /** Candidate credentials written as literals (assignments, properties, arguments). */
  literals: SecretCandidate[];
  /** The file looks like Node code (process.env, require, node: imports). */
  isNode: boolean;
}

/** A string literal that may be a hard-coded credential, with the name it is bound to, if any. */
export interface SecretCandidate {
  value: string;
  /** The literal including its quotes. */
  span: Span;
  /** The variable/property name it is assigned to, if any. */
  boundName?: string;
  quote: string;
  /**
   * Set when the literal is a fallback (`process.env.KEY || 'sk_…'`): the text from the end of the
   * left operand to the end of the literal, whose removal leaves the environment lookup alone.
   */
  fallback?: Span;
}

export function literalText(s: AbstractString): string | undefined {
  let out = '';
  for (const p of s.parts) {
    if (p.kind !== 'literal') return undefined;
    out += p.value;
  }
  return out;
}
