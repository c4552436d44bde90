/**
 * Minified bundles are skipped: they are not code anyone edits, they parse slowly, and a finding
 * on column 48,000 of line 1 helps nobody. Known by name (`app.min.js`) or by very long lines.
 */

/** Shorter files are linted whatever their shape: they cost little. */
const MIN_CHARS = 2_000;
/** Hand-written and generated source stays far below this average line length. */
const MAX_AVERAGE_LINE = 300;

export function hasMinifiedName(path: string): boolean {
  return /[.-]min\.[cm]?[jt]sx?$/i.test(path);
}

/** Why the text counts as minified, in words, or undefined. */
export function minifiedReason(text: string): string | undefined {
  if (text.length < MIN_CHARS) return undefined;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const average = text.length / lines;
  return average > MAX_AVERAGE_LINE ? `it looks minified (${Math.round(average)} characters per line on average)` : undefined;
}
