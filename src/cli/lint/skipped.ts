/**
 * Files that were candidates for linting but were not linted, each with the reason in words: the
 * text summary counts them by kind, `--format json` lists them, SARIF carries them as notifications.
 */
export type SkipKind = 'minified' | 'oversized' | 'unsupported' | 'unparsable' | 'overBudget';

export interface SkippedFile {
  file: string;
  kind: SkipKind;
  reason: string;
}

/** Plain code-unit order (not locale order), so output is the same on every machine. */
export function byFile(a: SkippedFile, b: SkippedFile): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** 10240 → `10 KB`, 1048576 → `1 MB`, 1000 → `1000 bytes`. */
export function formatSize(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
