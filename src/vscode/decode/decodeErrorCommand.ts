/**
 * "API Doctor: Decode HTTP Error…": the selection, the clipboard or a typed status line becomes a
 * diagnosis shown in a read-only view with a "Copy support ticket" button. Thin: reading the text
 * (readPastedError) and decoding it (decode) live in src/catalog and are tested there. Part of
 * dist/runner.js; registerDecodeError.ts loads it when the command first runs.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { decode } from '../../catalog/decode';
import { readPastedError, type PastedExchange } from '../../catalog/pastedExchange';
import { redactText } from '../../catalog/redact';
import type { Catalog, Diagnosis } from '../../catalog/types';
import { diagnosisHtml, isCopyTicketMessage } from './diagnosisHtml';

const VIEW_TYPE = 'apiDoctor.decodedError';

/** Pasted text longer than this is cut: a diagnosis needs the status, headers and the start of the body. */
const MAX_PASTE = 256 * 1024;

async function askForText(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor && !editor.selection.isEmpty) return editor.document.getText(editor.selection);

  const clipboard = (await vscode.env.clipboard.readText()).trim();
  type Choice = vscode.QuickPickItem & { source: 'clipboard' | 'type' };
  const items: Choice[] = [];
  if (clipboard) {
    const firstLine = redactText(clipboard.split(/\r?\n/, 1)[0]).slice(0, 80);
    items.push({ source: 'clipboard', label: vscode.l10n.t('$(clippy) Use the clipboard'), description: firstLine });
  }
  items.push({ source: 'type', label: vscode.l10n.t('$(edit) Type a status line or code…'), description: vscode.l10n.t('for example: HTTP/1.1 429 Too Many Requests') });
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Decode HTTP Error'),
    placeHolder: vscode.l10n.t('Select a response in an editor first to decode it directly'),
  });
  if (!picked) return undefined;
  if (picked.source === 'clipboard') return clipboard;
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Decode HTTP Error'),
    prompt: vscode.l10n.t('A status code or status line; paste whole responses (headers and body) through the selection or the clipboard.'),
    placeHolder: 'HTTP/1.1 429 Too Many Requests',
    validateInput: (v) => (/\b[1-5]\d\d\b/.test(v) ? undefined : vscode.l10n.t('Type a status code from 100 to 599.')),
  });
}

async function askForStatus(): Promise<number | undefined> {
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Decode HTTP Error'),
    prompt: vscode.l10n.t('The text has no status line. Which status code came back?'),
    placeHolder: '401',
    validateInput: (v) => (/^\s*[1-5]\d\d\s*$/.test(v) ? undefined : vscode.l10n.t('Type a status code from 100 to 599.')),
  });
  return typed === undefined ? undefined : Number(typed.trim());
}

/** One view, reused: decoding again replaces its content instead of opening tab after tab. */
export class DecodedErrorView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ticket = '';
  private readonly disposables: vscode.Disposable[] = [];

  show(d: Diagnosis, attempt: number): void {
    this.ticket = d.ticket;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, '', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: [],
      });
      this.disposables.push(
        this.panel.onDidDispose(() => {
          this.panel = undefined;
        }),
        this.panel.webview.onDidReceiveMessage(async (message: unknown) => {
          if (isCopyTicketMessage(message)) await this.copyTicket();
        }),
      );
    }
    this.panel.title = vscode.l10n.t('HTTP {0}: {1}', d.status, d.title);
    this.panel.webview.html = diagnosisHtml(d, randomBytes(16).toString('base64'), attempt);
    this.panel.reveal(undefined, false);
  }

  /** What the view's "Copy support ticket" button does (the host tests call it directly). */
  async copyTicket(): Promise<void> {
    await vscode.env.clipboard.writeText(this.ticket);
    vscode.window.setStatusBarMessage(vscode.l10n.t('API Doctor: support ticket copied (secrets masked).'), 3000);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** The command's flow: ask for the text, decode it with the catalogs, show the diagnosis. */
export function createDecodeError(catalogs: () => readonly Catalog[]): { view: DecodedErrorView; run(): Promise<void> } & vscode.Disposable {
  const view = new DecodedErrorView();
  return {
    view,
    async run() {
      const text = await askForText();
      if (text === undefined || !text.trim()) return;
      const pasted: PastedExchange = readPastedError(text.length > MAX_PASTE ? text.slice(0, MAX_PASTE) : text);
      const status = pasted.status ?? (await askForStatus());
      if (status === undefined) return;
      const diagnosis = decode({
        status,
        method: pasted.method,
        url: pasted.url,
        headers: pasted.headers,
        body: pasted.body,
        ...(pasted.requestHeaders.length || pasted.requestBody ? { request: { headers: pasted.requestHeaders, body: pasted.requestBody } } : {}),
      }, catalogs());
      view.show(diagnosis, 1);
    },
    dispose: () => view.dispose(),
  };
}
