/**
 * `.gitignore` rules as git reads them, for the folder walk: comments, escapes, `!` negation,
 * directory-only patterns (`build/`), anchored patterns (`/dist`, `src/gen`) and `**`. Rules from
 * deeper files come after shallower ones and the last rule that matches decides, as in git.
 */

export interface IgnoreRule {
  /** The folder of the `.gitignore` the rule comes from, relative to the walk's root ('' = root). */
  base: string;
  negate: boolean;
  dirOnly: boolean;
  /** Matches the whole path below `base` when anchored, else only the last path segment. */
  anchored: boolean;
  regex: RegExp;
}

/** Parses the text of one `.gitignore` file found in folder `base` ('' or 'a/b', forward slashes). */
export function parseGitignore(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = trimTrailingSpaces(raw);
    if (line === '' || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    }
    let dirOnly = false;
    if (line.endsWith('/') && !line.endsWith('\\/')) {
      dirOnly = true;
      line = line.replace(/\/+$/, '');
    }
    if (line === '') continue;
    // A slash at the start or in the middle ties the pattern to the .gitignore's own folder.
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    rules.push({ base, negate, dirOnly, anchored, regex: new RegExp(`^${globToRegex(line)}$`) });
  }
  return rules;
}

/** Whether `path` (relative to the walk's root, forward slashes) is ignored by `rules`. */
export function isIgnored(rules: readonly IgnoreRule[], path: string, isDirectory: boolean): boolean {
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i];
    if (rule.dirOnly && !isDirectory) continue;
    let below: string;
    if (rule.base === '') below = path;
    else if (path.startsWith(rule.base + '/')) below = path.slice(rule.base.length + 1);
    else continue;
    const subject = rule.anchored ? below : below.slice(below.lastIndexOf('/') + 1);
    if (rule.regex.test(subject)) return !rule.negate;
  }
  return false;
}

/** Trailing spaces are dropped unless escaped with a backslash. */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ' && line[end - 2] !== '\\') end--;
  return line.slice(0, end);
}

function globToRegex(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0;
      const afterSlash = i > 0 && glob[i - 1] === '/';
      const beforeSlash = glob[i + 2] === '/';
      const atEnd = i + 2 === glob.length;
      if (atStart && beforeSlash) {
        out += '(?:.*/)?'; // `**/x`: x at any depth
        i += 3;
        continue;
      }
      if (afterSlash && atEnd) {
        out += '.*'; // `x/**`: everything inside x
        i += 2;
        continue;
      }
      if (afterSlash && beforeSlash) {
        out += '(?:.*/)?'; // `a/**/b`: zero or more folders between
        i += 3;
        continue;
      }
      // Any other run of asterisks is an ordinary `*`.
      while (glob[i] === '*') i++;
      out += '[^/]*';
      continue;
    }
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const cls = characterClass(glob, i);
      if (cls) {
        out += cls.regex;
        i = cls.next;
        continue;
      }
      out += '\\[';
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[i + 1]);
      i += 2;
      continue;
    } else out += escapeRegex(c);
    i++;
  }
  return out;
}

/** `[abc]`, `[a-z]`, `[!x]` / `[^x]`; never matches `/`. Undefined when the bracket is not closed. */
function characterClass(glob: string, open: number): { regex: string; next: number } | undefined {
  let i = open + 1;
  let negate = false;
  if (glob[i] === '!' || glob[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  while (i < glob.length && (glob[i] !== ']' || first)) {
    const c = glob[i];
    if (c === '\\' && i + 1 < glob.length) {
      body += escapeClassChar(glob[i + 1]);
      i += 2;
    } else {
      body += c === '-' ? '-' : escapeClassChar(c);
      i++;
    }
    first = false;
  }
  if (i >= glob.length) return undefined;
  return { regex: negate ? `(?!/)[^${body}]` : `(?!/)[${body}]`, next: i + 1 };
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

function escapeClassChar(c: string): string {
  return /[\]\\^[]/.test(c) ? `\\${c}` : c;
}
