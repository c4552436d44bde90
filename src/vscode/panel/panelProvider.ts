/**
 * Hosts the Request Runner webview in the API Doctor activity-bar container. Every message from the
 * view is checked by the protocol's guards (malformed ones are dropped and logged); replies carry
 * the request's id. Messages posted before the view says `ready` wait in a short queue.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isViewMessage, type HostMessage, type ViewMessage } from '../../protocol/messages';
import type { RequestDraft } from '../../protocol/request';
import type { FailureView, ResponseView } from '../../protocol/views';
import { Commands, Views } from '../ids';
import type { KeyStore } from '../keys/keyStore';
import { errorLine } from '../runner/logLines';
import type { RequestRunner } from '../runner/requestRunner';
import { runBodyAction } from './bodyActions';
import { panelHtml } from './html';
import type { PickedFiles } from './pickedFiles';

const QUEUE_LIMIT = 20;

export class PanelProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private queue: HostMessage[] = [];
  private readonly viewDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly posted = new vscode.EventEmitter<HostMessage>();
  /** Every message the host posts (integration tests watch it). */
  readonly onDidPost = this.posted.event;
  private readyWaiters: Array<() => void> = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly version: string,
    private readonly runner: RequestRunner,
    private readonly keys: KeyStore,
    private readonly files: PickedFiles,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(this.posted, keys.onDidChange(() => this.post({ type: 'keys', keys: this.keys.list() })));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    for (const d of this.viewDisposables.splice(0)) d.dispose();
    this.view = view;
    this.ready = false;
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    const script = view.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString();
    const style = view.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'panel.css')).toString();
    view.webview.html = panelHtml(view.webview, script, style, randomBytes(16).toString('base64'));
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      view.onDidDispose(() => {
        this.view = undefined;
        this.ready = false;
      }),
    );
  }

  /** Handles one message as if the view had sent it; the integration tests drive the panel this way. */
  async receive(message: unknown): Promise<void> {
    if (!isViewMessage(message)) {
      const type = typeof message === 'object' && message !== null ? String((message as { type?: unknown }).type).slice(0, 40) : typeof message;
      this.log.warn(`Dropped a malformed message from the panel (type: ${type}).`);
      return;
    }
    try {
      await this.handle(message);
    } catch (e) {
      // The error may quote the request (a URL, a header): logged through the runner's masking.
      this.log.error(errorLine(`Panel action ${message.type} failed`, e, []));
      if ('id' in message) this.post({ type: 'done', replyTo: message.id, ok: false, message: 'That did not work; see API Doctor output.' });
    }
  }

  private async handle(m: ViewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'init', version: this.version, keys: this.keys.list(), history: this.runner.history() });
        for (const q of this.queue.splice(0)) this.postNow(q);
        for (const w of this.readyWaiters.splice(0)) w();
        return;
      case 'runCommand':
        await vscode.commands.executeCommand(m.command);
        return;
      case 'preflight': {
        const r = await this.runner.preflight(m.request);
        this.post({ type: 'preflight', replyTo: m.id, provider: r.provider, warnings: r.warnings });
        return;
      }
      case 'send':
      case 'retry':
        await this.runner.run(m.id, m.request, m.type === 'retry', (x) => this.post(x));
        this.post({ type: 'history', history: this.runner.history() });
        return;
      case 'cancel':
        this.runner.cancel(m.id);
        return;
      case 'pickFile': {
        const [uri] = (await vscode.window.showOpenDialog({ title: 'Choose the request body', canSelectMany: false, openLabel: 'Use as body' })) ?? [];
        let file = null;
        if (uri) file = this.files.add(uri.fsPath, (await vscode.workspace.fs.stat(uri)).size);
        this.post({ type: 'fileChosen', replyTo: m.id, file });
        return;
      }
      case 'bodyAction': {
        const kept = this.runner.response(m.responseId);
        const r = kept ? await runBodyAction(kept, m.action) : { ok: false, message: 'That response is no longer kept; send the request again.' };
        this.post({ type: 'done', replyTo: m.id, ...r });
        return;
      }
      case 'copyAs': {
        await vscode.env.clipboard.writeText(this.runner.code(m.request, m.format));
        const what = { curl: 'curl', fetch: 'fetch', python: 'Python requests', http: '.http' }[m.format];
        this.post({ type: 'done', replyTo: m.id, ok: true, message: `Copied as ${what}; the key is read from an environment variable.` });
        return;
      }
      case 'rerun': {
        const item = this.runner.history().find((h) => h.id === m.historyId);
        if (!item) {
          this.post({ type: 'done', replyTo: m.id, ok: false, message: 'That history entry is gone.' });
          return;
        }
        await this.sendFromHost(item.request);
        return;
      }
      case 'deleteHistory':
        this.post({ type: 'history', history: await this.runner.deleteHistory(m.historyId) });
        return;
      case 'exportHistory':
        await vscode.commands.executeCommand(Commands.exportHistory);
        return;
    }
  }

  /** Shows the panel and waits (briefly) until its script is ready. */
  async show(): Promise<void> {
    await vscode.commands.executeCommand(`${Views.panel}.focus`);
    if (this.ready) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Fills the form without sending (the code lens' "Send request" opens it for a look first). */
  async prefill(request: RequestDraft): Promise<void> {
    await this.show();
    this.post({ type: 'prefill', request, sendId: null });
  }

  /** Fills the form and sends it; the result shows in the panel and is returned. */
  async sendFromHost(request: RequestDraft, retry = false): Promise<ResponseView | FailureView> {
    await this.show();
    const id = this.runner.newId(retry ? 'retry' : 'send');
    this.post({ type: 'prefill', request, sendId: id });
    const result = await this.runner.run(id, request, retry, (x) => this.post(x));
    this.post({ type: 'history', history: this.runner.history() });
    return result;
  }

  refreshHistory(): void {
    this.post({ type: 'history', history: this.runner.history() });
  }

  private post(message: HostMessage): void {
    this.posted.fire(message);
    if (this.view && this.ready) this.postNow(message);
    else {
      this.queue.push(message);
      if (this.queue.length > QUEUE_LIMIT) this.queue.shift();
    }
  }

  private postNow(message: HostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  dispose(): void {
    for (const d of [...this.viewDisposables, ...this.disposables]) d.dispose();
  }
}
