/**
 * History entries: the request as sent, with every secret masked and the masked parts switched off,
 * so a re-run never sends `***` and history never holds a key. The stored key in use is masked
 * wherever it was typed too (a path segment, a header or parameter of any name, the body). Pure.
 */
import { MASK, isSecretName, redactBody, redactHeaderValue, redactText, redactUrl } from '../../catalog/redact';
import type { RequestDraft, Row } from '../../protocol/request';
import type { HistoryItem } from '../../protocol/views';
import { maskSecrets } from './responseView';

/** Bodies longer than this are not kept in history (the entry re-runs without a body). */
export const HISTORY_BODY_CHARS = 64 * 1024;

function redactRows(rows: readonly Row[], header: boolean, extra: readonly string[], secrets: readonly string[]): Row[] {
  return rows.map((r) => {
    // Values of harmless-looking names are still searched for credential shapes (`?q=sk_live_…`), as in the URL.
    const redacted = header ? redactHeaderValue(r.name, r.value) : isSecretName(r.name, extra) && r.value !== '' ? MASK : redactText(r.value);
    const masked = maskSecrets(redacted, secrets);
    return masked === r.value ? { ...r } : { name: r.name, value: masked, enabled: false };
  });
}

/** `secrets`: the stored key values the request used. */
export function redactDraft(d: RequestDraft, extra: readonly string[] = [], secrets: readonly string[] = []): RequestDraft {
  const body = d.body.kind === 'json' || d.body.kind === 'text'
    ? d.body.text.length > HISTORY_BODY_CHARS ? { kind: 'none' as const } : { kind: d.body.kind, text: d.body.text.trim() === '' ? d.body.text : maskSecrets(redactBody(d.body.text, extra), secrets) }
    : d.body;
  return {
    ...d,
    url: maskSecrets(redactUrl(d.url, extra), secrets),
    query: redactRows(d.query, false, extra, secrets),
    headers: redactRows(d.headers, true, extra, secrets),
    body,
  };
}

export function historyItem(
  id: string,
  at: Date,
  draft: RequestDraft,
  composedUrl: string,
  outcome: { status: number | null; failure: string | null },
  provider: string | null,
  extra: readonly string[] = [],
  secrets: readonly string[] = [],
): HistoryItem {
  return {
    id,
    at: at.toISOString(),
    method: draft.method,
    url: maskSecrets(redactUrl(composedUrl, extra), secrets),
    status: outcome.status,
    failure: outcome.failure,
    provider,
    request: redactDraft(draft, extra, secrets),
  };
}

/** Newest first, at most `size`. */
export function addToHistory(list: readonly HistoryItem[], item: HistoryItem, size: number): HistoryItem[] {
  return [item, ...list.filter((h) => h.id !== item.id)].slice(0, Math.max(0, size));
}
