/**
 * The edits behind "Disable for this line" and "Disable in this file": a suppression comment the
 * analyzer honours (core/suppressions.ts): `// api-doctor-disable-next-line <rule>` above the line
 * and `/* api-doctor-disable <rule> *\/` at the top of the file (`#` comments where the language
 * has no other). An existing comment of the same kind gets the rule appended. Pure.
 */
import type { TextEdit } from '../../core/types';

const HASH_COMMENT_LANGUAGES = new Set(['python', 'shellscript', 'http', 'yaml', 'dotenv', 'ruby', 'powershell']);

export function commentPrefix(languageId: string): string {
  return HASH_COMMENT_LANGUAGES.has(languageId) ? '#' : '//';
}

function lineAround(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return { start, end };
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Appends `ruleId` to a directive comment on this line, or returns undefined when there is none. */
function appendToDirective(text: string, line: { start: number; end: number }, directive: string, ruleId: string): TextEdit | undefined {
  const content = text.slice(line.start, line.end);
  const m = new RegExp(`^\\s*(?://|#)\\s*${directive}\\b(.*)$`).exec(content);
  if (!m) return undefined;
  const rules = m[1].split(/[\s,]+/).filter(Boolean);
  if (rules.includes(ruleId)) return { start: line.end, end: line.end, newText: '' };
  const trimmedEnd = line.start + content.replace(/\s+$/, '').length;
  return { start: trimmedEnd, end: line.end, newText: rules.length > 0 ? `, ${ruleId}` : ` ${ruleId}` };
}

export function disableForLineEdit(text: string, offset: number, ruleId: string, languageId: string): TextEdit {
  const line = lineAround(text, offset);
  if (line.start > 0) {
    const previous = lineAround(text, line.start - 1);
    const appended = appendToDirective(text, previous, 'api-doctor-disable-next-line', ruleId);
    if (appended) return appended;
  }
  const indent = /^[ \t]*/.exec(text.slice(line.start, line.end))?.[0] ?? '';
  return { start: line.start, end: line.start, newText: `${indent}${commentPrefix(languageId)} api-doctor-disable-next-line ${ruleId}${eolOf(text)}` };
}

export function disableForFileEdit(text: string, ruleId: string, languageId: string): TextEdit {
  const hash = commentPrefix(languageId) === '#';
  // After a shebang and after directive comments already at the top, which must stay first.
  let at = 0;
  if (text.startsWith('#!')) at = lineAround(text, 0).end + eolOf(text).length;
  // Python reads an encoding declaration only on the first two lines (PEP 263): it stays there.
  if (languageId === 'python' && at < text.length) {
    const line = lineAround(text, at);
    if (/^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/.test(text.slice(line.start, line.end))) at = line.end + (text.startsWith('\r\n', line.end) ? 2 : 1);
  }
  while (at < text.length) {
    const line = lineAround(text, at);
    const content = text.slice(line.start, line.end);
    const block = /^(\s*\/\*\s*api-doctor-disable(?![-\w])([^*]*?))\s*\*\/\s*$/.exec(content);
    const hashed = /^(\s*#\s*api-doctor-disable(?![-\w])(.*?))\s*$/.exec(content);
    const found = hash ? hashed : block;
    if (found) {
      const rules = found[2].split(/[\s,]+/).filter(Boolean);
      if (rules.length === 0 || rules.includes(ruleId)) return { start: line.end, end: line.end, newText: '' };
      const end = line.start + found[1].length;
      return { start: end, end, newText: `, ${ruleId}` };
    }
    if (!/^\s*(?:\/\/|\/\*|#)\s*api-doctor-/.test(content)) break;
    at = line.end + (text.startsWith('\r\n', line.end) ? 2 : 1);
  }
  at = Math.min(at, text.length);
  const comment = hash ? `# api-doctor-disable ${ruleId}` : `/* api-doctor-disable ${ruleId} */`;
  return { start: at, end: at, newText: `${comment}${eolOf(text)}` };
}
