/**
 * Lints open documents on open and while typing (debounced per document, stale runs dropped) or on
 * save, and publishes the findings as diagnostics whose code is the rule id. Each open document
 * keeps one syntax tree that change events edit, so a keystroke costs an incremental re-parse.
 */
import * as vscode from 'vscode';
import { analyze, analyzeChange, grammarForLanguage, hasRegionPath, isAnalyzedLanguage, type AnalyzeOptions } from '../core/analyze';
import { topLevelRegion } from '../core/javascript/facts';
import type { Span } from '../core/model';
import type { Tree } from '../core/parser';
import type { ApiDoctorConfig } from '../core/config';
import { FindingsTracker, lintVersion } from '../core/findingsTracker';
import type { ProviderRules } from '../core/providerSites';
import type { ApiDoctorSettings } from '../core/settings';
import { whyNotLinted, whyTreeNotLinted } from '../core/tooLarge';
import type { Finding, Severity } from '../core/types';
import type { AnalysisWorker } from './editor/analysisWorker';
import type { OpenTrees } from './editor/openTrees';
import { typingPause, wholeAnalysisPause } from './editor/typingPause';
import { DIAGNOSTIC_SOURCE } from './ids';

export const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The findings shown for one document version, with the severity the settings give them. */
export interface DocumentFindings {
  version: number;
  findings: Finding[];
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('api-doctor');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The newest run per document; an older run that finishes late is dropped. */
  private readonly generation = new Map<string, number>();
  private readonly results = new Map<string, DocumentFindings>();
  /** How long the last analysis of each document took, for the typing pause. */
  private readonly durations = new Map<string, number>();
  /** How long the last whole-document analysis took, for the pause before the next one. */
  private readonly wholeDurations = new Map<string, number>();
  /** Per document: the findings moved along with each edit, so a keystroke re-analyses only what it touched. */
  private readonly trackers = new Map<string, FindingsTracker>();
  /** After typing was analysed statement by statement, a whole analysis once the typing stops. */
  private readonly wholeTimers = new Map<string, NodeJS.Timeout>();
  /**
   * Documents whose analysis took over slowInThreadMs on the extension host's thread (deep
   * nesting can make a small file cost seconds): from then on every analysis of them, keystrokes
   * included, runs whole on the worker, so the editor is held up at most once.
   */
  private readonly slowInThread = new Set<string>();
  /** How long an analysis on this thread may take before its document moves (tests lower it). */
  slowInThreadMs = SLOW_IN_THREAD_MS;
  /** Documents not linted, with the reason (logged once, shown in the status bar). */
  private readonly skipped = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [this.collection, this.changed];

  /** What the last on-screen pass (see showScreenFirst) published ahead of a whole analysis. */
  lastScreenFirst: { uri: string; version: number; findings: readonly Finding[] } | undefined;

  /** Fires after a document's findings were published or cleared. */
  readonly onDidChangeFindings = this.changed.event;

  constructor(
    private settings: ApiDoctorSettings,
    private readonly trees: OpenTrees,
    private readonly log: vscode.LogOutputChannel,
    /** The `.api-doctor.jsonc` that applies to a document, if any. */
    private readonly configFor: (uri: vscode.Uri) => ApiDoctorConfig | undefined = () => undefined,
    /** The provider catalogs' rules (specala/export-format …), read when a document is linted. */
    private readonly providerRules: () => ProviderRules | undefined = () => undefined,
    /** Whole analyses of large documents, off the extension host's thread. */
    private readonly worker?: { pool: AnalysisWorker; catalogPaths: () => string[] },
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      trees.onDidChangeSyntax((e) => this.trackers.get(e.uri)?.recordSyntax(e.version, e.changed)),
      vscode.workspace.onDidSaveTextDocument((d) => {
        // A text the parser gave up on is tried again when saved, not on every keystroke.
        this.trees.retryParsing(d.uri);
        this.schedule(d, 0);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.forget(d.uri);
        // An untitled name is reused at once: a new document may already hold the closed one's URI.
        const reopened = vscode.workspace.textDocuments.find((o) => o !== d && !o.isClosed && o.uri.toString() === d.uri.toString());
        if (reopened) this.schedule(reopened, 0);
      }),
    );
    this.lintAllOpen();
  }

  get current(): ApiDoctorSettings {
    return this.settings;
  }

  /**
   * New settings (or a changed config file): every open document is linted again. Diagnostics stay
   * until their replacement is ready, so nothing flickers; documents no longer linted are cleared.
   */
  updateSettings(settings: ApiDoctorSettings): void {
    this.settings = settings;
    for (const r of this.results.values()) r.version = -1;
    for (const t of this.trackers.values()) t.reset();
    this.lintAllOpen();
  }

  /** Whether the settings let API Doctor lint this document at all. */
  wants(doc: vscode.TextDocument): boolean {
    if (!this.settings.enable || !isAnalyzedLanguage(doc.languageId)) return false;
    if (this.settings.languages && !this.settings.languages.includes(doc.languageId)) return false;
    return !isIgnored(doc, [...this.settings.ignore, ...(this.configFor(doc.uri)?.ignore ?? [])]);
  }

  /** The findings of the document's current version, if it was linted. */
  findingsFor(doc: vscode.TextDocument): Finding[] {
    const r = this.results.get(doc.uri.toString());
    return r && r.version === doc.version ? r.findings : [];
  }

  /** Lints now, without waiting for the debounce; resolves with the findings (used by fix-all). */
  async lintNow(doc: vscode.TextDocument): Promise<Finding[]> {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (!this.wants(doc)) return [];
    const existing = this.results.get(key);
    if (existing && existing.version === doc.version) return existing.findings;
    await this.lint(doc);
    return this.findingsFor(doc);
  }

  private lintAllOpen(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const key = e.document.uri.toString();
    this.trackers.get(key)?.record(e.document.version, e.contentChanges.map((c) => ({ startOffset: c.rangeOffset, oldLength: c.rangeLength, newLength: c.text.length })));
    clearTimeout(this.wholeTimers.get(key));
    this.wholeTimers.delete(key);
    if (this.settings.run === 'onType') this.schedule(e.document, typingPause(this.durations.get(e.document.uri.toString())));
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (!this.wants(doc)) {
      this.clear(doc.uri);
      this.trackers.delete(key);
      this.trees.forget(doc.uri);
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
    const text = doc.getText();
    const tooLarge = whyNotLinted(text);
    if (tooLarge) {
      this.skip(doc, tooLarge);
      return;
    }
    const started = performance.now();
    try {
      // Severities from the settings and the config file are applied by the analyzer itself.
      const options: AnalyzeOptions = { ...analyzeOptions(this.settings, this.configFor(doc.uri)), fileName: doc.uri.fsPath, providerRules: this.providerRules() };
      let tracker = this.trackers.get(key);
      if (!tracker) this.trackers.set(key, (tracker = new FindingsTracker()));
      let linted: Awaited<ReturnType<typeof lintVersion>>;
      let inThread = true;
      if (!grammarForLanguage(doc.languageId)) {
        // `.http` and JSON files have line-based / jsonc-parser front ends: no syntax tree to keep.
        linted = await lintVersion(tracker, version, text, doc.languageId, options);
      } else {
        const tree = await this.trees.treeFor(doc);
        if (!tree) {
          const why = this.trees.whyNotParsed(doc.uri);
          if (why) this.skip(doc, why);
          return;
        }
        const pile = whyTreeNotLinted(tree);
        if (pile) {
          tree.delete();
          this.skip(doc, pile);
          return;
        }
        try {
          const slow = this.slowInThread.has(key);
          const onWorker = this.wholeOnWorker(text, doc.languageId, options, slow);
          // A large document's first whole analysis takes a while on the worker: the lines on
          // screen get their findings first, from the statements there.
          if (onWorker && !this.results.has(key)) await this.showScreenFirst(doc, text, tree, options, () => this.generation.get(key) === run && !doc.isClosed && doc.version === version);
          linted = await lintVersion(tracker, version, text, doc.languageId, { ...options, tree }, onWorker, slow && onWorker !== undefined);
          inThread = linted.mode === 'region' || !onWorker;
        } finally {
          tree.delete();
        }
      }
      const took = performance.now() - started;
      // Closed during its own analysis: nothing of it may stay behind in the maps below.
      if (doc.isClosed) return;
      this.durations.set(key, took);
      if (inThread && took > this.slowInThreadMs && !this.slowInThread.has(key) && this.worker?.pool.wants(text, true)) {
        this.slowInThread.add(key);
        this.log.info(`Analysing ${doc.uri.fsPath} took ${Math.round(took)} ms; it is analysed on the worker thread from now on.`);
      }
      if (linted.mode === 'full') this.wholeDurations.set(key, took);
      if (took > 200) this.log.debug(`Analysed ${doc.uri.fsPath} in ${Math.round(took)} ms.`);
      if (this.generation.get(key) !== run || doc.isClosed || doc.version !== version) return;
      const findings = linted.findings;
      this.skipped.delete(key);
      // A statement-by-statement analysis cannot see everything (a constant typed above changes a
      // request far below); a whole one follows when typing has paused for a while.
      if (linted.mode === 'region') this.wholeTimers.set(key, setTimeout(() => void this.lint(doc), wholeAnalysisPause(this.wholeDurations.get(key))));
      this.results.set(key, { version, findings });
      this.collection.set(doc.uri, findings.map((f) => toDiagnostic(doc, f)));
      this.changed.fire(doc.uri);
    } catch (err) {
      this.log.error(`Could not analyse ${doc.uri.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /**
   * Publishes the findings of the top-level statements on screen (or, before an editor shows the
   * document, its first lines), ahead of the whole analysis. Skipped when those statements are
   * most of the file (a module wrapped in one function): that would be the whole analysis on the
   * extension host's thread, which the worker is there to spare.
   */
  private async showScreenFirst(doc: vscode.TextDocument, text: string, tree: Tree, options: AnalyzeOptions, current: () => boolean): Promise<void> {
    if (!hasRegionPath(doc.languageId) || tree.rootNode.type === 'ERROR') return;
    const screen = screenSpan(doc);
    const region = topLevelRegion(tree, screen);
    if (region.end - region.start > MAX_SCREEN_REGION_CHARS) return;
    const started = performance.now();
    const early = await analyzeChange(text, doc.languageId, screen, { ...options, tree });
    if (!early || !current()) return;
    this.collection.set(doc.uri, early.findings.map((f) => toDiagnostic(doc, f)));
    this.lastScreenFirst = { uri: doc.uri.toString(), version: doc.version, findings: early.findings };
    this.log.debug(`Showed the findings on screen of ${doc.uri.fsPath} after ${Math.round(performance.now() - started)} ms, before the whole analysis.`);
  }

  /**
   * The whole analysis of a large text on the worker thread, or undefined to run it here. A worker
   * that fails is logged once; that analysis, and all later ones, run here instead.
   */
  private wholeOnWorker(text: string, languageId: string, options: AnalyzeOptions, slow: boolean): (() => Promise<Finding[]>) | undefined {
    const worker = this.worker;
    if (!worker?.pool.wants(text, slow)) return undefined;
    return async () => {
      try {
        return await worker.pool.analyze(text, languageId, options, worker.catalogPaths());
      } catch (err) {
        this.log.warn(`The analysis worker failed (${err instanceof Error ? err.message : String(err)}); analysing on the extension host.`);
        return analyze(text, languageId, options);
      }
    };
  }

  /** Why the document is not linted (too large, minified, the parser gave up), if it is not. */
  skipReason(doc: vscode.TextDocument): string | undefined {
    return this.skipped.get(doc.uri.toString());
  }

  private skip(doc: vscode.TextDocument, reason: string): void {
    const key = doc.uri.toString();
    if (this.skipped.get(key) !== reason) this.log.info(`Not linting ${doc.uri.fsPath}: ${reason}.`);
    this.skipped.set(key, reason);
    this.trackers.delete(key);
    this.trees.freeTree(doc.uri);
    this.clear(doc.uri);
    // The status bar shows the reason: a skipped file must not look like a file without problems.
    this.changed.fire(doc.uri);
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    const had = this.results.delete(key) || this.collection.has(uri);
    this.collection.delete(uri);
    if (had) this.changed.fire(uri);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    clearTimeout(this.wholeTimers.get(key));
    this.wholeTimers.delete(key);
    this.trackers.delete(key);
    this.generation.delete(key);
    this.durations.delete(key);
    this.wholeDurations.delete(key);
    this.skipped.delete(key);
    this.slowInThread.delete(key);
    this.clear(uri);
  }

  dispose(): void {
    for (const t of [...this.timers.values(), ...this.wholeTimers.values()]) clearTimeout(t);
    this.timers.clear();
    this.wholeTimers.clear();
    for (const d of this.disposables) d.dispose();
  }
}

/** An analysis on the extension host's thread longer than this sends the document to the worker. */
const SLOW_IN_THREAD_MS = 250;

/** Lines an editor shows of a document it opens, when no editor shows it yet. */
const FIRST_SCREEN_LINES = 120;
/** The most text the on-screen pass reads in the extension host's thread (about 1,000 lines). */
const MAX_SCREEN_REGION_CHARS = 40_000;

/** The part of the document on screen, as offsets: every visible range of every editor showing it. */
function screenSpan(doc: vscode.TextDocument): Span {
  const ranges = vscode.window.visibleTextEditors.filter((e) => e.document === doc).flatMap((e) => e.visibleRanges);
  if (ranges.length === 0) return { start: 0, end: doc.offsetAt(new vscode.Position(Math.min(FIRST_SCREEN_LINES, doc.lineCount), 0)) };
  return {
    start: Math.min(...ranges.map((r) => doc.offsetAt(r.start))),
    end: Math.max(...ranges.map((r) => doc.offsetAt(r.end))),
  };
}

/** What the analyzer needs from the settings and the folder's `.api-doctor.jsonc`. */
export function analyzeOptions(settings: ApiDoctorSettings, config: ApiDoctorConfig | undefined): AnalyzeOptions {
  return { secretParamNames: settings.secretParamNames, rules: settings.rules, clients: settings.clients, config };
}

export function toDiagnostic(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const range = new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end));
  const diagnostic = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = f.ruleId;
  return diagnostic;
}

/** The rule id of one of our diagnostics (its code is a string or `{ value, target }`). */
export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

function isIgnored(doc: vscode.TextDocument, globs: readonly string[]): boolean {
  if (globs.length === 0 || doc.uri.scheme === 'untitled') return false;
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  return globs.some((glob) => vscode.languages.match({ pattern: folder ? new vscode.RelativePattern(folder, glob) : glob }, doc) > 0);
}
