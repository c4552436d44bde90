/**
 * `--format json`: exactly one document, `{"version":1,"findings":[…]}`, nothing else. Files that
 * were not linted add `"skipped":[{"file","reason"}]` after the findings, only when there are some,
 * so a clean run prints the same document as before.
 */
import type { FileFinding } from './lintFile';
import type { SkippedFile } from './skipped';

export function formatJson(findings: readonly FileFinding[], skipped: readonly SkippedFile[] = []): string {
  if (skipped.length === 0) return JSON.stringify({ version: 1, findings }) + '\n';
  return JSON.stringify({ version: 1, findings, skipped: skipped.map((s) => ({ file: s.file, reason: s.reason })) }) + '\n';
}
