import * as assert from 'node:assert/strict';
import { emptyDraft } from '../../../src/protocol/request';
import type { ResponseView } from '../../../src/protocol/views';
import {
  addRow, checkJson, countdownText, formatBytes, formatMs, headerNote, historyLabel, removeRow, sendBlocker, sortHeaders, stateToKeep, statusClass, statusLine, updateRow,
} from '../../../src/webview/model';

describe('panel view model', () => {
  it('highlights request ids, Retry-After and rate-limit headers, first', () => {
    assert.equal(headerNote('X-Request-Id'), 'request-id');
    assert.equal(headerNote('retry-after'), 'retry-after');
    assert.equal(headerNote('x-ratelimit-remaining'), 'rate-limit');
    assert.equal(headerNote('RateLimit-Reset'), 'rate-limit');
    assert.equal(headerNote('content-type'), null);
    const sorted = sortHeaders([['content-type', 'application/json'], ['x-ratelimit-limit', '500'], ['retry-after', '2'], ['x-request-id', 'abc']]);
    assert.deepEqual(sorted.map((h) => h.name), ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'content-type']);
  });

  it('writes the status line with time, size and the truncated mark', () => {
    assert.equal(statusLine({ status: 429, statusText: 'Too Many Requests', elapsedMs: 182, sizeBytes: 1229, truncated: false }), '429 Too Many Requests · 182 ms · 1.2 KB');
    assert.equal(statusLine({ status: 200, statusText: 'OK', elapsedMs: 2500, sizeBytes: 10 * 1024 * 1024, truncated: true }), '200 OK · 2.50 s · 10.0 MB (truncated at the size limit)');
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatMs(60_000), '60 s');
    assert.equal(statusClass(204), 'ok');
    assert.equal(statusClass(308), 'redirect');
    assert.equal(statusClass(401), 'client-error');
    assert.equal(statusClass(503), 'server-error');
  });

  it('names the line and column of a JSON mistake', () => {
    assert.deepEqual(checkJson('{"ids": [1, 2], "format": "md"}'), { ok: true });
    assert.deepEqual(checkJson(''), { ok: true });
    const bad = checkJson('{\n  "ids": [1,, 2]\n}');
    assert.equal(bad.ok, false);
    assert.deepEqual(bad, { ok: false, message: 'Not valid JSON at line 2, column 13.' });
    assert.deepEqual(checkJson('{"a": 1'), { ok: false, message: 'Not valid JSON at line 1, column 8.' });
    assert.deepEqual(checkJson('{"a": tru}'), { ok: false, message: 'Not valid JSON at line 1, column 7.' });
  });

  it('counts a retry wait down in whole seconds', () => {
    assert.equal(countdownText(2400, 2, 4), 'Retrying in 3 s (attempt 2 of 4)…');
    assert.equal(countdownText(-5, 3, 4), 'Retrying in 0 s (attempt 3 of 4)…');
  });

  it('edits table rows without touching the others', () => {
    const rows = addRow([{ name: 'a', value: '1', enabled: true }]);
    assert.deepEqual(rows[1], { name: '', value: '', enabled: true });
    assert.deepEqual(updateRow(rows, 1, { name: 'b' })[1], { name: 'b', value: '', enabled: true });
    assert.deepEqual(removeRow(rows, 0), [{ name: '', value: '', enabled: true }]);
  });

  it('says why a request cannot be sent yet', () => {
    assert.equal(sendBlocker(emptyDraft()), 'Enter a URL.');
    assert.equal(sendBlocker({ ...emptyDraft(), url: 'waves-api.smallest.ai/api' }), 'The URL must start with http:// or https://.');
    assert.match(sendBlocker({ ...emptyDraft(), method: 'POST', url: 'https://x.test', body: { kind: 'json', text: '{' } }) ?? '', /^Not valid JSON/);
    assert.equal(sendBlocker({ ...emptyDraft(), url: 'https://x.test' }), null);
  });

  it('labels history entries by outcome', () => {
    assert.equal(historyLabel({ method: 'GET', url: 'https://x.test/a', status: 429, failure: null }), '429 GET https://x.test/a');
    assert.equal(historyLabel({ method: 'GET', url: 'https://x.test/a', status: null, failure: 'dns' }), 'dns GET https://x.test/a');
  });

  it('keeps media out of the saved view state', () => {
    const r: ResponseView = {
      responseId: 'r-1', status: 200, statusText: 'OK', elapsedMs: 5, sizeBytes: 4, truncated: false, clipped: false, url: 'https://x.test/a',
      headers: [], body: { kind: 'audio', mime: 'audio/wav', base64: 'UklGRg==' }, redirects: [], diagnosis: null, attempts: 1,
    };
    assert.deepEqual(stateToKeep(emptyDraft(), r).response?.body, { kind: 'binary', mime: 'audio/wav' });
  });
});
