/**
 * Matches workspace-relative paths against `ignore` globs from `.api-doctor.jsonc`: `**` any number
 * of folders, `*` any characters within one name, `?` one character. A pattern with no `/` matches
 * a name at any depth (`*.min.js`, `generated`); a pattern that matches a folder matches everything
 * inside it (`dist`, `vendor/**`, `build/`).
 */
const cache = new Map<string, RegExp>();

function toRegExp(pattern: string): RegExp {
  let p = pattern.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  if (p.endsWith('/')) p = p.slice(0, -1);
  const anchored = p.includes('/');
  // `dist/**` is the folder and everything in it, so a scan can skip the folder as a whole.
  if (p.endsWith('/**') && p.length > 3) p = p.slice(0, -3);
  if (!anchored) p = `**/${p}`;
  else if (p.startsWith('/')) p = p.slice(1);
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*' && p[i + 1] === '*') {
      // `**/` matches zero or more folders; a trailing `**` anything.
      if (p[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}(?:/.*)?$`);
}

export function matchesGlob(path: string, pattern: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = toRegExp(pattern);
    cache.set(pattern, re);
  }
  return re.test(path.replace(/\\/g, '/').replace(/^\.\//, ''));
}

export function isIgnored(path: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => matchesGlob(path, p));
}
