/**
 * Messages between the extension and the panel's webview. Both sides import this module; every
 * message that arrives is checked with the guards below before it is used. Requests from the view
 * carry an `id`; the host's replies carry it back as `replyTo`.
 */
import { hasOnlyKeys, isArrayOf, isCount, isId, isNullable, isOneOf, isRecord, isText } from './guards';
import { isFileRef, isRequestDraft, type FileRef, type RequestDraft } from './request';
import type { FailureView, HistoryItem, KeyInfo, PreflightWarning, ResponseView } from './views';

/** Commands the panel may ask the host to run; nothing outside this list is accepted. */
export const PANEL_COMMANDS = ['apiDoctor.showOutput', 'apiDoctor.setApiKey', 'apiDoctor.manageApiKeys'] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];

export const CODE_FORMATS = ['curl', 'fetch', 'python', 'http'] as const;
export type CodeFormat = (typeof CODE_FORMATS)[number];

/** What can be done with a response the host still holds. */
export const BODY_ACTIONS = ['save', 'open', 'copyTicket'] as const;
export type BodyAction = (typeof BODY_ACTIONS)[number];

/** View → host. */
export type ViewMessage =
  | { type: 'ready' }
  | { type: 'runCommand'; command: PanelCommand }
  | { type: 'preflight'; id: string; request: RequestDraft }
  | { type: 'send'; id: string; request: RequestDraft }
  /** Send again, waiting as Retry-After and the provider's policy say, up to the configured cap. */
  | { type: 'retry'; id: string; request: RequestDraft }
  | { type: 'cancel'; id: string }
  | { type: 'pickFile'; id: string }
  | { type: 'bodyAction'; id: string; responseId: string; action: BodyAction }
  | { type: 'copyAs'; id: string; request: RequestDraft; format: CodeFormat }
  | { type: 'rerun'; id: string; historyId: string }
  | { type: 'deleteHistory'; id: string; historyId: string }
  | { type: 'exportHistory'; id: string };

export type ViewMessageType = ViewMessage['type'];

/** Host → view. */
export type HostMessage =
  | { type: 'init'; version: string; keys: KeyInfo[]; history: HistoryItem[] }
  | { type: 'keys'; keys: KeyInfo[] }
  | { type: 'history'; history: HistoryItem[] }
  /** Fill the form (from a command or a history entry); `sendId` set when the host is sending it now. */
  | { type: 'prefill'; request: RequestDraft; sendId: string | null }
  | { type: 'preflight'; replyTo: string; provider: string | null; warnings: PreflightWarning[] }
  /** `waiting`: a retry waits `waitMs` before attempt `attempt` (the view counts down). */
  | { type: 'progress'; replyTo: string; phase: 'sending' | 'waiting'; attempt: number; maxAttempts: number; waitMs: number }
  | { type: 'response'; replyTo: string; response: ResponseView }
  | { type: 'failure'; replyTo: string; failure: FailureView }
  | { type: 'fileChosen'; replyTo: string; file: FileRef | null }
  /** The outcome of an action without a payload of its own (copy, save, delete). */
  | { type: 'done'; replyTo: string; ok: boolean; message: string };

export type HostMessageType = HostMessage['type'];

export function isViewMessage(v: unknown): v is ViewMessage {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'ready':
      return hasOnlyKeys(v, ['type']);
    case 'runCommand':
      return hasOnlyKeys(v, ['type', 'command']) && isOneOf(v.command, PANEL_COMMANDS);
    case 'preflight':
    case 'send':
    case 'retry':
      return hasOnlyKeys(v, ['type', 'id', 'request']) && isId(v.id) && isRequestDraft(v.request);
    case 'cancel':
    case 'pickFile':
    case 'exportHistory':
      return hasOnlyKeys(v, ['type', 'id']) && isId(v.id);
    case 'bodyAction':
      return hasOnlyKeys(v, ['type', 'id', 'responseId', 'action']) && isId(v.id) && isId(v.responseId) && isOneOf(v.action, BODY_ACTIONS);
    case 'copyAs':
      return hasOnlyKeys(v, ['type', 'id', 'request', 'format']) && isId(v.id) && isRequestDraft(v.request) && isOneOf(v.format, CODE_FORMATS);
    case 'rerun':
    case 'deleteHistory':
      return hasOnlyKeys(v, ['type', 'id', 'historyId']) && isId(v.id) && isId(v.historyId);
    default:
      return false;
  }
}

const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function isKeyInfo(v: unknown): v is KeyInfo {
  return isRecord(v) && isString(v.id) && isString(v.label) && isString(v.masked) && isArrayOf(v.hosts, isString);
}

function isHistoryItem(v: unknown): v is HistoryItem {
  return isRecord(v) && isId(v.id) && isString(v.at) && isString(v.method) && isString(v.url) &&
    isNullable(v.status, isNumber) && isNullable(v.failure, isString) && isNullable(v.provider, isString) && isRequestDraft(v.request);
}

function isWarning(v: unknown): v is PreflightWarning {
  return isRecord(v) && isString(v.rule) && isOneOf(v.severity, ['error', 'warning', 'info'] as const) && isString(v.message) &&
    (v.fix === undefined || (isRecord(v.fix) && isString(v.fix.title) && isRequestDraft(v.fix.request)));
}

function isResponseView(v: unknown): v is ResponseView {
  return isRecord(v) && isId(v.responseId) && isNumber(v.status) && isString(v.statusText) && isNumber(v.elapsedMs) &&
    isCount(v.sizeBytes) && typeof v.truncated === 'boolean' && typeof v.clipped === 'boolean' && isString(v.url) &&
    isArrayOf(v.headers, (h): h is [string, string] => Array.isArray(h) && h.length === 2 && isString(h[0]) && isString(h[1]), 1000) &&
    isRecord(v.body) && isOneOf(v.body.kind, ['empty', 'json', 'text', 'audio', 'image', 'binary'] as const) &&
    Array.isArray(v.redirects) && (v.diagnosis === null || isRecord(v.diagnosis)) && isCount(v.attempts);
}

function isFailureView(v: unknown): v is FailureView {
  return isRecord(v) && isId(v.responseId) && isString(v.kind) && isString(v.message) && isString(v.title) &&
    isArrayOf(v.causes, isString) && isArrayOf(v.fixes, isString) && typeof v.retryable === 'boolean' && isNumber(v.elapsedMs) && isCount(v.attempts);
}

export function isHostMessage(v: unknown): v is HostMessage {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'init':
      return isText(v.version, 64) && isArrayOf(v.keys, isKeyInfo) && isArrayOf(v.history, isHistoryItem, 1000);
    case 'keys':
      return isArrayOf(v.keys, isKeyInfo);
    case 'history':
      return isArrayOf(v.history, isHistoryItem, 1000);
    case 'prefill':
      return isRequestDraft(v.request) && isNullable(v.sendId, isId);
    case 'preflight':
      return isId(v.replyTo) && isNullable(v.provider, isString) && isArrayOf(v.warnings, isWarning);
    case 'progress':
      return isId(v.replyTo) && isOneOf(v.phase, ['sending', 'waiting'] as const) && isCount(v.attempt) && isCount(v.maxAttempts) && isCount(v.waitMs);
    case 'response':
      return isId(v.replyTo) && isResponseView(v.response);
    case 'failure':
      return isId(v.replyTo) && isFailureView(v.failure);
    case 'fileChosen':
      return isId(v.replyTo) && isNullable(v.file, isFileRef);
    case 'done':
      return isId(v.replyTo) && typeof v.ok === 'boolean' && isString(v.message);
    default:
      return false;
  }
}
