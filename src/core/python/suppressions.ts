/**
 * Suppression comments in Python syntax, with the same meaning as the `//` ones in suppressions.ts:
 * `# api-doctor-disable-next-line [rule …]`, `# api-doctor-disable-line [rule …]` (trailing on the
 * line) and `# api-doctor-disable [rule …]` on a line of its own for the whole file. No rule list
 * means every rule; `-- reason` after the rules is allowed.
 */
import { LineIndex } from '../lineIndex';
import type { Finding } from '../types';

interface Directive {
  /** 0-based line the directive applies to; -1 for the whole file. */
  line: number;
  rules?: Set<string>;
}

const DIRECTIVE = /#[ \t]*api-doctor-(disable-next-line|disable-line|disable)\b([^\n]*)/g;

export function parsePythonSuppressions(text: string, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  if (!text.includes('api-doctor-disable')) return out;
  for (const m of text.matchAll(DIRECTIVE)) {
    const ids = m[2].split('--')[0].split(/[\s,]+/).filter((s) => s.length > 0);
    const rules = ids.length > 0 ? new Set(ids) : undefined;
    const at = m.index ?? 0;
    const { line, character } = lines.positionAt(at);
    if (m[1] === 'disable-next-line') out.push({ line: line + 1, rules });
    else if (m[1] === 'disable-line') out.push({ line, rules });
    // File-wide only as a comment of its own, so a trailing one cannot silence a whole file by accident.
    else if (text.slice(at - character, at).trim() === '') out.push({ line: -1, rules });
  }
  return out;
}

/** The findings no suppression comment covers (matched by the line a finding starts on). */
export function applyPythonSuppressions(findings: Finding[], text: string, lines = new LineIndex(text)): Finding[] {
  const directives = parsePythonSuppressions(text, lines);
  if (directives.length === 0) return findings;
  return findings.filter((f) => {
    const line = lines.positionAt(f.start).line;
    return !directives.some((d) => (d.line === -1 || d.line === line) && (!d.rules || d.rules.has(f.ruleId)));
  });
}
