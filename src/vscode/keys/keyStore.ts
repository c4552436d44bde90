/**
 * API keys in VS Code's SecretStorage, one per provider or host. SecretStorage cannot list what it
 * holds on every supported VS Code, so an index of ids, labels and masked forms (never a key) is
 * kept in globalState beside it.
 */
import * as vscode from 'vscode';
import type { KeyInfo } from '../../protocol/views';
import { maskKey, parseKeyId } from './keyNames';

const SECRET_PREFIX = 'apiDoctor.key.';
const INDEX = 'apiDoctor.keys';

interface IndexEntry {
  id: string;
  label: string;
  masked: string;
}

export class KeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
    /** Hosts a key id may be sent to (a provider's hosts from its catalog; a host key's own host). */
    private readonly hostsFor: (id: string) => string[],
  ) {
    // Another window may set or remove a key: keep the index and the panel in step.
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(SECRET_PREFIX)) this.changed.fire();
    });
  }

  list(): KeyInfo[] {
    return this.index().map((e) => ({ ...e, hosts: this.hostsFor(e.id) }));
  }

  has(id: string): boolean {
    return this.index().some((e) => e.id === id);
  }

  get(id: string): Thenable<string | undefined> {
    return this.secrets.get(SECRET_PREFIX + id);
  }

  async set(id: string, label: string, value: string): Promise<void> {
    if (!parseKeyId(id)) throw new Error('not a key id');
    const key = value.trim();
    await this.secrets.store(SECRET_PREFIX + id, key);
    const index = this.index().filter((e) => e.id !== id);
    index.push({ id, label, masked: maskKey(key) });
    index.sort((a, b) => a.label.localeCompare(b.label));
    await this.state.update(INDEX, index);
    this.changed.fire();
  }

  async remove(id: string): Promise<void> {
    await this.secrets.delete(SECRET_PREFIX + id);
    await this.state.update(INDEX, this.index().filter((e) => e.id !== id));
    this.changed.fire();
  }

  private index(): IndexEntry[] {
    const raw = this.state.get<unknown>(INDEX);
    if (!Array.isArray(raw)) return [];
    return raw.filter((e): e is IndexEntry =>
      typeof e === 'object' && e !== null && typeof e.id === 'string' && typeof e.label === 'string' && typeof e.masked === 'string');
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
