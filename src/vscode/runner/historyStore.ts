/** Request history in globalState (redacted entries only; see historyEntry.ts). */
import type * as vscode from 'vscode';
import { isRequestDraft } from '../../protocol/request';
import type { HistoryItem } from '../../protocol/views';

const HISTORY = 'apiDoctor.history';

function isItem(v: unknown): v is HistoryItem {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as Record<string, unknown>;
  return typeof h.id === 'string' && typeof h.at === 'string' && typeof h.method === 'string' && typeof h.url === 'string' && isRequestDraft(h.request);
}

export function loadHistory(state: vscode.Memento): HistoryItem[] {
  const raw = state.get<unknown>(HISTORY);
  return Array.isArray(raw) ? raw.filter(isItem) : [];
}

export function saveHistory(state: vscode.Memento, items: HistoryItem[]): Thenable<void> {
  return state.update(HISTORY, items);
}
