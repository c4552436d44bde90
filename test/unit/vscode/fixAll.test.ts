import * as assert from 'node:assert/strict';
import { fixAllEdits } from '../../../src/vscode/editor/fixAll';
import type { Finding } from '../../../src/core/types';

function finding(start: number, end: number, edits: Array<[number, number, string]> | undefined): Finding {
  return {
    ruleId: 'r', severity: 'warning', message: 'm', start, end,
    fix: edits && { title: 'fix', edits: edits.map(([s, e, newText]) => ({ start: s, end: e, newText })) },
  };
}

describe('fixAllEdits', () => {
  it('takes every fix in document order and skips fixes that overlap one already taken', () => {
    const edits = fixAllEdits([
      finding(30, 35, [[30, 35, 'c']]),
      finding(0, 5, [[0, 5, 'a'], [40, 40, 'tail']]),
      finding(3, 8, [[3, 8, 'overlaps a']]),
      finding(10, 12, undefined),
      finding(40, 41, [[40, 40, 'same insertion point']]),
    ]);
    assert.deepEqual(edits, [
      { start: 0, end: 5, newText: 'a' },
      { start: 30, end: 35, newText: 'c' },
      { start: 40, end: 40, newText: 'tail' },
    ]);
  });

  it('returns nothing when no finding has a fix', () => {
    assert.deepEqual(fixAllEdits([finding(0, 1, undefined)]), []);
  });
});
