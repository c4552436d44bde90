import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLEAN, LEAKY, jsonFiles, makeTree, removeTree, runCli } from './runCli';

/** A minified bundle without `.min.` in its name: a few very long lines. */
const BUNDLE = Array.from({ length: 4 }, () => `var a=1;${'x=a+1;'.repeat(200)}${LEAKY.trim()}`).join('\n');

describe('api-doctor lint: which files are linted', () => {
  let root = '';
  afterEach(() => removeTree(root));

  it('honours .gitignore at every level, with negation and folder patterns', () => {
    root = makeTree({
      '.gitignore': '# generated code\n/gen/\n*.generated.ts\nbuild/\nlogs\n!keep.generated.ts\n',
      'a.ts': LEAKY,
      'gen/out.ts': LEAKY, // anchored folder
      'src/gen/kept.ts': LEAKY, // `/gen/` is anchored to the root: not this one
      'src/x.generated.ts': LEAKY, // any level
      'src/keep.generated.ts': LEAKY, // negated
      'src/build/b.ts': LEAKY, // folder pattern at any level
      'src/build.ts': LEAKY, // `build/` matches folders only
      'src/logs/l.ts': LEAKY, // plain name matches a folder too
      'lib/.gitignore': 'secret*.ts\n!secret-ok.ts\n/local.ts\n',
      'lib/secret1.ts': LEAKY,
      'lib/secret-ok.ts': LEAKY,
      'lib/local.ts': LEAKY,
      'lib/deeper/local.ts': LEAKY, // `/local.ts` is anchored to lib/
      'lib/deeper/secret2.ts': LEAKY, // unanchored: any level below lib/
      'other/secret3.ts': LEAKY, // lib/.gitignore does not reach here
    });
    const r = runCli(['lint', '.', '--format', 'json'], root);
    assert.deepEqual(jsonFiles(r), [
      'a.ts',
      'lib/deeper/local.ts',
      'lib/secret-ok.ts',
      'other/secret3.ts',
      'src/build.ts',
      'src/gen/kept.ts',
      'src/keep.generated.ts',
    ]);
  });

  it('cannot re-include a file inside an ignored folder (as in git)', () => {
    root = makeTree({ '.gitignore': 'vendor/\n!vendor/ours.ts\n', 'vendor/ours.ts': LEAKY, 'b.ts': LEAKY });
    assert.deepEqual(jsonFiles(runCli(['lint', '.', '--format', 'json'], root)), ['b.ts']);
  });

  it('re-includes a file when only the folder contents are ignored (dir/**)', () => {
    root = makeTree({ '.gitignore': 'vendor/**\n!vendor/ours.ts\n', 'vendor/ours.ts': LEAKY, 'vendor/theirs.ts': LEAKY });
    assert.deepEqual(jsonFiles(runCli(['lint', '.', '--format', 'json'], root)), ['vendor/ours.ts']);
  });

  it('applies the .gitignore files above the folder given, up to the repository root', () => {
    root = makeTree({ '.gitignore': 'fixtures/\n', 'pkg/src/a.ts': LEAKY, 'pkg/src/fixtures/b.ts': LEAKY });
    mkdirSync(join(root, '.git'));
    assert.deepEqual(jsonFiles(runCli(['lint', 'pkg/src', '--format', 'json'], root)), ['pkg/src/a.ts']);
  });

  it('lints a file named on the command line even when a .gitignore lists it', () => {
    root = makeTree({ '.gitignore': 'a.ts\n', 'a.ts': LEAKY });
    assert.deepEqual(jsonFiles(runCli(['lint', '.', 'a.ts', '--format', 'json'], root)), ['a.ts']);
  });

  it('leaves out what the config\'s "ignore" globs name, relative to the config\'s folder', () => {
    root = makeTree({
      '.api-doctor.jsonc': '{ "ignore": ["generated", "src/legacy/**"] }',
      'src/generated/a.ts': LEAKY,
      'src/legacy/b.ts': LEAKY,
      'src/c.ts': LEAKY,
    });
    assert.deepEqual(jsonFiles(runCli(['lint', 'src', '--format', 'json'], root)), ['src/c.ts']);
  });

  it('never enters node_modules or .git', () => {
    root = makeTree({ 'node_modules/pkg/index.js': LEAKY, 'src/node_modules/x.js': LEAKY, '.git/hooks/h.js': LEAKY, 'ok.ts': CLEAN });
    const r = runCli(['lint', '.'], root);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '0 findings in 1 file\n');
  });

  it('skips minified and oversized files, counts them in the text summary and lists them in JSON', () => {
    root = makeTree({
      'app.min.js': LEAKY,
      'vendor-min.js': LEAKY,
      'bundle.js': BUNDLE,
      'big.ts': LEAKY + CLEAN.repeat(400),
      'small.ts': LEAKY,
      'notes.txt': LEAKY,
    });
    const text = runCli(['lint', '.', 'notes.txt', '--max-file-size', '10kb'], root);
    assert.equal(text.code, 1);
    assert.deepEqual(text.stdout.trimEnd().split('\n').slice(-1), [
      '1 finding in 1 file; skipped 5 files (3 minified, 1 over 10 KB, 1 of a type API Doctor does not lint)',
    ]);
    const json = runCli(['lint', '.', '--max-file-size', '10kb', '--format', 'json'], root);
    assert.deepEqual(Object.keys(JSON.parse(json.stdout) as object), ['version', 'findings', 'skipped']);
    assert.deepEqual(jsonFiles(json), ['small.ts']);
    const big = Buffer.byteLength(LEAKY + CLEAN.repeat(400));
    assert.deepEqual((JSON.parse(json.stdout) as { skipped: unknown }).skipped, [
      { file: 'app.min.js', reason: 'its name says it is minified' },
      { file: 'big.ts', reason: `it has ${big} bytes, more than 10 KB (--max-file-size)` },
      { file: 'bundle.js', reason: `it looks minified (${Math.round(BUNDLE.length / 4)} characters per line on average)` },
      { file: 'vendor-min.js', reason: 'its name says it is minified' },
    ]);
  });

  it('skips files over 1 MB by default', () => {
    root = makeTree({ 'huge.ts': LEAKY + CLEAN.repeat(Math.ceil((1024 * 1024) / CLEAN.length)), 'small.ts': CLEAN });
    assert.equal(runCli(['lint', '.'], root).stdout, '0 findings in 1 file; skipped 1 file (1 over 1 MB)\n');
  });
});
