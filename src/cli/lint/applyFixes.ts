/**
 * Applies the safe fixes of a set of findings to a text. A fix is taken whole or not at all, and
 * only when none of its edits overlaps (or inserts at the same place as) an edit already taken;
 * the findings whose fix was left out are fixed on a later pass, after a fresh analysis.
 */
import type { Finding, TextEdit } from '../../core/types';

export interface FixResult {
  text: string;
  /** The findings whose fix was applied, in text order. */
  applied: Finding[];
}

export function applyFixes(text: string, findings: readonly Finding[]): FixResult {
  const candidates = findings
    .filter((f) => f.fix && f.fix.edits.length > 0)
    .sort((a, b) => firstStart(a) - firstStart(b) || a.start - b.start);
  const taken: TextEdit[] = [];
  const applied: Finding[] = [];
  for (const finding of candidates) {
    const edits = finding.fix!.edits;
    if (!edits.every((e) => isValid(e, text.length))) continue;
    const clash = edits.some((e, i) => edits.some((o, j) => i !== j && overlaps(e, o)) || taken.some((t) => overlaps(e, t)));
    if (clash) continue;
    taken.push(...edits);
    applied.push(finding);
  }
  if (taken.length === 0) return { text, applied };
  taken.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of taken) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return { text: out, applied };
}

function firstStart(f: Finding): number {
  return Math.min(...f.fix!.edits.map((e) => e.start));
}

function isValid(e: TextEdit, length: number): boolean {
  return Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.start <= e.end && e.end <= length;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}
