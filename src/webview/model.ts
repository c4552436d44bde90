/**
 * The panel's view model: pure functions from state to what is shown, kept apart from the DOM so
 * plain Node tests can check them.
 */
import type { HistoryItem, ResponseView } from '../protocol/views';
import type { RequestDraft, Row } from '../protocol/request';

/** Headers worth a second look when an API says no: request ids, retry waits, rate-limit counters. */
export type HeaderNote = 'request-id' | 'retry-after' | 'rate-limit' | null;

export function headerNote(name: string): HeaderNote {
  const n = name.toLowerCase();
  if (n === 'x-request-id' || n === 'request-id' || n === 'x-amzn-requestid' || n === 'x-amz-request-id' || n === 'cf-ray' || n === 'x-correlation-id') return 'request-id';
  if (n === 'retry-after') return 'retry-after';
  if (n.startsWith('x-ratelimit-') || n.startsWith('ratelimit-') || n === 'ratelimit' || n.startsWith('x-rate-limit-')) return 'rate-limit';
  return null;
}

/** Highlighted headers first (in a fixed order), then the rest alphabetically. */
export function sortHeaders(headers: ReadonlyArray<[string, string]>): Array<{ name: string; value: string; note: HeaderNote }> {
  const rank = (note: HeaderNote) => (note === 'request-id' ? 0 : note === 'retry-after' ? 1 : note === 'rate-limit' ? 2 : 3);
  return headers
    .map(([name, value]) => ({ name, value, note: headerNote(name) }))
    .sort((a, b) => rank(a.note) - rank(b.note) || a.name.localeCompare(b.name));
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms / 1000)} s`;
}

/** The status line: `429 Too Many Requests · 182 ms · 1.2 KB`, with `(truncated)` when the cap cut it. */
export function statusLine(r: Pick<ResponseView, 'status' | 'statusText' | 'elapsedMs' | 'sizeBytes' | 'truncated'>): string {
  const parts = [`${r.status}${r.statusText ? ` ${r.statusText}` : ''}`, formatMs(r.elapsedMs), formatBytes(r.sizeBytes)];
  return parts.join(' · ') + (r.truncated ? ' (truncated at the size limit)' : '');
}

export type StatusClass = 'ok' | 'redirect' | 'client-error' | 'server-error';

export function statusClass(status: number): StatusClass {
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  if (status >= 300) return 'redirect';
  return 'ok';
}

/** Checks a JSON body as typed; the message names the line and column of the first problem. */
export function checkJson(text: string): { ok: true } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true };
  try {
    JSON.parse(text);
    return { ok: true };
  } catch {
    // Engines word (and place) parse errors differently; find the offset ourselves.
    const pos = jsonErrorOffset(text);
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    return { ok: false, message: `Not valid JSON at line ${line}, column ${column}.` };
  }
}

/** The offset where a JSON scanner first fails; only called on text JSON.parse rejected. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else {
      const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += m![0].length;
    }
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? '')) fail();
      } else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  try {
    value();
    ws();
    return i < text.length ? i : Math.max(0, text.length - 1);
  } catch (at) {
    return Math.min(typeof at === 'number' ? at : 0, text.length);
  }
}

/** Pretty-prints JSON text; returns it unchanged when it does not parse. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Countdown text for a retry wait, updated once a second. */
export function countdownText(remainingMs: number, attempt: number, maxAttempts: number): string {
  const s = Math.max(0, Math.ceil(remainingMs / 1000));
  return `Retrying in ${s} s (attempt ${attempt} of ${maxAttempts})…`;
}

export function historyLabel(h: Pick<HistoryItem, 'method' | 'url' | 'status' | 'failure'>): string {
  const outcome = h.status !== null ? String(h.status) : h.failure ?? '—';
  return `${outcome} ${h.method} ${h.url}`;
}

export function addRow(rows: readonly Row[]): Row[] {
  return [...rows, { name: '', value: '', enabled: true }];
}

export function removeRow(rows: readonly Row[], index: number): Row[] {
  return rows.filter((_, i) => i !== index);
}

export function updateRow(rows: readonly Row[], index: number, change: Partial<Row>): Row[] {
  return rows.map((r, i) => (i === index ? { ...r, ...change } : r));
}

/** Why the form cannot be sent yet, or null when it can. */
export function sendBlocker(d: RequestDraft): string | null {
  const url = d.url.trim();
  if (url === '') return 'Enter a URL.';
  if (!/^https?:\/\//i.test(url)) return 'The URL must start with http:// or https://.';
  if (d.body.kind === 'json') {
    const check = checkJson(d.body.text);
    if (!check.ok) return check.message;
  }
  return null;
}

/** Methods that normally carry no body; the body editor is hidden for them unless one is set. */
export function methodTakesBody(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

/** The state kept across the view being hidden (getState/setState); media bodies are left out. */
export interface PanelState {
  draft: RequestDraft;
  response: ResponseView | null;
}

export function stateToKeep(draft: RequestDraft, response: ResponseView | null): PanelState {
  if (response && (response.body.kind === 'audio' || response.body.kind === 'image')) {
    return { draft, response: { ...response, body: { kind: 'binary', mime: response.body.mime } } };
  }
  return { draft, response };
}
