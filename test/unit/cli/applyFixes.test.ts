import * as assert from 'node:assert/strict';
import { applyFixes } from '../../../src/cli/lint/applyFixes';
import type { Finding, TextEdit } from '../../../src/core/types';

function finding(start: number, edits: TextEdit[] | undefined): Finding {
  return { ruleId: 'r', severity: 'warning', message: 'm', start, end: start + 1, ...(edits ? { fix: { title: 't', edits } } : {}) };
}

describe('applying safe fixes', () => {
  it('applies non-overlapping fixes, several edits each, from the end so offsets hold', () => {
    const text = 'aaa bbb ccc ddd';
    const r = applyFixes(text, [
      finding(8, [{ start: 8, end: 11, newText: 'C' }]),
      finding(0, [{ start: 0, end: 3, newText: 'A' }, { start: 4, end: 7, newText: 'BBBB' }]),
    ]);
    assert.equal(r.text, 'A BBBB C ddd');
    assert.deepEqual(r.applied.map((f) => f.start), [0, 8]);
  });

  it('leaves out a fix that overlaps one already taken, whole', () => {
    const text = 'abcdef';
    const r = applyFixes(text, [
      finding(0, [{ start: 0, end: 3, newText: 'X' }]),
      finding(2, [{ start: 5, end: 6, newText: 'Y' }, { start: 2, end: 4, newText: 'Z' }]),
    ]);
    assert.equal(r.text, 'Xdef');
    assert.equal(r.applied.length, 1);
  });

  it('treats two insertions at the same offset as a conflict', () => {
    const r = applyFixes('ab', [finding(1, [{ start: 1, end: 1, newText: 'X' }]), finding(1, [{ start: 1, end: 1, newText: 'Y' }])]);
    assert.equal(r.text, 'aXb');
  });

  it('ignores findings without a fix and edits outside the text', () => {
    const r = applyFixes('abc', [finding(0, undefined), finding(1, [{ start: 2, end: 9, newText: '' }])]);
    assert.deepEqual(r, { text: 'abc', applied: [] });
  });
});
