/**
 * "API Doctor: Set API Key…": pick a provider (or type a host), then enter the key in a password
 * box. Tests pass `{ provider, key }` or `{ host, key }` instead of typing; the key is never logged.
 */
import * as vscode from 'vscode';
import type { Catalog } from '../../catalog/types';
import { checkKey } from '../../http/preflight';
import { keyId, normaliseHost, type KeyTarget } from './keyNames';
import type { KeyStore } from './keyStore';

export interface SetKeyArgs {
  provider?: string;
  host?: string;
  key: string;
}

function isSetKeyArgs(v: unknown): v is SetKeyArgs {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  return typeof a.key === 'string' && (typeof a.provider === 'string') !== (typeof a.host === 'string');
}

export function targetLabel(target: KeyTarget, catalogs: readonly Catalog[]): string {
  if (target.kind === 'host') return target.host;
  return catalogs.find((c) => c.id === target.provider)?.name ?? target.provider;
}

/** Returns the id of the key stored, or undefined when the user backed out. */
export async function setApiKey(store: KeyStore, catalogs: readonly Catalog[], args?: unknown): Promise<string | undefined> {
  let target: KeyTarget | undefined;
  let key: string | undefined;
  if (isSetKeyArgs(args)) {
    if (args.provider !== undefined) {
      if (!catalogs.some((c) => c.id === args.provider)) throw new Error(`No catalog named "${args.provider}".`);
      target = { kind: 'provider', provider: args.provider };
    } else {
      const host = normaliseHost(args.host ?? '');
      if (!host) throw new Error('Not a host name.');
      target = { kind: 'host', host };
    }
    key = args.key;
  } else {
    target = await pickTarget(catalogs);
    if (!target) return undefined;
    key = await askKey(target, catalogs);
  }
  if (key === undefined) return undefined;
  const check = checkKey(key);
  if (check.problems.length) throw new Error(check.problems.join(' '));
  const id = keyId(target);
  await store.set(id, targetLabel(target, catalogs), check.key);
  return id;
}

async function pickTarget(catalogs: readonly Catalog[]): Promise<KeyTarget | undefined> {
  type Item = vscode.QuickPickItem & { target?: KeyTarget };
  const items: Item[] = catalogs
    .filter((c) => c.id !== 'http')
    .map((c) => ({ label: c.name, description: c.match.hosts.join(', '), target: { kind: 'provider', provider: c.id } }));
  items.push({ label: '$(globe) Another host…', description: 'A key for one host only, such as api.example.com' });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Set API Key',
    placeHolder: 'Which API is the key for? It will only be sent to these hosts.',
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.target) return picked.target;
  const host = await vscode.window.showInputBox({
    title: 'Set API Key: host',
    prompt: 'The host that may receive the key (add :port for a local server).',
    placeHolder: 'api.example.com',
    ignoreFocusOut: true,
    validateInput: (v) => (normaliseHost(v) ? undefined : 'Enter a host name such as api.example.com or 127.0.0.1:8787.'),
  });
  const normalised = host === undefined ? undefined : normaliseHost(host);
  return normalised ? { kind: 'host', host: normalised } : undefined;
}

function askKey(target: KeyTarget, catalogs: readonly Catalog[]): Thenable<string | undefined> {
  const label = targetLabel(target, catalogs);
  const hosts = target.kind === 'host' ? target.host : catalogs.find((c) => c.id === target.provider)?.match.hosts.join(', ') ?? label;
  return vscode.window.showInputBox({
    title: `Set API Key: ${label}`,
    prompt: `Stored in VS Code secret storage and sent only to ${hosts}, as "Authorization: Bearer <key>".`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => {
      const problems = checkKey(v).problems;
      return problems.length ? problems[0] : undefined;
    },
  });
}
