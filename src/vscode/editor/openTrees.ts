/**
 * Keeps the syntax tree of each open document current from the editor's change events (see
 * core/documentTrees.ts) and the request sites read from it, per document version.
 */
import * as vscode from 'vscode';
import { grammarForLanguage } from '../../core/analyze';
import { DocumentTrees, type TextChange } from '../../core/documentTrees';
import { enclosingFunction } from '../../core/enclosingFunction';
import { ParseGaveUp, type Tree } from '../../core/parser';
import type { Span } from '../../core/model';
import type { ApiDoctorSettings } from '../../core/settings';
import { whyNotLinted } from '../../core/tooLarge';
import { RegionTracker, trackVersion } from '../../core/findingsTracker';
import { MOVABLE_SITES, regionSitesInTree, sitesInTree } from './documentSites';
import type { SiteSummary } from './siteSummary';

/** The parts of a document whose syntax an incremental re-parse changed (offsets of `version`). */
export interface SyntaxChange {
  uri: string;
  version: number;
  changed: Span[];
}

export class OpenTrees implements vscode.Disposable {
  private readonly syntaxChanged = new vscode.EventEmitter<SyntaxChange>();
  /** Fires after each incremental re-parse: the linter's keystroke path re-analyses these parts too. */
  readonly onDidChangeSyntax = this.syntaxChanged.event;
  private readonly trees = new DocumentTrees((uri, version, changed) => {
    this.siteTrackers.get(uri)?.recordSyntax(version, changed);
    this.syntaxChanged.fire({ uri, version, changed });
  });
  private readonly sites = new Map<string, { version: number; sites: SiteSummary[] }>();
  /** Documents whose text the parser gave up on, with its message. */
  private readonly gaveUp = new Map<string, string>();
  /** Per document: the sites moved along with each edit, so a lens refresh reads only what changed. */
  private readonly siteTrackers = new Map<string, RegionTracker<SiteSummary>>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly settings: () => ApiDoctorSettings) {
    this.disposables = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        const key = e.document.uri.toString();
        if (e.contentChanges.length === 0) return;
        if (this.trees.has(key)) this.trees.applyChanges(key, e.contentChanges.map(toTextChange), e.document.version);
        this.siteTrackers.get(key)?.record(e.document.version, e.contentChanges.map((c) => ({ startOffset: c.rangeOffset, oldLength: c.rangeLength, newLength: c.text.length })));
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    ];
  }

  /**
   * A tree of the document's current text; undefined without a grammar, for a huge file, or after
   * the parser gave up on it (see `whyNotParsed`). The caller deletes it.
   */
  async treeFor(doc: vscode.TextDocument): Promise<Tree | undefined> {
    const grammar = grammarForLanguage(doc.languageId);
    if (!grammar) return undefined;
    const text = doc.getText();
    // Huge and minified files are not linted (see tooLarge.ts); hovers and lenses skip them too.
    if (whyNotLinted(text)) return undefined;
    const key = doc.uri.toString();
    if (this.gaveUp.has(key)) return undefined;
    let tree: Tree;
    try {
      tree = await this.trees.treeFor(key, grammar, text, doc.version);
    } catch (err) {
      if (!(err instanceof ParseGaveUp)) throw err;
      // Trying again on the next keystroke would block the extension host as long again.
      this.gaveUp.set(key, err.message);
      this.trees.forget(key);
      return undefined;
    }
    // Closed while the grammar loaded: the close event found nothing to free yet, and the tree kept
    // for it would stay on the WASM heap (never garbage-collected) until that URI closes again.
    if (doc.isClosed) this.forget(doc.uri);
    return tree;
  }

  /** Why the document has no tree: the parser gave up on its text (until `retryParsing`). */
  whyNotParsed(uri: vscode.Uri): string | undefined {
    const reason = this.gaveUp.get(uri.toString());
    return reason && `${reason}; API Doctor tries again when the file is saved`;
  }

  /** Parse the document again on the next request (it was saved, so maybe fixed). */
  retryParsing(uri: vscode.Uri): void {
    this.gaveUp.delete(uri.toString());
  }

  /** How many times trees were reused, re-parsed incrementally or parsed in full. */
  get parseCounts(): Readonly<DocumentTrees['counts']> {
    return this.trees.counts;
  }

  /** The request sites of the document's current version, and the function around `offset`. */
  async sitesFor(doc: vscode.TextDocument, offset?: number): Promise<{ sites: SiteSummary[]; enclosing?: Span }> {
    const key = doc.uri.toString();
    const cached = this.sites.get(key);
    if (cached && cached.version === doc.version && offset === undefined) return { sites: cached.sites };
    const version = doc.version;
    const tree = await this.treeFor(doc);
    if (!tree) return { sites: [] };
    // Nothing is kept for a document closed meanwhile: its close event has already passed.
    if (doc.isClosed) {
      tree.delete();
      return { sites: [] };
    }
    try {
      let sites: SiteSummary[];
      if (cached && cached.version === version) sites = cached.sites;
      else {
        let tracker = this.siteTrackers.get(key);
        if (!tracker) this.siteTrackers.set(key, (tracker = new RegionTracker(MOVABLE_SITES)));
        const grammar = grammarForLanguage(doc.languageId)!;
        const text = doc.getText();
        const settings = this.settings();
        sites = (await trackVersion(tracker, version, text, doc.languageId, tree, {
          region: (changed) => regionSitesInTree(tree, grammar, settings, text, changed),
          whole: () => sitesInTree(tree, grammar, settings),
        })).items;
      }
      if (!doc.isClosed) this.sites.set(key, { version, sites });
      return { sites, enclosing: offset === undefined ? undefined : enclosingFunction(tree, offset) };
    } finally {
      tree.delete();
    }
  }

  /** Settings that change what counts as a request (`apiDoctor.clients`) invalidate the sites. */
  clearSites(): void {
    this.sites.clear();
    this.siteTrackers.clear();
  }

  /** Frees the document's tree and sites (it is not linted for now); the parser's verdict stays. */
  freeTree(uri: vscode.Uri): void {
    this.trees.forget(uri.toString());
    this.sites.delete(uri.toString());
    this.siteTrackers.delete(uri.toString());
  }

  /** Forgets the document entirely (closed, or no longer API Doctor's to lint). */
  forget(uri: vscode.Uri): void {
    this.freeTree(uri);
    this.gaveUp.delete(uri.toString());
  }

  /** How many trees are alive (tests check that closing a document frees its tree). */
  get size(): number {
    return this.trees.size;
  }

  dispose(): void {
    this.trees.clear();
    this.sites.clear();
    this.siteTrackers.clear();
    this.syntaxChanged.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function toTextChange(c: vscode.TextDocumentContentChangeEvent): TextChange {
  return {
    startOffset: c.rangeOffset,
    oldLength: c.rangeLength,
    start: { row: c.range.start.line, column: c.range.start.character },
    oldEnd: { row: c.range.end.line, column: c.range.end.character },
    text: c.text,
  };
}
