import * as assert from 'node:assert/strict';
import { typingPause } from '../../../src/vscode/editor/typingPause';

describe('typingPause', () => {
  it('waits 250 ms for quick files and three times a slow analysis, at most 2 s', () => {
    assert.equal(typingPause(undefined), 250);
    assert.equal(typingPause(12), 250);
    assert.equal(typingPause(100), 300);
    assert.equal(typingPause(400), 1200);
    assert.equal(typingPause(5000), 2000);
  });
});
