/**
 * Turns the paths on the command line into the files to lint. Folders are walked in name order
 * (so output is stable), honouring `.gitignore` files at every level, including those between the
 * repository root and the folder given; `node_modules` and `.git` are never entered, symbolic links
 * are not followed, and minified or oversized files are counted instead of linted.
 */
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { languageForFileName } from '../../core/analyze';
import { UsageError } from '../command';
import { isIgnored, parseGitignore, type IgnoreRule } from './gitignore';
import { hasMinifiedName } from './minified';
import { formatSize, type SkippedFile } from './skipped';

export interface FoundFile {
  /** As given on the command line, or joined with the folder as given. */
  path: string;
  /** The command-line path it was found under. */
  given: string;
  languageId: string;
  size: number;
}

export interface FileSearch {
  files: FoundFile[];
  /** Minified by name, over the size limit, or named on the command line but of a type not linted. */
  skipped: SkippedFile[];
}

const NEVER_ENTERED = new Set(['node_modules', '.git']);

export function findFiles(paths: readonly string[], maxFileSize: number): FileSearch {
  const search: FileSearch = { files: [], skipped: [] };
  const seen = new Set<string>();
  const addUnder = (given: string) => (path: string, size: number, languageId: string): void => {
    // The real path, so that a file reached twice (a link, `a/` and `a/x.ts`) is linted, and fixed, once.
    const key = realpathOrResolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    if (hasMinifiedName(path)) search.skipped.push({ file: path, kind: 'minified', reason: 'its name says it is minified' });
    else if (size > maxFileSize) search.skipped.push({ file: path, kind: 'oversized', reason: `it has ${size} bytes, more than ${formatSize(maxFileSize)} (--max-file-size)` });
    else search.files.push({ path, given, languageId, size });
  };

  for (const given of paths) {
    const add = addUnder(given);
    const stat = statSync(given, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`no such file or folder: ${given}`);
    if (stat.isDirectory()) {
      const absolute = realpathOrResolve(given);
      const root = repositoryRoot(absolute) ?? absolute;
      const walkRoot = relative(root, absolute).split(sep).join('/');
      walk(given, walkRoot, ancestorRules(root, absolute), add);
    } else if (stat.isFile()) {
      const languageId = languageForFileName(given);
      if (languageId) add(given, stat.size, languageId);
      else search.skipped.push({ file: given, kind: 'unsupported', reason: 'API Doctor does not lint this type of file' });
    } else throw new UsageError(`not a file or folder: ${given}`);
  }
  return search;
}

/**
 * `dir` as shown to the user; `rel` the same folder relative to the repository root or the folder
 * given (forward slashes, '' for that root), for matching ignore rules; `inherited` the rules of
 * all enclosing `.gitignore` files.
 */
function walk(
  dir: string,
  rel: string,
  inherited: IgnoreRule[],
  add: (path: string, size: number, languageId: string) => void,
): void {
  const rules = inherited.concat(readGitignore(join(dir, '.gitignore'), rel));
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    const child = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (NEVER_ENTERED.has(entry.name) || isIgnored(rules, childRel, true)) continue;
      walk(child, childRel, rules, add);
    } else if (entry.isFile()) {
      const languageId = languageForFileName(entry.name);
      if (!languageId || isIgnored(rules, childRel, false)) continue;
      const stat = statSync(child, { throwIfNoEntry: false });
      if (stat) add(child, stat.size, languageId);
    }
  }
}

function readGitignore(file: string, base: string): IgnoreRule[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return parseGitignore(text, base);
}

/** The nearest enclosing folder with a `.git` entry: its `.gitignore` files up to `dir` apply too. */
function repositoryRoot(dir: string): string | undefined {
  let current = dir;
  for (;;) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Rules of the `.gitignore` files in `root` and the folders between it and `dir` (not `dir`'s own). */
function ancestorRules(root: string, dir: string): IgnoreRule[] {
  const rel = relative(root, dir);
  if (rel === '' || rel.startsWith('..')) return [];
  const parts = rel.split(sep);
  const rules: IgnoreRule[] = [];
  for (let i = 0; i < parts.length; i++) {
    const base = parts.slice(0, i).join('/');
    rules.push(...readGitignore(join(root, ...parts.slice(0, i), '.gitignore'), base));
  }
  return rules;
}

function realpathOrResolve(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
