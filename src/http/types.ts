/** The request runner's records: what to send, what came back, and why a request failed. */

/** A body the runner can send again on a 307/308 redirect or a retry, so never a one-shot stream. */
export type RequestBody = string | Uint8Array | { filePath: string };

/** The API key to inject; it is only ever sent to `hosts`. */
export interface KeySpec {
  value: string;
  /** Host names (lower case, no port) allowed to receive the key. */
  hosts: string[];
  /** Word before the key, `Bearer` unless the provider says otherwise; empty for a bare key. */
  scheme?: string;
  /** Header that carries the key; `Authorization` by default. */
  header?: string;
}

export interface ProxySpec {
  url: string;
  /** VS Code's `http.proxyStrictSSL`: false accepts certificates that do not verify. */
  strictSSL: boolean;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string> | Array<[string, string]>;
  body?: RequestBody;
  /** Covers connect, headers and body of every hop together. Default 30 s. */
  timeoutMs?: number;
  /** Decoded body bytes kept; reading stops there and the response is marked truncated. Default 10 MB. */
  maxBytes?: number;
  followRedirects?: boolean;
  maxRedirects?: number;
  proxy?: ProxySpec;
  signal?: AbortSignal;
  key?: KeySpec;
}

export interface RedirectHop {
  status: number;
  from: string;
  to: string;
  /** The method used for the next hop (303, and 301/302 after POST, become GET). */
  method: string;
  /** True when credentials were withheld because the new host may not receive them. */
  credentialsDropped: boolean;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  /** Header names in lower case; repeated headers as arrays. */
  headers: Record<string, string | string[]>;
  body: Uint8Array;
  truncated: boolean;
  elapsedMs: number;
  /** Bytes of body kept (after content-encoding was undone). */
  sizeBytes: number;
  contentType: string | null;
  /** The URL that answered, after redirects. */
  url: string;
  redirects: RedirectHop[];
  /** Things noticed before sending that did not stop the request (e.g. a key that needed trimming). */
  warnings: string[];
}

export type FailureKind =
  | 'dns' | 'refused' | 'reset' | 'timeout' | 'tls' | 'aborted' | 'redirect-loop' | 'too-large'
  | 'invalid-url'
  /** Found before sending: a header with control characters, a key with quotes or spaces. */
  | 'invalid-request'
  /** The server answered with something that is not valid HTTP. */
  | 'protocol'
  | 'other';

export interface HttpFailure {
  kind: FailureKind;
  /** Plain words for the user. */
  message: string;
  /** The underlying error code and message, for the output channel. */
  detail: string;
  elapsedMs: number;
  redirects: RedirectHop[];
}

export type SendOutcome = { ok: true; response: HttpResponse } | { ok: false; failure: HttpFailure };
