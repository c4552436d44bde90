import * as assert from 'node:assert/strict';
import { isIgnored, parseGitignore } from '../../../src/cli/lint/gitignore';

function ignored(gitignore: string, path: string, isDirectory = false, base = ''): boolean {
  return isIgnored(parseGitignore(gitignore, base), path, isDirectory);
}

describe('.gitignore rules', () => {
  it('skips blank lines and comments, and honours escapes', () => {
    assert.equal(ignored('\n# a.ts\n', 'a.ts'), false);
    assert.equal(ignored('\\#a.ts', '#a.ts'), true);
    assert.equal(ignored('\\!a.ts', '!a.ts'), true);
    assert.equal(ignored('a.ts   ', 'a.ts'), true);
    assert.equal(ignored('a\\ ', 'a '), true);
  });

  it('matches a name without a slash at any depth, with a slash only from the file\'s folder', () => {
    assert.equal(ignored('x.ts', 'deep/down/x.ts'), true);
    assert.equal(ignored('/x.ts', 'deep/x.ts'), false);
    assert.equal(ignored('/x.ts', 'x.ts'), true);
    assert.equal(ignored('deep/x.ts', 'deep/x.ts'), true);
    assert.equal(ignored('deep/x.ts', 'other/deep/x.ts'), false);
  });

  it('keeps trailing-slash patterns for folders', () => {
    assert.equal(ignored('out/', 'out', true), true);
    assert.equal(ignored('out/', 'out', false), false);
  });

  it('lets the last matching rule win, so `!` re-includes', () => {
    assert.equal(ignored('*.ts\n!keep.ts', 'keep.ts'), false);
    assert.equal(ignored('!keep.ts\n*.ts', 'keep.ts'), true);
  });

  it('supports *, ?, character classes and the ** forms', () => {
    assert.equal(ignored('*.gen.ts', 'a/b.gen.ts'), true);
    assert.equal(ignored('a/*.ts', 'a/b/c.ts'), false);
    assert.equal(ignored('file?.ts', 'file1.ts'), true);
    assert.equal(ignored('file[0-9].ts', 'file7.ts'), true);
    assert.equal(ignored('file[!0-9].ts', 'file7.ts'), false);
    assert.equal(ignored('file[!0-9].ts', 'filex.ts'), true);
    assert.equal(ignored('**/cache', 'a/b/cache', true), true);
    assert.equal(ignored('**/cache', 'cache', true), true);
    assert.equal(ignored('logs/**', 'logs/a/b.ts'), true);
    assert.equal(ignored('logs/**', 'logs', true), false);
    assert.equal(ignored('a/**/z.ts', 'a/z.ts'), true);
    assert.equal(ignored('a/**/z.ts', 'a/b/c/z.ts'), true);
    assert.equal(ignored('a/**/z.ts', 'b/a/z.ts'), false);
  });

  it('applies a nested file\'s rules only below its folder', () => {
    assert.equal(ignored('/local.ts', 'lib/local.ts', false, 'lib'), true);
    assert.equal(ignored('/local.ts', 'lib/sub/local.ts', false, 'lib'), false);
    assert.equal(ignored('local.ts', 'other/local.ts', false, 'lib'), false);
    assert.equal(ignored('local.ts', 'lib/sub/local.ts', false, 'lib'), true);
  });

  it('treats regex characters in names literally', () => {
    assert.equal(ignored('a+b(1).ts', 'a+b(1).ts'), true);
    assert.equal(ignored('a.ts', 'axts'), false);
  });
});
