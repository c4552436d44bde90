import * as assert from 'node:assert/strict';
import { excludeGlob, filesExcludeGlobs, gitignoreGlobs, includeGlob } from '../../../src/vscode/editor/scanGlobs';

describe('workspace scan globs', () => {
  it('includes the file extensions of the linted languages', () => {
    assert.equal(includeGlob(['typescript', 'javascriptreact']), '**/*.{ts,mts,cts,jsx}');
    assert.equal(includeGlob(['go']), '**/*.go');
    assert.equal(includeGlob(['cobol']), undefined);
  });

  it('turns .gitignore lines into workspace-relative globs', () => {
    const text = '# build output\ndist/\n/coverage\nlogs/*.log\n*.min.js\n!keep.min.js\n\\#notes\nweird{a,b}\n\n';
    assert.deepEqual(gitignoreGlobs(text), [
      '**/dist/**',
      'coverage/**', 'coverage',
      'logs/*.log/**', 'logs/*.log',
      '**/*.min.js/**', '**/*.min.js',
      '**/#notes/**', '**/#notes',
    ]);
  });

  it('keeps only the files.exclude entries that are switched on', () => {
    assert.deepEqual(filesExcludeGlobs({ '**/.git': true, '**/out': false, '**/*.js': { when: '$(basename).ts' } }), ['**/.git']);
    assert.deepEqual(filesExcludeGlobs(undefined), []);
  });

  it('merges everything into one brace union without duplicates', () => {
    assert.equal(excludeGlob({ '**/.git/**': true }, 'build/\n', ['**/fixtures/**']), '{**/node_modules/**,**/.git/**,**/build/**,**/fixtures/**}');
  });
});
