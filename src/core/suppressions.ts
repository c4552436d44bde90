/**
 * Suppression comments: `// api-doctor-disable-next-line [rule …]`, `// api-doctor-disable-line
 * [rule …]` (trailing on the line) and `/* api-doctor-disable [rule …] *\/` for the whole file.
 * No rule list means every rule. Read from the text with one regular expression: cheaper than a
 * query for comments, and the directive is distinctive enough not to appear by chance.
 */
import { LineIndex } from './lineIndex';
import type { Finding } from './types';

interface Directive {
  /** 0-based line the directive applies to; -1 for the whole file. */
  line: number;
  /** Rule ids, or undefined for all rules. */
  rules?: Set<string>;
}

const DIRECTIVE = /(?:\/\/|\/\*)[ \t]*api-doctor-(disable-next-line|disable-line|disable)\b([^\n]*)/g;

/** Every suppression comment of the text, as one string: when it changes, what is suppressed may change anywhere. */
export function suppressionDirectives(text: string): string {
  if (!text.includes('api-doctor-disable')) return '';
  return Array.from(text.matchAll(DIRECTIVE), (m) => m[0]).join('\n');
}

export function parseSuppressions(text: string, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  if (!text.includes('api-doctor-disable')) return out;
  for (const m of text.matchAll(DIRECTIVE)) {
    let rest = m[2];
    const close = rest.indexOf('*/');
    if (m[0].startsWith('/*')) {
      if (close < 0) continue;
      rest = rest.slice(0, close);
    }
    // `-- reason` after the rules is allowed, as in ESLint.
    rest = rest.split('--')[0];
    const ids = rest.split(/[\s,]+/).filter((s) => s.length > 0);
    const rules = ids.length > 0 ? new Set(ids) : undefined;
    const line = lines.positionAt(m.index).line;
    if (m[1] === 'disable-next-line') out.push({ line: line + 1, rules });
    else if (m[1] === 'disable-line') out.push({ line, rules });
    else if (m[0].startsWith('/*')) out.push({ line: -1, rules });
  }
  return out;
}

/** The findings no suppression comment covers (matched by the line a finding starts on). */
export function applySuppressions(findings: Finding[], text: string, given?: LineIndex): Finding[] {
  // Most files have no directive: skip building a line index for them.
  if (findings.length === 0 || !text.includes('api-doctor-disable')) return findings;
  const lines = given ?? new LineIndex(text);
  const directives = parseSuppressions(text, lines);
  if (directives.length === 0) return findings;
  return findings.filter((f) => {
    const line = lines.positionAt(f.start).line;
    return !directives.some((d) => (d.line === -1 || d.line === line) && (!d.rules || d.rules.has(f.ruleId)));
  });
}
