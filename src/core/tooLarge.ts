/**
 * Files the editor does not lint, with the reason it logs: parsing a multi-megabyte or minified
 * file on the extension host would stall every other extension for a noticeable time.
 */
export const MAX_LINT_CHARS = 2_000_000;
/** Minified bundles have very long lines; real source rarely passes this. */
export const MAX_AVERAGE_LINE = 500;

export function whyNotLinted(text: string): string | undefined {
  if (text.length > MAX_LINT_CHARS) return `it has ${text.length} characters (more than ${MAX_LINT_CHARS})`;
  if (text.length > 20_000) {
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    const average = text.length / lines;
    if (average > MAX_AVERAGE_LINE) return `it looks minified (${Math.round(average)} characters per line on average)`;
  }
  return undefined;
}
