/**
 * History entries: the request as sent, with every secret masked and the masked parts switched off,
 * so a re-run never sends `***` and history never holds a key. Pure.
 */
import { MASK, isSecretName, redactBody, redactHeaderValue, redactUrl } from '../../catalog/redact';
import type { RequestDraft, Row } from '../../protocol/request';
import type { HistoryItem } from '../../protocol/views';

/** Bodies longer than this are not kept in history (the entry re-runs without a body). */
export const HISTORY_BODY_CHARS = 64 * 1024;

function redactRows(rows: readonly Row[], header: boolean, extra: readonly string[]): Row[] {
  return rows.map((r) => {
    const masked = header ? redactHeaderValue(r.name, r.value) : isSecretName(r.name, extra) && r.value !== '' ? MASK : r.value;
    return masked === r.value ? { ...r } : { name: r.name, value: masked, enabled: false };
  });
}

export function redactDraft(d: RequestDraft, extra: readonly string[] = []): RequestDraft {
  const body = d.body.kind === 'json' || d.body.kind === 'text'
    ? d.body.text.length > HISTORY_BODY_CHARS ? { kind: 'none' as const } : { kind: d.body.kind, text: d.body.text.trim() === '' ? d.body.text : redactBody(d.body.text, extra) }
    : d.body;
  return { ...d, url: redactUrl(d.url, extra), query: redactRows(d.query, false, extra), headers: redactRows(d.headers, true, extra), body };
}

export function historyItem(
  id: string,
  at: Date,
  draft: RequestDraft,
  composedUrl: string,
  outcome: { status: number | null; failure: string | null },
  provider: string | null,
  extra: readonly string[] = [],
): HistoryItem {
  return {
    id,
    at: at.toISOString(),
    method: draft.method,
    url: redactUrl(composedUrl, extra),
    status: outcome.status,
    failure: outcome.failure,
    provider,
    request: redactDraft(draft, extra),
  };
}

/** Newest first, at most `size`. */
export function addToHistory(list: readonly HistoryItem[], item: HistoryItem, size: number): HistoryItem[] {
  return [item, ...list.filter((h) => h.id !== item.id)].slice(0, Math.max(0, size));
}
