/**
 * JSON files API Doctor does not read, with the reason the editor logs: lock files (thousands of
 * URLs and hashes, written by a tool, not by the user), huge files and files that are plainly data.
 */
import type { Node } from 'jsonc-parser';

export const MAX_JSON_CHARS = 1_000_000;
export const MAX_DATA_ITEMS = 10_000;

const LOCK_FILES = /(^|[\\/])(package-lock|npm-shrinkwrap)\.json$/i;

/** A reason known before parsing: size, or a lock file by name. */
export function whySkippedBeforeParse(text: string, fileName?: string): string | undefined {
  if (fileName && LOCK_FILES.test(fileName)) return 'it is a lock file written by a package manager';
  if (text.length > MAX_JSON_CHARS) return `it has ${text.length} characters (more than ${MAX_JSON_CHARS})`;
  return undefined;
}

/** A reason the parsed content gives: an npm lock file by its content, or a data array. */
export function whySkippedAfterParse(root: Node): string | undefined {
  if (root.type === 'object' && root.children?.some((p) => p.children?.[0]?.value === 'lockfileVersion')) return 'it is a lock file written by a package manager';
  const arrays = root.type === 'array' ? [root] : (root.children ?? []).map((p) => p.children?.[1]).filter((v): v is Node => v?.type === 'array');
  const big = arrays.find((a) => (a.children?.length ?? 0) > MAX_DATA_ITEMS);
  if (big) return `it looks like data, not configuration (an array of ${big.children!.length} items)`;
  return undefined;
}
