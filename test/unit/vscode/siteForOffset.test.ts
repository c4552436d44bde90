import * as assert from 'node:assert/strict';
import { siteForOffset } from '../../../src/vscode/editor/siteForOffset';

const site = (id: string, start: number, end: number) => ({ id, span: { start, end } });

describe('siteForOffset', () => {
  const sites = [site('a', 10, 20), site('b', 50, 60), site('c', 100, 110)];
  it('prefers the call that contains the offset', () => {
    assert.equal(siteForOffset(sites, 55)?.id, 'b');
  });
  it('then a call in the same function, before the offset first', () => {
    assert.equal(siteForOffset(sites, 70, { start: 40, end: 120 })?.id, 'b');
    assert.equal(siteForOffset(sites, 45, { start: 40, end: 120 })?.id, 'b');
  });
  it('then the nearest call in the file', () => {
    assert.equal(siteForOffset(sites, 90, { start: 85, end: 95 })?.id, 'b');
    assert.equal(siteForOffset(sites, 5)?.id, 'a');
    assert.equal(siteForOffset([], 5), undefined);
  });
});
