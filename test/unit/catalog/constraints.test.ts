import * as assert from 'node:assert/strict';
import { checkRequestConstraints, hintForLoopedRequest } from '../../../src/catalog/constraints';
import { builtinCatalogs } from './builtin';

const BASE = 'https://app.specala.ai/api/v1/developer';
const check = (method: string, url: string, body?: unknown) => checkRequestConstraints(builtinCatalogs(), { method, url, body }).map((p) => `${p.rule} ${p.in}.${p.name}: ${p.message}`);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `tr_${i}`);

describe('endpoint constraints (specala/export-format, specala/export-ids)', () => {
  it('single export: format in the query must be md or txt', () => {
    assert.deepEqual(check('GET', `${BASE}/transcriptions/tr_9/export?format=md`), []);
    assert.deepEqual(check('GET', `${BASE}/transcriptions/tr_9/export?format=txt`), []);
    assert.deepEqual(check('GET', `${BASE}/transcriptions/tr_9/export?format=pdf`), [
      'specala/export-format query.format: Specala exports only `md` or `txt`; `format=pdf` is answered with 422.',
    ]);
    assert.deepEqual(check('GET', `${BASE}/transcriptions/tr_9/export?format=MD`).length, 1);
    // Leaving it out is the server's default, not a mistake we can prove.
    assert.deepEqual(check('GET', `${BASE}/transcriptions/tr_9/export`), []);
  });

  it('bulk export: format in the body, ids between 1 and 100', () => {
    assert.deepEqual(check('POST', `${BASE}/transcriptions/export`, JSON.stringify({ ids: ids(100), format: 'txt' })), []);
    assert.deepEqual(check('POST', `${BASE}/transcriptions/export`, { ids: ids(1), format: 'md' }), []);
    assert.deepEqual(check('POST', `${BASE}/transcriptions/export`, { ids: ids(101), format: 'docx' }), [
      'specala/export-format body.format: Bulk export accepts `format` `md` or `txt` only; docx is answered with 422.',
      'specala/export-ids body.ids: Bulk export takes a list of 1 to 100 transcription ids in `ids` (this request has 101); anything else is answered with 422.',
    ]);
    assert.deepEqual(check('POST', `${BASE}/transcriptions/export`, { ids: [], format: 'md' }).map((p) => p.slice(0, 24)), ['specala/export-ids body.']);
    assert.deepEqual(check('POST', `${BASE}/transcriptions/export`, { format: 'md' }).length, 1);
    assert.deepEqual(check('POST', `${BASE}/transcriptions/export`, { ids: 'tr_1', format: 'md' }).length, 1);
  });

  it('does not judge what it cannot read or what is not its endpoint', () => {
    assert.deepEqual(check('POST', `${BASE}/transcriptions/export`, 'not json'), []);
    assert.deepEqual(check('POST', `${BASE}/transcriptions/export`, undefined), []);
    assert.deepEqual(check('GET', `${BASE}/transcriptions?format=pdf`), []);
    assert.deepEqual(check('POST', `${BASE}/transcriptions/tr_9/export?format=pdf`), []);
    assert.deepEqual(check('GET', 'https://other.example.com/api/v1/developer/transcriptions/tr_9/export?format=pdf'), []);
    assert.deepEqual(check('GET', 'not a url'), []);
  });

  it('a bare path (host unknown in the code) is checked against every catalog', () => {
    assert.deepEqual(check('GET', '/api/v1/developer/transcriptions/tr_9/export?format=html').length, 1);
  });

  it('masks a key someone put in the checked value', () => {
    const [problem] = check('GET', `${BASE}/transcriptions/tr_9/export?format=sk_live_Zx81QpL0vN3mR7tY5uWb2cHd`);
    assert.ok(problem.includes('format=sk_live_***'), problem);
  });
});

describe('request hints (specala/bulk-export)', () => {
  it('a single export in a loop should be a bulk export', () => {
    const hint = hintForLoopedRequest(builtinCatalogs(), { method: 'GET', url: `${BASE}/transcriptions/tr_9/export?format=md` });
    assert.equal(hint?.rule, 'specala/bulk-export');
    assert.deepEqual(hint?.instead, { method: 'POST', path: '/api/v1/developer/transcriptions/export' });
  });

  it('other requests in loops have no hint', () => {
    assert.equal(hintForLoopedRequest(builtinCatalogs(), { method: 'GET', url: `${BASE}/transcriptions/tr_9` }), undefined);
    assert.equal(hintForLoopedRequest(builtinCatalogs(), { method: 'POST', url: `${BASE}/transcriptions/export` }), undefined);
  });
});
