import * as assert from 'node:assert/strict';
import { isIgnored, matchesGlob } from '../../../src/core/glob';

describe('matchesGlob', () => {
  const cases: [string, string, boolean][] = [
    ['dist/cli.js', 'dist/**', true],
    ['dist', 'dist/**', true],
    ['src/dist/cli.js', 'dist/**', false],
    ['src/a/b/c.ts', 'src/**/*.ts', true],
    ['src/c.ts', 'src/**/*.ts', true],
    ['src/c.tsx', 'src/**/*.ts', false],
    ['lib/vendor.min.js', '*.min.js', true],
    ['deep/down/x.min.js', '*.min.js', true],
    ['x.min.jsx', '*.min.js', false],
    ['node_modules/a/index.js', 'node_modules', true],
    ['packages/p/node_modules/a/index.js', 'node_modules', true],
    ['build/out.js', 'build/', true],
    ['rebuild/out.js', 'build/', false],
    ['test/fixtures/a.ts', './test/fixtures', true],
    ['test/fixture.ts', 'test/fixture?.ts', false],
    ['test/fixtureS.ts', 'test/fixture?.ts', true],
    ['a/b.ts', 'a/*.ts', true],
    ['a/c/b.ts', 'a/*.ts', false],
    ['src\\win\\path.ts', 'src/**', true],
    ['a+b(1).ts', 'a+b(1).ts', true],
    ['src/generated/api.ts', '**/generated/**', true],
  ];
  for (const [path, pattern, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.equal(matchesGlob(path, pattern), expected);
    });
  }

  it('isIgnored is true when any pattern matches', () => {
    assert.equal(isIgnored('dist/a.js', ['src/**', 'dist']), true);
    assert.equal(isIgnored('lib/a.js', ['src/**', 'dist']), false);
  });
});
