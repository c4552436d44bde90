/**
 * What the host shows the panel: stored keys by name (masked), history entries, pre-flight warnings,
 * responses and diagnoses. Every string in here has been redacted on the host before it is posted.
 */
import type { RequestDraft } from './request';

export interface KeyInfo {
  /** `provider:waves` or `host:api.example.com`. */
  id: string;
  /** What the user reads: the provider's name or the host. */
  label: string;
  /** e.g. `sk_live_***…7Q2a`; never the key. */
  masked: string;
  /** Hosts the key may be sent to. */
  hosts: string[];
}

export interface HistoryItem {
  id: string;
  /** ISO time of sending. */
  at: string;
  method: string;
  /** Redacted. */
  url: string;
  status: number | null;
  /** Failure kind when no response came (`dns`, `timeout`, …). */
  failure: string | null;
  provider: string | null;
  /** The redacted draft to send again (keys by id only). */
  request: RequestDraft;
}

export interface PreflightWarning {
  /** Rule id: `key-in-url`, `bearer-format`, `key-binding`, `json-body`, `<provider>/<rule>`, `rate-guard`. */
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The request with the problem fixed, for a one-click fix. */
  fix?: { title: string; request: RequestDraft };
}

export interface DiagnosisView {
  provider: string | null;
  title: string;
  meaning: string;
  code: string | null;
  message: string | null;
  causes: Array<{ text: string; seen: string | null }>;
  fixes: string[];
  retryable: boolean;
  /** Wait before the next attempt, from Retry-After or the provider's policy. */
  retryAfterMs: number | null;
  retryBasis: 'retry-after' | 'policy' | 'none';
  requestId: string | null;
  docs: string | null;
}

export type ResponseBody =
  | { kind: 'empty' }
  | { kind: 'json'; text: string }
  | { kind: 'text'; text: string }
  /** Audio and images travel as base64 and become a blob: URL in the view. */
  | { kind: 'audio' | 'image'; mime: string; base64: string }
  | { kind: 'binary'; mime: string };

export interface ResponseView {
  /** Lets the view ask for this body to be saved, opened or ticketed. */
  responseId: string;
  status: number;
  statusText: string;
  elapsedMs: number;
  sizeBytes: number;
  /** The body was cut at the size cap. */
  truncated: boolean;
  /** Only part of the text is shown here; the whole body opens in an editor. */
  clipped: boolean;
  url: string;
  headers: Array<[string, string]>;
  body: ResponseBody;
  redirects: Array<{ status: number; to: string; credentialsDropped: boolean }>;
  diagnosis: DiagnosisView | null;
  attempts: number;
}

export interface FailureView {
  responseId: string;
  kind: string;
  message: string;
  title: string;
  causes: string[];
  fixes: string[];
  retryable: boolean;
  elapsedMs: number;
  attempts: number;
}
