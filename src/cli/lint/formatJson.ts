/** `--format json`: exactly one document, `{"version":1,"findings":[…]}`, nothing else. */
import type { FileFinding } from './lintFile';

export function formatJson(findings: readonly FileFinding[]): string {
  return JSON.stringify({ version: 1, findings }) + '\n';
}
