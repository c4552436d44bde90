/** "Send request" above each request whose URL resolves: opens the request runner prefilled. */
import * as vscode from 'vscode';
import type { DiagnosticsController } from '../diagnostics';
import { Commands } from '../ids';
import type { OpenTrees } from './openTrees';
import { sendRequestArgs } from './sendRequestArgs';

export class SendRequestLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly trees: OpenTrees,
  ) {}

  /** Settings changed (on/off, languages): ask the editor for fresh lenses. */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!this.diagnostics.wants(doc)) return [];
    const { sites } = await this.trees.sitesFor(doc);
    if (token.isCancellationRequested) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const site of sites) {
      const args = sendRequestArgs(site);
      if (!args) continue;
      const at = doc.positionAt(site.span.start);
      lenses.push(new vscode.CodeLens(new vscode.Range(at, at), {
        title: vscode.l10n.t('$(send) Send request'),
        tooltip: vscode.l10n.t('Open {0} {1} in the API Doctor request runner', args.method, args.url),
        command: Commands.sendRequest,
        arguments: [args],
      }));
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
