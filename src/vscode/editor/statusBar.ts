/** The status bar item: finding count and state (off, scanning); a click opens the Problems view. */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../ids';
import { statusBarText, type LintState } from './statusBarText';

export class FindingsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('apiDoctor.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private timer: NodeJS.Timeout | undefined;
  private enabled = true;
  private scanning = false;

  /** `skipReason`: why a document is not linted, if it is not (the active one's shows here). */
  constructor(private readonly skipReason: (doc: vscode.TextDocument) => string | undefined = () => undefined) {
    this.item.name = vscode.l10n.t('API Doctor');
    this.item.command = 'workbench.actions.view.problems';
    // Diagnostics change in bursts (every open file, every keystroke): count at most every 100 ms.
    this.disposables.push(
      vscode.languages.onDidChangeDiagnostics(() => this.scheduleUpdate()),
      vscode.window.onDidChangeActiveTextEditor(() => this.scheduleUpdate()),
    );
    this.update();
    this.item.show();
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.update();
  }

  setScanning(scanning: boolean): void {
    this.scanning = scanning;
    this.update();
  }

  /** The item's current text, tooltip and click command (read by the integration tests). */
  get shown(): { text: string; tooltip: string; command: string } {
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? ''), command: String(this.item.command ?? '') };
  }

  /** Something the item shows changed (a document was skipped or linted again). */
  refresh(): void {
    this.scheduleUpdate();
  }

  private scheduleUpdate(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, 100);
  }

  private update(): void {
    const active = vscode.window.activeTextEditor?.document;
    const skipped = active && this.enabled ? this.skipReason(active) : undefined;
    const state: LintState = !this.enabled ? 'off' : this.scanning ? 'scanning' : skipped ? 'skipped' : 'idle';
    const { text, tooltip } = statusBarText(state, countFindings(), vscode.l10n.t, skipped);
    this.item.text = text;
    this.item.tooltip = tooltip;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

export function countFindings(): number {
  let n = 0;
  for (const [, list] of vscode.languages.getDiagnostics()) for (const d of list) if (d.source === DIAGNOSTIC_SOURCE) n++;
  return n;
}
