import * as assert from 'node:assert/strict';
import { MAX_LINT_CHARS, whyNotLinted } from '../../../src/core/tooLarge';

describe('whyNotLinted', () => {
  it('lints ordinary source, and skips huge and minified files with the reason', () => {
    const source = 'fetch("https://a.example/x");\n'.repeat(2_000);
    assert.equal(whyNotLinted(source), undefined);
    assert.equal(whyNotLinted('x'.repeat(MAX_LINT_CHARS + 1)), `it has ${MAX_LINT_CHARS + 1} characters (more than ${MAX_LINT_CHARS})`);
    const minified = `${'var a=1;'.repeat(5_000)}\n${'var b=2;'.repeat(5_000)}`;
    assert.equal(whyNotLinted(minified), 'it looks minified (40001 characters per line on average)');
  });
});
