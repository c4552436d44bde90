import * as assert from 'node:assert/strict';
import { UsageError } from '../../../src/cli/command';
import { DEFAULT_MAX_FILE_SIZE, parseLintArgs } from '../../../src/cli/lint/options';

describe('api-doctor lint options', () => {
  it('defaults to the current folder, text, one worker per core, 1 MB', () => {
    const o = parseLintArgs([]);
    assert.deepEqual([o.paths, o.format, o.fix, o.jobs, o.maxFileSize, o.config], [['.'], 'text', false, 'auto', DEFAULT_MAX_FILE_SIZE, undefined]);
    assert.equal(DEFAULT_MAX_FILE_SIZE, 1024 * 1024);
  });

  it('reads values after a space or an equals sign, and paths anywhere', () => {
    const o = parseLintArgs(['src', '--format=sarif', '--jobs', '3', 'lib', '--config', 'x.jsonc', '--fix']);
    assert.deepEqual([o.paths, o.format, o.jobs, o.config, o.fix], [['src', 'lib'], 'sarif', 3, 'x.jsonc', true]);
  });

  it('treats everything after -- as a path', () => {
    assert.deepEqual(parseLintArgs(['--', '--fix', '-x.ts']).paths, ['--fix', '-x.ts']);
  });

  it('reads sizes in bytes, KB and MB', () => {
    assert.equal(parseLintArgs(['--max-file-size', '2048']).maxFileSize, 2048);
    assert.equal(parseLintArgs(['--max-file-size', '500kb']).maxFileSize, 500 * 1024);
    assert.equal(parseLintArgs(['--max-file-size=1.5MB']).maxFileSize, 1.5 * 1024 * 1024);
    assert.throws(() => parseLintArgs(['--max-file-size', 'huge']), UsageError);
  });

  it('refuses a missing value rather than taking the next option as one', () => {
    assert.throws(() => parseLintArgs(['--config', '--fix']), /--config needs a value/);
  });
});
