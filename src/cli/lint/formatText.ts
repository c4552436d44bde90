/** The human output: one `path:line:col: severity rule-id: message` line per finding, then a summary. */
import type { FileFinding, FixedProblem } from './lintFile';
import { formatSize, type SkipKind, type SkippedFile } from './skipped';

export function formatFixes(fixed: readonly FixedProblem[]): string {
  if (fixed.length === 0) return '';
  const files = new Set(fixed.map((f) => f.file)).size;
  const lines = fixed.map((f) => `${f.file}:${f.line}:${f.column}: fixed ${f.ruleId}: ${f.title}`);
  lines.push(`fixed ${plural(fixed.length, 'problem')} in ${plural(files, 'file')}`);
  return lines.join('\n') + '\n';
}

export interface TextLimits {
  maxFileSize: number;
  maxFileMs: number;
  /** `--verbose`: one line per skipped file with its reason. */
  verbose: boolean;
}

export function formatText(findings: readonly FileFinding[], linted: number, skipped: readonly SkippedFile[], limits: TextLimits): string {
  const lines = findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.ruleId}: ${f.message}`);
  // Files stopped by the time budget are always named: they may hide findings, and the budget can be raised.
  for (const s of skipped) if (limits.verbose || s.kind === 'overBudget') lines.push(`${s.file}: skipped: ${s.reason}`);
  let summary = `${plural(findings.length, 'finding')} in ${plural(linted, 'file')}`;
  const label: Record<SkipKind, string> = {
    minified: 'minified',
    oversized: `over ${formatSize(limits.maxFileSize)}`,
    unsupported: 'of a type API Doctor does not lint',
    unparsable: 'with thousands of unclosed brackets',
    overBudget: `over the ${limits.maxFileMs} ms time budget`,
  };
  const reasons: string[] = [];
  for (const kind of Object.keys(label) as SkipKind[]) {
    const n = skipped.filter((s) => s.kind === kind).length;
    if (n) reasons.push(`${n} ${label[kind]}`);
  }
  if (skipped.length) summary += `; skipped ${plural(skipped.length, 'file')} (${reasons.join(', ')})`;
  lines.push(summary);
  return lines.join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
