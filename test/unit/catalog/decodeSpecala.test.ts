import * as assert from 'node:assert/strict';
import { decode } from '../../../src/catalog/decode';
import type { DecodeInput } from '../../../src/catalog/types';
import { builtinCatalogs, leaksKey, NOW } from './builtin';

const BASE = 'https://app.specala.ai/api/v1/developer';
const KEY = 'sk_live_Zx81QpL0vN3mR7tY5uWb2cHd';
const HEADERS = { 'content-type': 'application/json', 'x-request-id': '5f0c9d2e4b1a4c7e8f6a3b2d1e0f9a8b', server: 'uvicorn' };

function run(input: Partial<DecodeInput> & { status: number }) {
  return decode({ method: 'GET', url: `${BASE}/transcriptions?limit=20`, headers: HEADERS, now: NOW, ...input }, builtinCatalogs());
}

const causeIds = (d: ReturnType<typeof run>) => d.causes.map((c) => `${c.id}${c.seen ? '*' : ''}`);

describe('decode: Specala AI', () => {
  describe('401', () => {
    it('"Invalid API key" with a good-looking header: the code entry speaks, shape causes ruled out', () => {
      const d = run({ status: 401, body: '{"detail":"Invalid API key"}', request: { headers: { Authorization: `Bearer ${KEY}` } } });
      assert.equal(d.provider, 'specala');
      assert.equal(d.code, 'Invalid API key');
      assert.equal(d.title, 'Key not accepted');
      // The header is well formed, so the causes about its shape are ruled out.
      assert.deepEqual(causeIds(d), ['key-revoked', 'mistyped']);
      const unknown = run({ status: 401, body: '{"detail":"Invalid API key"}' });
      assert.deepEqual(causeIds(unknown), ['key-revoked', 'trailing-space', 'key-quoted', 'mistyped']);
      assert.deepEqual(d.retry, { retryable: false, afterMs: null, basis: 'none' });
    });

    it('a key in the query string is the first cause, even with other mistakes present', () => {
      const d = run({
        status: 401,
        url: `${BASE}/transcriptions?api_key=${KEY}&limit=20`,
        body: '{"detail":"Invalid API key"}',
        request: { headers: { Authorization: `Bearer ${KEY} ` } },
      });
      assert.deepEqual(causeIds(d).slice(0, 2), ['key-in-url*', 'trailing-space*']);
      assert.equal(d.fixes[0], 'Remove the key from the URL and send it as `Authorization: Bearer sk_live_...`.');
      assert.equal(leaksKey(d.ticket), false);
      assert.equal(leaksKey(JSON.stringify(d)), false);
    });

    it('a trailing space in the header', () => {
      const d = run({ status: 401, body: '{"detail":"Invalid API key"}', request: { headers: { Authorization: `Bearer ${KEY} ` } } });
      assert.equal(causeIds(d)[0], 'trailing-space*');
      assert.equal(d.fixes[0], 'Trim the key before putting it in the header.');
    });

    it('a Waves key (sk_ without live_) sent to Specala', () => {
      const d = run({ status: 401, body: '{"detail":"Invalid API key"}', request: { headers: { Authorization: 'Bearer sk_9f8e7d6c5b4a3928' } } });
      assert.equal(causeIds(d)[0], 'not-a-live-key*');
      assert.equal(d.causes[0].seen, 'The key does not start with `sk_live_` as Specala AI keys do (it looks like a Waves (Smallest AI) key).');
    });

    it('no header at all, with a different message', () => {
      const d = run({ status: 401, body: '{"detail":"Not authenticated"}', request: { headers: {} } });
      assert.equal(d.title, 'Unauthorized');
      assert.equal(d.code, 'Not authenticated');
      assert.equal(causeIds(d)[0], 'header-missing*');
    });
  });

  it('403 api_access_denied: the plan, not the key', () => {
    const d = run({
      status: 403,
      body: '{"detail":{"code":"api_access_denied","message":"Your current plan does not include API access. Please upgrade to a plan with API & MCP support."}}',
      request: { headers: { Authorization: `Bearer ${KEY}` } },
    });
    assert.equal(d.code, 'api_access_denied');
    assert.equal(d.message, 'Your current plan does not include API access. Please upgrade to a plan with API & MCP support.');
    assert.equal(d.title, 'Plan without API access');
    assert.deepEqual(d.fixes, ['Upgrade the workspace to Pro or Expert, the plans that include API & MCP access.']);
    assert.equal(d.retry.retryable, false);
  });

  it('404 on a known id: another workspace first', () => {
    const d = run({ status: 404, url: `${BASE}/transcriptions/tr_7c1d9e`, body: '{"detail":"Transcription not found"}' });
    assert.equal(d.title, 'Not Found');
    assert.equal(d.code, 'Transcription not found');
    assert.deepEqual(causeIds(d), ['other-workspace', 'wrong-id']);
  });

  it('422 on export, with a FastAPI validation body', () => {
    const d = run({
      status: 422,
      url: `${BASE}/transcriptions/tr_7c1d9e/export?format=pdf`,
      body: '{"detail":[{"type":"enum","loc":["query","format"],"msg":"Input should be \'md\' or \'txt\'","input":"pdf","ctx":{"expected":"\'md\' or \'txt\'"}}]}',
    });
    assert.equal(d.title, 'Unprocessable Entity');
    assert.equal(d.code, 'enum');
    assert.equal(d.message, "query.format: Input should be 'md' or 'txt'");
    assert.deepEqual(causeIds(d), ['export-format', 'export-ids', 'list-limit']);
    assert.equal(d.retry.retryable, false);
  });

  describe('429', () => {
    it('on a single export: the data surface and its limit, backoff from 1 s', () => {
      const d = run({ status: 429, url: `${BASE}/transcriptions/tr_7c1d9e/export?format=md`, body: '{"detail":"Rate limit exceeded"}' });
      assert.equal(d.rateLimit?.surface, 'data');
      assert.match(d.meaning, /counts against the data endpoints \(list, get, export, bulk export\) limit: 500 requests per minute\.$/);
      assert.deepEqual([1, 2, 3].map((attempt) => run({ status: 429, body: '', attempt }).retry.afterMs), [1000, 2000, 4000]);
      assert.ok(d.fixes.some((f) => f.includes('POST /transcriptions/export')));
    });

    it('on key management: 180 per minute', () => {
      const d = run({ status: 429, method: 'POST', url: `${BASE}/keys`, body: '{"detail":"Rate limit exceeded"}' });
      assert.equal(d.rateLimit?.surface, 'key-management');
      assert.match(d.meaning, /180 requests per minute/);
    });

    it('Retry-After: 0 is honoured as given', () => {
      assert.deepEqual(run({ status: 429, body: '', headers: { ...HEADERS, 'retry-after': '0' } }).retry, { retryable: true, afterMs: 0, basis: 'retry-after' });
    });
  });

  it('5xx: retried with backoff up to three times', () => {
    const body = '{"detail":"Internal Server Error"}';
    assert.deepEqual([1, 2, 3, 4].map((attempt) => run({ status: 500, body, attempt }).retry.afterMs), [1000, 2000, 4000, null]);
    const d = run({ status: 503, body: 'upstream connect error or disconnect/reset before headers. reset reason: overflow', headers: { 'content-type': 'text/plain' } });
    assert.equal(d.title, 'Server error');
    assert.equal(d.message, 'upstream connect error or disconnect/reset before headers. reset reason: overflow');
    assert.equal(d.retry.retryable, true);
  });

  it('the success codes of the reference are not errors', () => {
    for (const status of [200, 201, 204]) assert.equal(run({ status, body: '' }).title, 'Success');
  });

  it('the ticket asks for the workspace and plan, and masks the bulk request', () => {
    const d = run({
      status: 500,
      method: 'POST',
      url: `${BASE}/transcriptions/export`,
      body: '{"detail":"Internal Server Error"}',
      request: { headers: { Authorization: `Bearer ${KEY}` }, body: JSON.stringify({ ids: ['tr_1', 'tr_2'], format: 'md', api_key: KEY }) },
    });
    assert.ok(d.ticket.startsWith('## 500 Internal Server Error from Specala AI\n'));
    assert.ok(d.ticket.includes('"api_key": "***"'));
    assert.ok(d.ticket.includes('- Workspace: ____\n- Plan: ____'));
    assert.equal(leaksKey(d.ticket), false);
  });
});
