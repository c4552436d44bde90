/** The human output: one `path:line:col: severity rule-id: message` line per finding, then a summary. */
import type { FileFinding, FixedProblem } from './lintFile';
import type { SkippedFiles } from './findFiles';

export function formatFixes(fixed: readonly FixedProblem[]): string {
  if (fixed.length === 0) return '';
  const files = new Set(fixed.map((f) => f.file)).size;
  const lines = fixed.map((f) => `${f.file}:${f.line}:${f.column}: fixed ${f.ruleId}: ${f.title}`);
  lines.push(`fixed ${plural(fixed.length, 'problem')} in ${plural(files, 'file')}`);
  return lines.join('\n') + '\n';
}

export function formatText(findings: readonly FileFinding[], linted: number, skipped: SkippedFiles, maxFileSize: number): string {
  const lines = findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.ruleId}: ${f.message}`);
  let summary = `${plural(findings.length, 'finding')} in ${plural(linted, 'file')}`;
  const reasons: string[] = [];
  if (skipped.minified) reasons.push(`${skipped.minified} minified`);
  if (skipped.oversized) reasons.push(`${skipped.oversized} over ${formatSize(maxFileSize)}`);
  if (skipped.unsupported) reasons.push(`${skipped.unsupported} of a type API Doctor does not lint`);
  const total = skipped.minified + skipped.oversized + skipped.unsupported;
  if (total) summary += `; skipped ${plural(total, 'file')} (${reasons.join(', ')})`;
  lines.push(summary);
  return lines.join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatSize(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
