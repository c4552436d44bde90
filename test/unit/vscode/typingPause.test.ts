import * as assert from 'node:assert/strict';
import { typingPause, wholeAnalysisPause } from '../../../src/vscode/editor/typingPause';

describe('typingPause', () => {
  it('waits 250 ms for quick files and three times a slow analysis, at most 2 s', () => {
    assert.equal(typingPause(undefined), 250);
    assert.equal(typingPause(12), 250);
    assert.equal(typingPause(100), 300);
    assert.equal(typingPause(400), 1200);
    assert.equal(typingPause(5000), 2000);
  });

  it('waits 1.5 s before a whole analysis after statement-by-statement runs, ten times a slow one, at most 10 s', () => {
    assert.equal(wholeAnalysisPause(undefined), 1500);
    assert.equal(wholeAnalysisPause(40), 1500);
    assert.equal(wholeAnalysisPause(300), 3000);
    assert.equal(wholeAnalysisPause(5000), 10000);
  });
});
