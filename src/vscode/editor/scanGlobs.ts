/**
 * The include and exclude globs of the workspace scan: file extensions of the linted languages;
 * `files.exclude`, the folder's `.gitignore` and `apiDoctor.ignore`. `findFiles` takes one exclude
 * glob and, when given one, no longer applies `files.exclude` itself, so all three are merged here.
 * Pure.
 */

/** Folders no scan wants, whatever the ignore files say. */
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**'];

export const EXTENSIONS_BY_LANGUAGE: Record<string, string[]> = {
  javascript: ['js', 'mjs', 'cjs'],
  javascriptreact: ['jsx'],
  typescript: ['ts', 'mts', 'cts'],
  typescriptreact: ['tsx'],
  python: ['py'],
  go: ['go'],
  shellscript: ['sh', 'bash', 'zsh'],
  http: ['http', 'rest'],
  json: ['json'],
  jsonc: ['jsonc'],
};

export function includeGlob(languages: readonly string[]): string | undefined {
  const exts = [...new Set(languages.flatMap((l) => EXTENSIONS_BY_LANGUAGE[l] ?? []))];
  if (exts.length === 0) return undefined;
  return exts.length === 1 ? `**/*.${exts[0]}` : `**/*.{${exts.join(',')}}`;
}

/** `.gitignore` lines as workspace-relative globs. Negations (`!keep`) cannot be expressed and are skipped. */
export function gitignoreGlobs(text: string): string[] {
  const globs: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    line = line.replace(/\\([#! ])/g, '$1');
    // Braces and commas would break the `{a,b}` union findFiles gets.
    if (/[{},]/.test(line)) continue;
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.startsWith('/') || line.slice(0, -1).includes('/');
    line = line.replace(/^\//, '');
    if (!line) continue;
    const base = anchored || line.startsWith('**/') ? line : `**/${line}`;
    globs.push(`${base}/**`);
    if (!dirOnly) globs.push(base);
  }
  return globs;
}

/** `files.exclude` entries that are on (`true`); `{ when: … }` entries depend on siblings and are left out. */
export function filesExcludeGlobs(setting: unknown): string[] {
  if (!setting || typeof setting !== 'object') return [];
  return Object.entries(setting as Record<string, unknown>).filter(([glob, on]) => on === true && !/[{},]/.test(glob)).map(([glob]) => glob);
}

export function excludeGlob(filesExclude: unknown, gitignore: string | undefined, ignore: readonly string[]): string {
  const all = [...ALWAYS_EXCLUDED, ...filesExcludeGlobs(filesExclude), ...(gitignore ? gitignoreGlobs(gitignore) : []), ...ignore.filter((g) => !/[{},]/.test(g))];
  return `{${[...new Set(all)].join(',')}}`;
}
