import * as assert from 'node:assert/strict';
import { oneLine } from '../../../src/cli/command';

describe('one-line error messages', () => {
  it('keeps the first non-empty line of the message, never the stack', () => {
    assert.equal(oneLine(new Error('\nCannot find module x\nRequire stack:\n- a.js')), 'Cannot find module x');
    assert.equal(oneLine('plain text'), 'plain text');
  });

  it('masks credential-looking words that an error may quote from the source', () => {
    assert.equal(oneLine(new Error('Invalid regular expression: /\\b(k = "sk_live_4eC39HqLyjWDarjtT1zdp7dc")/')), 'Invalid regular expression: /\\b(k = "sk_l…dc")/');
  });

  it('cuts very long messages short', () => {
    const line = oneLine(new Error('x '.repeat(400)));
    assert.equal(line.length, 300);
    assert.ok(line.endsWith('…'));
  });
});
