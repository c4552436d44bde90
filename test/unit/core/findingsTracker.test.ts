/**
 * The keystroke path's bookkeeping: findings move with edits, touched ones are re-analysed, and
 * after any sequence of edits the tracked findings equal a full analysis of the text.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';
import { FindingsTracker, lintVersion } from '../../../src/core/findingsTracker';
import { parse } from '../../../src/core/parser';
import type { Finding } from '../../../src/core/types';
import { EDIT_COUNT, editAtRandom, jsFixtures } from './randomEdits';

const finding = (start: number, end: number, fix?: Array<[number, number]>): Finding => ({
  ruleId: 'key-in-url',
  severity: 'warning',
  message: `at ${start}`,
  start,
  end,
  ...(fix ? { fix: { title: 'fix', edits: fix.map(([s, e]) => ({ start: s, end: e, newText: 'x' })) } } : {}),
});
const TEXT = 'x'.repeat(200);
const spans = (fs: readonly Finding[]): Array<[number, number]> => fs.map((f) => [f.start, f.end]);

describe('FindingsTracker', () => {
  it('plans a full analysis before the first one and for the same version again', () => {
    const t = new FindingsTracker();
    assert.deepEqual(t.plan(1, TEXT), { kind: 'full' });
    t.commitFull(1, TEXT, [finding(10, 20)]);
    assert.deepEqual(t.plan(1, TEXT), { kind: 'full' });
  });

  it('moves findings after an insertion and keeps those before it', () => {
    const t = new FindingsTracker();
    t.commitFull(1, TEXT, [finding(10, 20), finding(100, 110, [[150, 160]])]);
    t.record(2, [{ startOffset: 50, oldLength: 0, newLength: 3 }]);
    const plan = t.plan(2, TEXT);
    assert.equal(plan.kind, 'region');
    if (plan.kind !== 'region') return;
    assert.deepEqual(plan.changed, { start: 50, end: 53 });
    assert.deepEqual(spans(plan.kept), [[10, 20], [103, 113]]);
    assert.deepEqual(plan.kept[1].fix!.edits.map((e) => [e.start, e.end]), [[153, 163]]);
  });

  it('drops a finding an edit touches and widens the changed span to it', () => {
    const t = new FindingsTracker();
    t.commitFull(1, TEXT, [finding(10, 20), finding(40, 60), finding(100, 110)]);
    // Deletes 45..50, inside the second finding.
    t.record(2, [{ startOffset: 45, oldLength: 5, newLength: 0 }]);
    const plan = t.plan(2, TEXT);
    assert.ok(plan.kind === 'region');
    assert.deepEqual(plan.changed, { start: 40, end: 55 });
    assert.deepEqual(spans(plan.kept), [[10, 20], [95, 105]]);
  });

  it('counts typing right after a finding as touching it', () => {
    const t = new FindingsTracker();
    t.commitFull(1, TEXT, [finding(10, 20)]);
    t.record(2, [{ startOffset: 20, oldLength: 0, newLength: 1 }]);
    const plan = t.plan(2, TEXT);
    assert.ok(plan.kind === 'region');
    assert.deepEqual(plan.kept, []);
    assert.deepEqual(plan.changed, { start: 10, end: 21 });
  });

  it('drops a finding whose fix edit the change touches, though the finding itself is far away', () => {
    const t = new FindingsTracker();
    t.commitFull(1, TEXT, [finding(100, 110, [[0, 0]])]);
    t.record(2, [{ startOffset: 0, oldLength: 0, newLength: 2 }]);
    const plan = t.plan(2, TEXT);
    assert.ok(plan.kind === 'region');
    assert.deepEqual(plan.kept, []);
    assert.deepEqual(plan.changed, { start: 0, end: 112 });
  });

  it('maps the span of an earlier event through later ones', () => {
    const t = new FindingsTracker();
    t.commitFull(1, TEXT, []);
    t.record(2, [{ startOffset: 100, oldLength: 0, newLength: 1 }]);
    t.record(3, [{ startOffset: 10, oldLength: 0, newLength: 5 }]);
    const plan = t.plan(3, TEXT);
    assert.ok(plan.kind === 'region');
    assert.deepEqual(plan.changed, { start: 10, end: 106 });
  });

  it('adds the ranges whose syntax changed to the changed span', () => {
    const t = new FindingsTracker();
    t.commitFull(1, TEXT, [finding(150, 160)]);
    t.record(2, [{ startOffset: 20, oldLength: 1, newLength: 0 }]);
    t.recordSyntax(2, [{ start: 15, end: 180 }]);
    const plan = t.plan(2, TEXT);
    assert.ok(plan.kind === 'region');
    assert.deepEqual(plan.changed, { start: 15, end: 180 });
    // Kept for now: the region analysis replaces every finding inside its region.
    assert.deepEqual(spans(plan.kept), [[149, 159]]);
  });

  it('falls back to a full analysis when a change event was missed', () => {
    const t = new FindingsTracker();
    t.commitFull(1, TEXT, []);
    t.record(3, [{ startOffset: 5, oldLength: 0, newLength: 1 }]);
    assert.deepEqual(t.plan(3, TEXT), { kind: 'full' });
  });

  it('falls back to a full analysis when change events pile up unanalysed (lint on save)', () => {
    const t = new FindingsTracker();
    t.commitFull(1, TEXT, [finding(10, 20)]);
    // A thousand events are kept and moved through...
    for (let v = 2; v <= 1_001; v++) t.record(v, [{ startOffset: 100, oldLength: 0, newLength: 0 }]);
    assert.equal(t.plan(1_001, TEXT).kind, 'region');
    // ...one more and the next analysis is whole.
    t.record(1_002, [{ startOffset: 100, oldLength: 0, newLength: 0 }]);
    assert.deepEqual(t.plan(1_002, TEXT), { kind: 'full' });
  });

  it('falls back to a full analysis when a suppression comment appears or goes', () => {
    const t = new FindingsTracker();
    t.commitFull(1, 'fetch(u);', []);
    t.record(2, [{ startOffset: 0, oldLength: 0, newLength: 38 }]);
    assert.deepEqual(t.plan(2, '// api-doctor-disable-next-line\nfetch(u);'), { kind: 'full' });
  });

  it('merges region findings with the kept ones in document order', () => {
    const t = new FindingsTracker();
    const merged = t.commitRegion(2, TEXT, [finding(10, 20), finding(50, 55), finding(90, 95)], { start: 40, end: 80 }, [finding(60, 70)]);
    assert.deepEqual(spans(merged), [[10, 20], [60, 70], [90, 95]]);
  });
});

const key = (f: Finding): string => `${f.ruleId} ${f.start}-${f.end} ${f.severity} ${f.message}`;

describe('keystroke path against full analysis', () => {
  for (const fixture of jsFixtures()) {
    it(`${fixture.name}: after each of ${EDIT_COUNT} random edits the findings equal a full analysis`, async () => {
      const tracker = new FindingsTracker();
      await editAtRandom(fixture, tracker, async (text, version, tree, edit) => {
        const tracked = (await lintVersion(tracker, version, text, fixture.languageId, { tree })).findings.map(key);
        if (edit === undefined) return;
        const full: string[] = (await analyze(text, fixture.languageId)).map(key);
        assert.deepEqual(tracked, full, edit);
      });
    });
  }
});

describe('lintVersion', () => {
  const before = 'fetch("https://a.example/a?api_key=" + k);\n\nfetch("https://a.example/b");\n';
  const after = 'fetch("https://a.example/a?api_key=" + k);\n\nfetch("https://a.example/b?token=" + t);\n';
  const lint = async (wholeOnly: boolean) => {
    const tracker = new FindingsTracker();
    const first = await parse('javascript', before);
    try {
      await lintVersion(tracker, 1, before, 'javascript', { tree: first });
    } finally {
      first.delete();
    }
    const at = before.indexOf('b"') + 1;
    tracker.record(2, [{ startOffset: at, oldLength: 0, newLength: after.length - before.length }]);
    const tree = await parse('javascript', after);
    let wholeCalls = 0;
    try {
      const whole = async () => {
        wholeCalls++;
        return analyze(after, 'javascript');
      };
      const r = await lintVersion(tracker, 2, after, 'javascript', { tree }, whole, wholeOnly);
      return { mode: r.mode, rules: r.findings.map((f) => f.ruleId), wholeCalls };
    } finally {
      tree.delete();
    }
  };

  it('re-analyses only the edited statement, or the whole text when told to', async () => {
    assert.deepEqual(await lint(false), { mode: 'region', rules: ['key-in-url', 'key-in-url'], wholeCalls: 0 });
    assert.deepEqual(await lint(true), { mode: 'full', rules: ['key-in-url', 'key-in-url'], wholeCalls: 1 });
  });
});
