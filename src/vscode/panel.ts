/** Hosts the panel's webview in the API Doctor activity-bar container. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isViewMessage, type HostMessage } from '../protocol/messages';

export function panelHtml(webview: Pick<vscode.Webview, 'cspSource' | 'asWebviewUri'>, extensionUri: vscode.Uri, nonce: string): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>API Doctor</title>
</head>
<body>
<main id="root"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

export class PanelProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly version: string,
    private readonly countFindings: () => number,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    view.webview.html = panelHtml(view.webview, this.extensionUri, randomBytes(16).toString('base64'));
    this.disposables.push(
      view.webview.onDidReceiveMessage((message: unknown) => {
        if (!isViewMessage(message)) {
          this.log.warn('Dropped a malformed message from the panel.');
          return;
        }
        if (message.type === 'ready') this.refresh();
        else void vscode.commands.executeCommand(message.command);
      }),
      view.onDidDispose(() => (this.view = undefined)),
    );
  }

  refresh(): void {
    const message: HostMessage = { type: 'init', version: this.version, findings: this.countFindings() };
    void this.view?.webview.postMessage(message);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
