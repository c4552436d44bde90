/** "API Doctor: Manage API Keys…": stored keys by name and masked form; replace or remove one. */
import * as vscode from 'vscode';
import type { KeyStore } from './keyStore';

/** `args.remove` (a key id) removes without asking; tests use it. */
export async function manageApiKeys(store: KeyStore, replace: () => Thenable<unknown>, args?: unknown): Promise<void> {
  if (typeof args === 'object' && args !== null && typeof (args as { remove?: unknown }).remove === 'string') {
    await store.remove((args as { remove: string }).remove);
    return;
  }
  const keys = store.list();
  if (keys.length === 0) {
    const set = 'Set API Key…';
    if ((await vscode.window.showInformationMessage('No API keys are stored yet.', set)) === set) await replace();
    return;
  }
  const removeButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Remove this key' };
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { id: string }>();
  pick.title = 'API Keys';
  pick.placeholder = 'Pick a key to replace or remove it';
  pick.items = keys.map((k) => ({ id: k.id, label: k.label, description: k.masked, detail: `Sent only to ${k.hosts.join(', ') || 'no host'}`, buttons: [removeButton] }));
  const chosen = await new Promise<{ id: string; action: 'pick' | 'remove' } | undefined>((resolve) => {
    pick.onDidTriggerItemButton((e) => resolve({ id: e.item.id, action: 'remove' }));
    pick.onDidAccept(() => resolve(pick.selectedItems[0] ? { id: pick.selectedItems[0].id, action: 'pick' } : undefined));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (!chosen) return;
  const label = keys.find((k) => k.id === chosen.id)?.label ?? chosen.id;
  let action = chosen.action === 'remove' ? 'Remove' : await vscode.window.showQuickPick(['Replace…', 'Remove'], { title: `API key for ${label}` });
  if (action === 'Replace…') {
    await replace();
    return;
  }
  if (action !== 'Remove') return;
  action = await vscode.window.showWarningMessage(`Remove the API key for ${label}?`, { modal: true }, 'Remove');
  if (action === 'Remove') await store.remove(chosen.id);
}
