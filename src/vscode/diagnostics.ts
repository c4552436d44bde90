/**
 * Lints open documents on open and while typing (debounced per document, stale runs dropped) or on
 * save, and publishes the findings as diagnostics whose code is the rule id.
 */
import * as vscode from 'vscode';
import { analyze, grammarForLanguage } from '../core/analyze';
import type { Finding, Severity } from '../core/types';
import type { ApiDoctorSettings } from '../core/settings';
import { DIAGNOSTIC_SOURCE } from './ids';

const DEBOUNCE_MS = 250;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('api-doctor');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The newest run per document; an older run that finishes late is dropped. */
  private readonly generation = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private settings: ApiDoctorSettings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.settings.run === 'onType' && e.contentChanges.length > 0) this.schedule(e.document, DEBOUNCE_MS);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    );
    this.lintAllOpen();
  }

  updateSettings(settings: ApiDoctorSettings): void {
    this.settings = settings;
    this.collection.clear();
    this.lintAllOpen();
  }

  private lintAllOpen(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!grammarForLanguage(doc.languageId)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    if (!this.settings.enable) {
      this.collection.delete(doc.uri);
      return;
    }
    this.timers.set(key, setTimeout(() => void this.lint(doc), delay));
  }

  private async lint(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    this.timers.delete(key);
    const run = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, run);
    const version = doc.version;
    try {
      const findings = await analyze(doc.getText(), doc.languageId, { secretParamNames: this.settings.secretParamNames });
      if (this.generation.get(key) !== run || doc.isClosed || doc.version !== version) return;
      this.collection.set(doc.uri, findings.map((f) => toDiagnostic(doc, f)));
    } catch (err) {
      this.log.error(`Could not analyse ${doc.uri.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.generation.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function toDiagnostic(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const range = new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end));
  const diagnostic = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = f.ruleId;
  return diagnostic;
}
