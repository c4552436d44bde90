/**
 * The keystroke path of one open document: keeps what the last analysis found (findings, or the
 * request sites the editor shows), moves it along with each edit, and says which part of the text
 * the next analysis must look at. An item an edit touches is dropped and its range joins the
 * changed span, so the region analysis (`analyzeChange`) finds it again or finds it gone. Pure, so
 * the editor and the benchmark share it.
 */
import { analyze, analyzeChange, hasRegionPath, type AnalyzeOptions } from './analyze';
import { moduleDeclarations } from './javascript/moduleDeclarations';
import { mapEnd, mapStart, overlaps, touches, union, type Replacement } from './edits';
import type { Span } from './model';
import type { Tree } from './parser';
import { suppressionDirectives } from './suppressions';
import type { Finding, TextEdit } from './types';

export type { Replacement } from './edits';

/** Change events kept for one document before the next analysis; past this, it analyses whole. */
const MAX_PENDING_EVENTS = 1_000;

/** What the next analysis of a version has to cover. */
export type LintPlan<T = Finding> =
  | { kind: 'full' }
  | {
      kind: 'region';
      /** The changed part of the text, in the coordinates of the planned version. */
      changed: Span;
      /** The earlier items that no edit touched, moved to the planned version's offsets. */
      kept: T[];
    };

/** How a tracker reads and moves one kind of item. */
export interface Movable<T> {
  /** The item's own range first, then every other range that must move with it (a fix's edits). */
  spans(item: T): readonly Span[];
  /** The item with its ranges replaced, given in the order `spans` returned them. */
  moved(item: T, spans: readonly Span[]): T;
}

const FINDINGS: Movable<Finding> = {
  spans: (f) => [f, ...(f.fix?.edits ?? [])],
  moved: (f, [range, ...edits]) => ({
    ...f,
    start: range.start,
    end: range.end,
    ...(f.fix ? { fix: { ...f.fix, edits: f.fix.edits.map((e, i): TextEdit => ({ ...e, start: edits[i].start, end: edits[i].end })) } } : {}),
  }),
};

interface Base<T> {
  version: number;
  items: T[];
  /** The suppression comments of the analysed text: a change to them re-analyses everything. */
  directives: string;
  /** Imports, module constants and top-level assignments: an edit in one re-analyses everything. */
  declarations: readonly Span[];
}

export class RegionTracker<T> {
  private base: Base<T> | undefined;
  private pending: Array<{ version: number; changes: readonly Replacement[]; syntax?: Span[] }> = [];

  constructor(private readonly movable: Movable<T>) {}

  /** Records one change event; `version` is the document's version after it. */
  record(version: number, changes: readonly Replacement[]): void {
    if (!this.base || version <= this.base.version) return;
    // Nobody asked for a while (lint on save, no lens shown): moving everything later costs more
    // than one whole analysis, and the events would pile up meanwhile.
    if (this.pending.length >= MAX_PENDING_EVENTS) this.reset();
    else this.pending.push({ version, changes });
  }

  /**
   * Records the ranges whose syntax changed when the tree was re-parsed at `version` (offsets of
   * that version): they join the changed span, so an edit that folds later statements into an
   * error node (or unfolds them) re-analyses all of those statements.
   */
  recordSyntax(version: number, changed: readonly Span[]): void {
    const event = this.pending.find((p) => p.version === version);
    if (event) event.syntax = [...(event.syntax ?? []), ...changed];
  }

  /**
   * What to analyse for `version` of `text`: the changed span with the items outside it, or the
   * whole text (first analysis, suppression comments changed, a change event missed).
   */
  plan(version: number, text: string): LintPlan<T> {
    const base = this.base;
    if (!base) return { kind: 'full' };
    const events = this.pending.filter((p) => p.version <= version);
    // The same version again (opened, saved): a whole analysis also finds what regions miss.
    if (events.length === 0) return { kind: 'full' };
    // Versions grow by one per change event; a gap means an event this tracker never saw.
    if (events.some((e, i) => e.version !== base.version + i + 1) || events[events.length - 1].version !== version) return { kind: 'full' };
    if (suppressionDirectives(text) !== base.directives) return { kind: 'full' };
    let items = base.items;
    let declarations = base.declarations;
    let changed: Span | undefined;
    for (const event of events) {
      for (const c of event.changes) {
        declarations = declarations.map((d) => ({ start: mapStart(d.start, c), end: mapEnd(d.end, c) }));
        if (changed) changed = { start: mapStart(changed.start, c), end: mapEnd(changed.end, c) };
        changed = union(changed, { start: c.startOffset, end: c.startOffset + c.newLength });
        const moved: T[] = [];
        for (const item of items) {
          const spans = this.movable.spans(item);
          const shifted = shiftItem(item, spans, c, this.movable);
          if (shifted) moved.push(shifted);
          else changed = union(changed, { start: mapStart(spans[0].start, c), end: mapEnd(spans[0].end, c) });
        }
        items = moved;
      }
      for (const span of event.syntax ?? []) changed = union(changed, span);
    }
    changed ??= { start: 0, end: 0 };
    // An import or module constant that was edited, or whose syntax changed (swallowed by an error
    // node after an edit elsewhere), may have changed what any request in the file reads.
    if (declarations.some((d) => overlaps(d, changed!))) return { kind: 'full' };
    return { kind: 'region', changed, kept: items };
  }

  /** The items of a whole-text analysis of `version`. */
  commitFull(version: number, text: string, items: T[], declarations: readonly Span[] = []): T[] {
    this.setBase(version, text, items, declarations);
    return items;
  }

  /**
   * The items of `version` after a region analysis: the kept ones outside `region` and the new
   * ones inside it, in document order.
   */
  commitRegion(version: number, text: string, kept: readonly T[], region: Span, found: readonly T[], declarations: readonly Span[] = []): T[] {
    const range = (item: T): Span => this.movable.spans(item)[0];
    const outside = kept.filter((item) => range(item).start < region.start || range(item).start >= region.end);
    const items = [...outside, ...found].sort((a, b) => range(a).start - range(b).start || range(a).end - range(b).end);
    this.setBase(version, text, items, declarations);
    return items;
  }

  /** Forgets everything: the next plan is a full analysis (settings changed, analysis failed). */
  reset(): void {
    this.base = undefined;
    this.pending = [];
  }

  private setBase(version: number, text: string, items: T[], declarations: readonly Span[]): void {
    this.base = { version, items, directives: suppressionDirectives(text), declarations };
    this.pending = this.pending.filter((p) => p.version > version);
  }
}

/** The item at its new offsets, or undefined when the change touches one of its ranges. */
function shiftItem<T>(item: T, spans: readonly Span[], c: Replacement, movable: Movable<T>): T | undefined {
  if (spans.some((s) => touches(s.start, s.end, c))) return undefined;
  const delta = c.newLength - c.oldLength;
  if (delta === 0 || spans.every((s) => s.end < c.startOffset)) return item;
  return movable.moved(item, spans.map((s) => (s.end < c.startOffset ? s : { start: s.start + delta, end: s.end + delta })));
}

/** The findings of one document (their fixes' edits move with them). */
export class FindingsTracker extends RegionTracker<Finding> {
  constructor() {
    super(FINDINGS);
  }
}

/** How to analyse part of a text (undefined: only the whole text can be analysed) and all of it. */
export interface RegionAnalyses<T> {
  region(changed: Span): Promise<{ items: T[]; region: Span } | undefined> | { items: T[]; region: Span } | undefined;
  whole(): Promise<T[]> | T[];
}

/**
 * Brings a tracker to `version`: analyses the changed statements when the tracker can say what
 * changed and the language has a region path, else the whole text.
 */
export async function trackVersion<T>(tracker: RegionTracker<T>, version: number, text: string, languageId: string, tree: Tree | undefined, analyses: RegionAnalyses<T>): Promise<{ items: T[]; mode: 'full' | 'region' }> {
  const declarations = tree && hasRegionPath(languageId) ? moduleDeclarations(tree) : undefined;
  const plan = tracker.plan(version, text);
  try {
    // An edit that now sits in an import or module constant may change what any request reads.
    if (plan.kind === 'region' && declarations && !declarations.some((d) => overlaps(d, plan.changed))) {
      const change = await analyses.region(plan.changed);
      if (change) return { items: tracker.commitRegion(version, text, plan.kept, change.region, change.items, declarations), mode: 'region' };
    }
    return { items: tracker.commitFull(version, text, await analyses.whole(), declarations), mode: 'full' };
  } catch (err) {
    tracker.reset();
    throw err;
  }
}

/**
 * Lints `version` of a document the way the editor does while typing (see `trackVersion`).
 * `whole` replaces the in-thread whole analysis (the editor sends large files to a worker);
 * `wholeOnly` skips the region path (a document whose statements are too slow to analyse here).
 */
export async function lintVersion(tracker: FindingsTracker, version: number, text: string, languageId: string, options: AnalyzeOptions, whole?: () => Promise<Finding[]>, wholeOnly = false): Promise<{ findings: Finding[]; mode: 'full' | 'region' }> {
  const { items, mode } = await trackVersion(tracker, version, text, languageId, options.tree, {
    region: async (changed) => {
      if (wholeOnly) return undefined;
      const change = await analyzeChange(text, languageId, changed, options);
      return change && { items: change.findings, region: change.region };
    },
    whole: whole ?? (() => analyze(text, languageId, options)),
  });
  return { findings: items, mode };
}
