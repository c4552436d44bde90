/**
 * "Scan Workspace": lints every file of the linted languages that is not open, with a cancellable
 * progress notification, and shows the results in the Problems view. Open files are left to the
 * live diagnostics; a scanned file that changes on disk or is closed again is re-scanned.
 */
import * as vscode from 'vscode';
import { ANALYZED_LANGUAGES, analyze, grammarForLanguage, languageForFileName } from '../../core/analyze';
import { LineIndex } from '../../core/lineIndex';
import { MAX_LINT_CHARS, whyNotLinted } from '../../core/tooLarge';
import type { Finding, Severity } from '../../core/types';
import { SEVERITY, analyzeOptions, type DiagnosticsController } from '../diagnostics';
import type { WorkspaceConfigFiles } from './workspaceConfig';
import { DIAGNOSTIC_SOURCE } from '../ids';
import { EXTENSIONS_BY_LANGUAGE, excludeGlob, includeGlob } from './scanGlobs';
import { ScanWorker } from './scanWorker';
import type { EditorCatalogs } from './catalogs';
import { providerRulesFor } from '../../catalog/providerRules';
import { ParseGaveUp } from '../../core/parser';

/** More files than this is a monorepo's worth; the rest is left to the CLI. */
const MAX_FILES = 20_000;

export interface ScanResult {
  files: number;
  findings: number;
  skipped: number;
  cancelled: boolean;
  /** The files were analysed on a worker thread (not on the extension host's). */
  onWorker: boolean;
}

export class WorkspaceScan implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('api-doctor-workspace');
  /** Files the last scan covered; they are re-scanned when they change on disk or close. */
  private readonly scanned = new Set<string>();
  private readonly state = new vscode.EventEmitter<boolean>();
  private readonly disposables: vscode.Disposable[] = [this.collection, this.state];
  private running: Promise<ScanResult> | undefined;
  private workerFailureLogged = false;

  /** Fires true when a scan starts and false when it ends. */
  readonly onDidChangeScanning = this.state.event;

  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly configs: WorkspaceConfigFiles,
    private readonly log: vscode.LogOutputChannel,
    /** The provider catalogs: their rules apply to scanned files as to open ones. */
    private readonly catalogs: EditorCatalogs,
    /** dist/cli.js, whose worker loop the scan runs on a worker thread. */
    private readonly cliBundle?: string,
  ) {
    // Created up front: a watcher made just before a change can miss it. Inside the workspace it
    // only filters the events of the editor's own file watcher, and unscanned files are ignored.
    const watcher = vscode.workspace.createFileSystemWatcher(includeGlob(Object.keys(EXTENSIONS_BY_LANGUAGE))!, true, false, false);
    this.disposables.push(
      watcher,
      watcher.onDidChange((uri) => this.rescan(uri)),
      watcher.onDidDelete((uri) => {
        this.scanned.delete(uri.toString());
        this.collection.delete(uri);
      }),
      // The live diagnostics take over while a file is open …
      vscode.workspace.onDidOpenTextDocument((d) => this.collection.delete(d.uri)),
      // … and the scan takes it back when it closes, from what is on disk.
      vscode.workspace.onDidCloseTextDocument((d) => this.rescan(d.uri)),
    );
  }

  get isScanning(): boolean {
    return this.running !== undefined;
  }

  /** Runs a scan with a progress notification; a second call while one runs joins it. */
  scan(): Promise<ScanResult> {
    this.running ??= this.runWithProgress().finally(() => {
      this.running = undefined;
      this.state.fire(false);
    });
    return this.running;
  }

  clear(): void {
    this.collection.clear();
    this.scanned.clear();
  }

  private async runWithProgress(): Promise<ScanResult> {
    this.state.fire(true);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('API Doctor: scanning the workspace'), cancellable: true },
      async (progress, token) => {
        const started = Date.now();
        const files = await this.findFiles(token);
        const result: ScanResult = { files: 0, findings: 0, skipped: 0, cancelled: false, onWorker: false };
        this.collection.clear();
        this.scanned.clear();
        const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
        const todo = files.filter((uri) => {
          this.scanned.add(uri.toString());
          return !open.has(uri.toString());
        });
        const onDisk = todo.length > 0 && todo.every((u) => u.scheme === 'file');
        const worker = onDisk && this.cliBundle ? ScanWorker.start(this.cliBundle) : undefined;
        result.onWorker = worker !== undefined;
        const stop = token.onCancellationRequested(() => void worker?.stop());
        let index = 0;
        // A few files in flight keep the worker busy while this thread turns reports into diagnostics.
        const lane = async (): Promise<void> => {
          while (index < todo.length && !token.isCancellationRequested) {
            const uri = todo[index++];
            progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / todo.length });
            const n = worker ? await this.scanOnWorker(worker, uri, token) : await this.scanFile(uri);
            if (n === undefined) result.skipped++;
            else {
              result.files++;
              result.findings += n;
            }
            // Let the extension host serve other work between files.
            if (!worker) await new Promise((resolve) => setImmediate(resolve));
          }
        };
        try {
          await Promise.all(worker ? [lane(), lane(), lane()] : [lane()]);
        } finally {
          stop.dispose();
          await worker?.stop();
        }
        result.cancelled = token.isCancellationRequested;
        this.log.info(`Workspace scan: ${result.files} files, ${result.findings} findings, ${result.skipped} skipped${result.cancelled ? ', cancelled' : ''} in ${Date.now() - started} ms.`);
        return result;
      },
    );
  }

  private async findFiles(token: vscode.CancellationToken): Promise<vscode.Uri[]> {
    const settings = this.diagnostics.current;
    const languages = (settings.languages ?? ANALYZED_LANGUAGES).filter((l) => grammarForLanguage(l));
    const include = includeGlob(languages);
    if (!include || !settings.enable) return [];
    const found: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const gitignore = await readText(vscode.Uri.joinPath(folder.uri, '.gitignore'));
      const filesExclude = vscode.workspace.getConfiguration('files', folder.uri).get('exclude');
      const exclude = excludeGlob(filesExclude, gitignore, [...settings.ignore, ...(this.configs.configFor(folder.uri)?.ignore ?? [])]);
      found.push(...(await vscode.workspace.findFiles(new vscode.RelativePattern(folder, include), new vscode.RelativePattern(folder, exclude), MAX_FILES, token)));
    }
    if (found.length >= MAX_FILES) this.log.warn(`Workspace scan: stopped at ${MAX_FILES} files; use the api-doctor CLI for the rest.`);
    return found.sort((a, b) => a.toString().localeCompare(b.toString()));
  }

  /** Lints one file on the worker thread; falls back to this thread if the worker failed. */
  private async scanOnWorker(worker: ScanWorker, uri: vscode.Uri, token: vscode.CancellationToken): Promise<number | undefined> {
    const settings = this.diagnostics.current;
    const languageId = languageForFileName(uri.path);
    if (!languageId || (settings.languages && !settings.languages.includes(languageId))) return undefined;
    try {
      const size = (await vscode.workspace.fs.stat(uri)).size;
      // Bytes, not characters, but close enough to keep multi-megabyte files off the worker.
      if (size > MAX_LINT_CHARS) {
        this.log.info(`Workspace scan: skipped ${vscode.workspace.asRelativePath(uri)}: it has ${size} bytes.`);
        return undefined;
      }
      // The worker loads the built-in catalogs and these files itself: rules cannot cross threads.
      const task = { path: uri.fsPath, languageId, fix: false, options: analyzeOptions(settings, this.configs.configFor(uri)), catalogs: this.catalogs.userCatalogPaths() };
      const report = await worker.lint(task);
      if (report.skipped) {
        this.log.info(`Workspace scan: skipped ${vscode.workspace.asRelativePath(uri)}: ${report.skipped.reason}.`);
        this.collection.delete(uri);
        return undefined;
      }
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return report.findings.length;
      this.collection.set(uri, report.findings.map((f) => {
        const d = new vscode.Diagnostic(new vscode.Range(f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1), f.message, SEVERITY[f.severity as Severity] ?? vscode.DiagnosticSeverity.Warning);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = f.ruleId;
        return d;
      }));
      return report.findings.length;
    } catch (err) {
      if (token.isCancellationRequested) return undefined;
      if (!this.workerFailureLogged) this.log.warn(`Workspace scan: the worker thread failed (${err instanceof Error ? err.message : String(err)}); scanning on the extension host.`);
      this.workerFailureLogged = true;
      return this.scanFile(uri);
    }
  }

  /** Lints one file from disk; the number of findings, or undefined when the file was skipped. */
  private async scanFile(uri: vscode.Uri): Promise<number | undefined> {
    const settings = this.diagnostics.current;
    const languageId = languageForFileName(uri.path);
    if (!languageId || (settings.languages && !settings.languages.includes(languageId))) return undefined;
    const text = await readText(uri);
    if (text === undefined) return undefined;
    const tooLarge = whyNotLinted(text);
    if (tooLarge) {
      this.log.info(`Workspace scan: skipped ${vscode.workspace.asRelativePath(uri)}: ${tooLarge}.`);
      this.collection.delete(uri);
      return undefined;
    }
    try {
      const findings = await analyze(text, languageId, { ...analyzeOptions(settings, this.configs.configFor(uri)), fileName: uri.fsPath, providerRules: providerRulesFor(this.catalogs.all) });
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return findings.length;
      const lines = new LineIndex(text);
      this.collection.set(uri, findings.map((f) => diagnosticAt(lines, f)));
      return findings.length;
    } catch (err) {
      if (err instanceof ParseGaveUp) this.log.info(`Workspace scan: skipped ${vscode.workspace.asRelativePath(uri)}: ${err.message}.`);
      else this.log.error(`Workspace scan: could not analyse ${uri.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private rescan(uri: vscode.Uri): void {
    if (!this.scanned.has(uri.toString())) return;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && !d.isClosed)) return;
    void this.scanFile(uri);
  }

  /** The workspace findings of one file (tests read them). */
  diagnosticsFor(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

function diagnosticAt(lines: LineIndex, f: Finding): vscode.Diagnostic {
  const a = lines.positionAt(f.start);
  const b = lines.positionAt(f.end);
  const d = new vscode.Diagnostic(new vscode.Range(a.line, a.character, b.line, b.character), f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = f.ruleId;
  return d;
}
