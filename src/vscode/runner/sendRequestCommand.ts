/**
 * "API Doctor: Send Request…". With arguments (the code lens): opens the panel with the form filled
 * in, for a look before sending. Without: asks for method, URL and key, sends, shows the result.
 */
import * as vscode from 'vscode';
import { AUTO_KEY, HTTP_METHODS, NO_KEY, emptyDraft, splitQuery, type HttpMethod } from '../../protocol/request';
import type { KeyStore } from '../keys/keyStore';
import type { PanelProvider } from '../panel/panelProvider';
import type { RequestRunner } from './requestRunner';
import { draftFromArgs } from './draftFromArgs';

export async function sendRequestCommand(panel: PanelProvider, runner: RequestRunner, keys: KeyStore, args?: unknown): Promise<void> {
  const prefilled = draftFromArgs(args);
  if (prefilled) {
    await panel.prefill(prefilled);
    return;
  }
  const method = await vscode.window.showQuickPick([...HTTP_METHODS], { title: 'Send Request (1/3): method', placeHolder: 'GET' });
  if (!method) return;
  const url = await vscode.window.showInputBox({
    title: 'Send Request (2/3): URL',
    value: runner.lastRequest?.url ?? 'https://',
    prompt: 'Keys do not belong in the URL: pick a stored key in the next step.',
    ignoreFocusOut: true,
    validateInput: (v) => (/^https?:\/\/[^\s/?#]+/i.test(v.trim()) ? undefined : 'Enter an http:// or https:// URL.'),
  });
  if (!url) return;
  const items: Array<vscode.QuickPickItem & { id: string }> = [
    { id: AUTO_KEY, label: 'Automatic', description: 'the stored key for this provider or host, if there is one' },
    { id: NO_KEY, label: 'No key' },
    ...keys.list().map((k) => ({ id: k.id, label: k.label, description: k.masked, detail: `Sent only to ${k.hosts.join(', ')}` })),
  ];
  const key = await vscode.window.showQuickPick(items, { title: 'Send Request (3/3): API key' });
  if (!key) return;
  const { base, rows } = splitQuery(url.trim());
  await panel.sendFromHost({ ...emptyDraft(), method: method as HttpMethod, url: base, query: rows, key: key.id });
}
