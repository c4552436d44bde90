/**
 * The keystroke path of one open document: keeps the findings of the last analysis, moves them
 * along with each edit, and says which part of the text the next analysis must look at. A finding
 * an edit touches is dropped and its range joins the changed span, so the region analysis
 * (`analyzeChange`) finds it again or finds it gone. Pure, so the editor and the benchmark share it.
 */
import { analyze, analyzeChange, hasRegionPath, type AnalyzeOptions } from './analyze';
import { moduleDeclarations } from './javascript/moduleDeclarations';
import type { Span } from './model';
import { suppressionDirectives } from './suppressions';
import type { Finding, TextEdit } from './types';

/** One replacement, in the coordinates of the text before it. */
export interface Replacement {
  startOffset: number;
  oldLength: number;
  /** Length of the inserted text. */
  newLength: number;
}

/** What the next analysis of a version has to cover. */
export type LintPlan =
  | { kind: 'full' }
  | {
      kind: 'region';
      /** The changed part of the text, in the coordinates of the planned version. */
      changed: Span;
      /** The earlier findings that no edit touched, moved to the planned version's offsets. */
      kept: Finding[];
    };

interface Base {
  version: number;
  findings: Finding[];
  /** The suppression comments of the analysed text: a change to them re-analyses everything. */
  directives: string;
  /** Imports, module constants and top-level assignments: an edit in one re-analyses everything. */
  declarations: readonly Span[];
}

export class FindingsTracker {
  private base: Base | undefined;
  private pending: Array<{ version: number; changes: readonly Replacement[]; syntax?: Span[] }> = [];

  /** Records one change event; `version` is the document's version after it. */
  record(version: number, changes: readonly Replacement[]): void {
    if (this.base && version > this.base.version) this.pending.push({ version, changes });
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
   * What to analyse for `version` of `text`: the changed span with the findings outside it, or the
   * whole text (first analysis, suppression comments changed, a change event missed).
   */
  plan(version: number, text: string): LintPlan {
    const base = this.base;
    if (!base) return { kind: 'full' };
    const events = this.pending.filter((p) => p.version <= version);
    // The same version again (opened, saved): a whole analysis also finds what regions miss.
    if (events.length === 0) return { kind: 'full' };
    // Versions grow by one per change event; a gap means an event this tracker never saw.
    if (events.some((e, i) => e.version !== base.version + i + 1) || events[events.length - 1].version !== version) return { kind: 'full' };
    if (suppressionDirectives(text) !== base.directives) return { kind: 'full' };
    let findings = base.findings;
    let declarations = base.declarations;
    let changed: Span | undefined;
    for (const event of events) {
      for (const c of event.changes) {
        if (declarations.some((d) => touches(d.start, d.end, c))) return { kind: 'full' };
        declarations = declarations.map((d) => ({ start: mapStart(d.start, c), end: mapEnd(d.end, c) }));
        if (changed) changed = { start: mapStart(changed.start, c), end: mapEnd(changed.end, c) };
        changed = union(changed, { start: c.startOffset, end: c.startOffset + c.newLength });
        const moved: Finding[] = [];
        for (const f of findings) {
          const shifted = shiftFinding(f, c);
          if (shifted) moved.push(shifted);
          else changed = union(changed, { start: mapStart(f.start, c), end: mapEnd(f.end, c) });
        }
        findings = moved;
      }
      for (const span of event.syntax ?? []) changed = union(changed, span);
    }
    return { kind: 'region', changed: changed ?? { start: 0, end: 0 }, kept: findings };
  }

  /** The findings of a whole-text analysis of `version`. */
  commitFull(version: number, text: string, findings: Finding[], declarations: readonly Span[] = []): Finding[] {
    this.setBase(version, text, findings, declarations);
    return findings;
  }

  /**
   * The findings of `version` after a region analysis: the kept ones outside `region` and the new
   * ones inside it, in document order.
   */
  commitRegion(version: number, text: string, kept: readonly Finding[], region: Span, found: readonly Finding[], declarations: readonly Span[] = []): Finding[] {
    const outside = kept.filter((f) => f.start < region.start || f.start >= region.end);
    const findings = [...outside, ...found].sort((a, b) => a.start - b.start || a.end - b.end);
    this.setBase(version, text, findings, declarations);
    return findings;
  }

  /** Forgets everything: the next plan is a full analysis (settings changed, analysis failed). */
  reset(): void {
    this.base = undefined;
    this.pending = [];
  }

  private setBase(version: number, text: string, findings: Finding[], declarations: readonly Span[]): void {
    this.base = { version, findings, directives: suppressionDirectives(text), declarations };
    this.pending = this.pending.filter((p) => p.version > version);
  }
}

/** A point before the change stays; after it, moves by the change's length difference. */
function mapStart(offset: number, c: Replacement): number {
  if (offset <= c.startOffset) return offset;
  if (offset >= c.startOffset + c.oldLength) return offset + c.newLength - c.oldLength;
  return c.startOffset;
}

function mapEnd(offset: number, c: Replacement): number {
  if (offset < c.startOffset) return offset;
  if (offset >= c.startOffset + c.oldLength) return offset + c.newLength - c.oldLength;
  return c.startOffset + c.newLength;
}

/** The finding at its new offsets, or undefined when the change touches it or one of its fix edits. */
function shiftFinding(f: Finding, c: Replacement): Finding | undefined {
  const delta = c.newLength - c.oldLength;
  const side = (start: number, end: number): 'before' | 'after' | 'touched' => (end < c.startOffset ? 'before' : touches(start, end, c) ? 'touched' : 'after');
  const where = side(f.start, f.end);
  if (where === 'touched') return undefined;
  const edits = f.fix?.edits ?? [];
  const sides = edits.map((e) => side(e.start, e.end));
  if (sides.includes('touched')) return undefined;
  if (delta === 0 || (where === 'before' && sides.every((s) => s === 'before'))) return f;
  const move = (start: number, end: number, s: 'before' | 'after'): { start: number; end: number } => (s === 'after' ? { start: start + delta, end: end + delta } : { start, end });
  const moved: Finding = { ...f, ...move(f.start, f.end, where) };
  if (f.fix) moved.fix = { ...f.fix, edits: edits.map((e, i): TextEdit => ({ ...e, ...move(e.start, e.end, sides[i] as 'before' | 'after') })) };
  return moved;
}

/** Whether the change touches the range; touching counts: typing right after a string can change what the string is part of. */
function touches(start: number, end: number, c: Replacement): boolean {
  return end >= c.startOffset && start <= c.startOffset + c.oldLength;
}

function union(a: Span | undefined, b: Span): Span {
  return a ? { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) } : b;
}

/**
 * Lints `version` of a document the way the editor does while typing: the changed statements when
 * the tracker can say what changed and the language has a region path, else the whole text.
 */
export async function lintVersion(tracker: FindingsTracker, version: number, text: string, languageId: string, options: AnalyzeOptions): Promise<{ findings: Finding[]; mode: 'full' | 'region' }> {
  const declarations = options.tree && hasRegionPath(languageId) ? moduleDeclarations(options.tree) : undefined;
  const plan = tracker.plan(version, text);
  try {
    // An edit that now sits in an import or module constant may change what any request reads.
    if (plan.kind === 'region' && declarations && !declarations.some((d) => d.start <= plan.changed.end && d.end >= plan.changed.start)) {
      const change = await analyzeChange(text, languageId, plan.changed, options);
      if (change) return { findings: tracker.commitRegion(version, text, plan.kept, change.region, change.findings, declarations), mode: 'region' };
    }
    return { findings: tracker.commitFull(version, text, await analyze(text, languageId, options), declarations), mode: 'full' };
  } catch (err) {
    tracker.reset();
    throw err;
  }
}
