/**
 * Suppression comments for formats whose comments are not JavaScript's: `.http` files (`#` and
 * `//` line comments) and JSONC (`//`, `/* … *\/`). The caller hands over the real comments, so a
 * directive-looking text inside a URL or a JSON string never counts.
 *
 *   # api-doctor-disable-next-line key-in-url      the next line
 *   // api-doctor-disable-line                     this line (JSONC only: .http has no trailing comments)
 *   # api-doctor-disable hardcoded-key             the whole file
 */
import { LineIndex } from '../lineIndex';
import type { Finding } from '../types';

export interface Comment {
  /** The comment with its markers (`# …`, `// …`, `/* … *\/`). */
  text: string;
  start: number;
}

interface Directive {
  /** 0-based line; -1 for the whole file. */
  line: number;
  rules?: Set<string>;
}

const DIRECTIVE = /^(?:#|\/\/|\/\*)[ \t]*api-doctor-(disable-next-line|disable-line|disable)\b(.*)$/s;

function directives(comments: readonly Comment[], lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.text.trim());
    if (!m) continue;
    // `-- reason` after the rules is allowed, as in the JavaScript comments.
    const rest = m[2].replace(/\*\/$/, '').split('--')[0];
    const ids = rest.split(/[\s,]+/).filter((s) => s.length > 0);
    const rules = ids.length > 0 ? new Set(ids) : undefined;
    const line = lines.positionAt(c.start).line;
    if (m[1] === 'disable-next-line') out.push({ line: line + 1, rules });
    else if (m[1] === 'disable-line') out.push({ line, rules });
    else out.push({ line: -1, rules });
  }
  return out;
}

/** The findings that no directive among `comments` covers (matched by the line a finding starts on). */
export function applyCommentSuppressions(findings: Finding[], comments: readonly Comment[], text: string): Finding[] {
  if (findings.length === 0 || !text.includes('api-doctor-disable')) return findings;
  const lines = new LineIndex(text);
  const list = directives(comments, lines);
  if (list.length === 0) return findings;
  return findings.filter((f) => {
    const line = lines.positionAt(f.start).line;
    return !list.some((d) => (d.line === -1 || d.line === line) && (!d.rules || d.rules.has(f.ruleId)));
  });
}

/** The whole-line comments of a `.http` file (request separators `###` are not comments). */
export function httpComments(text: string): Comment[] {
  const out: Comment[] = [];
  const re = /^[ \t]*(?!###)(?:#|\/\/)[^\r\n]*/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push({ text: m[0], start: m.index });
  return out;
}
