/**
 * The edits of "Fix all": every finding's own fix, in document order, leaving out any fix that
 * overlaps one already taken (applying both would corrupt the text). Pure.
 */
import type { Finding, TextEdit } from '../../core/types';

export function fixAllEdits(findings: readonly Finding[]): TextEdit[] {
  const taken: TextEdit[] = [];
  const fixes = findings.filter((f) => f.fix && f.fix.edits.length > 0).sort((a, b) => a.start - b.start);
  for (const f of fixes) {
    const edits = f.fix!.edits;
    if (edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...edits);
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at the same point conflict too: their order would be arbitrary.
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}
