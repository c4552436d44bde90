import * as assert from 'node:assert/strict';
import { decode } from '../../../src/catalog/decode';
import type { DecodeInput } from '../../../src/catalog/types';
import { builtinCatalogs, leaksKey, NOW } from './builtin';

const KEY = 'sk_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const TTS = 'https://waves-api.smallest.ai/api/v1/lightning-v3.1/get_speech';
const STT = 'https://waves-api.smallest.ai/api/v1/pulse/get_text?language=en&word_timestamps=true';
const JSON_HEADERS = { 'content-type': 'application/json', 'x-request-id': 'b3c1e0f2-7a44-4c1e-9d0a-55e2c8f1a901', date: 'Wed, 25 Nov 2026 18:00:00 GMT' };
const TTS_BODY = JSON.stringify({ text: 'Hello from the docs', voice_id: 'emily', sample_rate: 24000 });

function run(input: Partial<DecodeInput> & { status: number }) {
  return decode({ method: 'POST', url: TTS, headers: JSON_HEADERS, now: NOW, ...input }, builtinCatalogs());
}

const causeIds = (d: ReturnType<typeof run>) => d.causes.map((c) => `${c.id}${c.seen ? '*' : ''}`);

describe('decode: Waves (Lightning TTS, Pulse STT)', () => {
  describe('401 Unauthorized', () => {
    const body = '{"detail":"Unauthorized"}';

    it('no Authorization header: the missing header is the first cause, its fix first', () => {
      const d = run({ status: 401, body, request: { headers: { 'content-type': 'application/json' }, body: TTS_BODY } });
      assert.equal(d.provider, 'waves');
      assert.equal(d.providerName, 'Waves (Smallest AI)');
      assert.equal(d.title, 'Unauthorized');
      assert.equal(d.code, 'Unauthorized');
      // No header: the causes about its shape cannot apply.
      assert.deepEqual(causeIds(d), ['header-missing*', 'not-a-waves-key', 'key-rotated', 'browser-websocket']);
      assert.equal(d.causes[0].seen, 'The request has no `Authorization` header.');
      assert.equal(d.fixes[0], 'Send `Authorization: Bearer <key>` with every HTTP request.');
      assert.deepEqual(d.retry, { retryable: false, afterMs: null, basis: 'none' });
      assert.equal(d.requestId, 'b3c1e0f2-7a44-4c1e-9d0a-55e2c8f1a901');
    });

    it('a quoted key: the quotes are the first cause', () => {
      const d = run({ status: 401, body, request: { headers: { Authorization: `Bearer "${KEY}"` } } });
      assert.deepEqual(causeIds(d), ['key-quoted*', 'key-rotated', 'browser-websocket']);
      assert.equal(d.fixes[0], 'Remove the quotes around the key in the Authorization header.');
    });

    it('a key with a trailing newline (read from a file): whitespace is the first cause', () => {
      const d = run({ status: 401, body, request: { headers: [['Authorization', `Bearer ${KEY}\n`]] } });
      assert.deepEqual(causeIds(d)[0], 'trailing-space*');
    });

    it('no Bearer word, or two spaces', () => {
      assert.equal(causeIds(run({ status: 401, body, request: { headers: { authorization: KEY } } }))[0], 'scheme-missing*');
      assert.equal(causeIds(run({ status: 401, body, request: { headers: { authorization: `Token ${KEY}` } } }))[0], 'scheme-missing*');
      assert.equal(causeIds(run({ status: 401, body, request: { headers: { authorization: `Bearer  ${KEY}` } } }))[0], 'extra-space*');
    });

    it('a key in the URL of an HTTP call is the first cause, and the ticket masks it', () => {
      const d = run({ status: 401, body, method: 'POST', url: `${TTS}?api_key=${KEY}`, request: { headers: {}, body: TTS_BODY } });
      assert.deepEqual(causeIds(d)[0], 'key-in-url*');
      assert.equal(d.causes[0].seen, 'The URL carries a credential in its query string (`api_key=***`).');
      assert.ok(d.ticket.includes('`https://waves-api.smallest.ai/api/v1/lightning-v3.1/get_speech?api_key=***`'));
      assert.equal(leaksKey(d.ticket), false);
    });

    it('?token= on a WebSocket handshake is allowed and is not blamed', () => {
      const d = run({ status: 401, body: '', method: 'GET', url: `wss://waves-api.smallest.ai/api/v1/pulse/get_text?token=${KEY}`, request: { headers: {} } });
      assert.equal(d.provider, 'waves');
      assert.deepEqual(d.causes.filter((c) => c.seen), []);
      assert.ok(d.causes.some((c) => c.id === 'key-rotated'));
      assert.equal(leaksKey(d.ticket), false);
    });

    it('a value that is not a Waves key', () => {
      const d = run({ status: 401, body, request: { headers: { Authorization: 'Bearer 0f4c2a9e-api-key' } } });
      assert.equal(causeIds(d)[0], 'not-a-waves-key*');
    });
  });

  describe('403 Forbidden', () => {
    it('a Specala key (sk_live_) on Waves: another product is the first cause', () => {
      const d = run({ status: 403, body: '{"detail":"Forbidden"}', request: { headers: { Authorization: 'Bearer sk_live_4QmT7rXw9LpZ2vBn8cKd' } } });
      assert.equal(d.title, 'Forbidden');
      assert.deepEqual(causeIds(d), ['other-product*', 'other-workspace', 'usage-limit']);
      assert.equal(d.causes[0].seen, 'The key starts with `sk_live_`, the prefix of Specala AI keys, not Waves (Smallest AI) keys.');
      assert.equal(d.fixes[0], 'Use a key created for Waves, not for another product.');
      assert.equal(d.retry.retryable, false);
    });

    it('a Waves key of another workspace: the catalog order stands', () => {
      const d = run({ status: 403, body: '{"detail":"Forbidden"}', request: { headers: { Authorization: `Bearer ${KEY}` } } });
      assert.deepEqual(causeIds(d), ['other-product', 'other-workspace', 'usage-limit']);
      assert.match(d.fixes[0], /app\.smallest\.ai\/dashboard\/api-keys/);
    });
  });

  describe('429 Too Many Requests', () => {
    it('Retry-After in seconds wins over the policy', () => {
      const d = run({ status: 429, body: '{"detail":"Rate limit exceeded"}', headers: { ...JSON_HEADERS, 'retry-after': '3' } });
      assert.equal(d.title, 'Too Many Requests');
      assert.deepEqual(d.retry, { retryable: true, afterMs: 3000, basis: 'retry-after' });
    });

    it('Retry-After as an HTTP date, counted from now', () => {
      const d = run({ status: 429, body: '', headers: { ...JSON_HEADERS, 'Retry-After': 'Wed, 25 Nov 2026 18:00:12 GMT' } });
      assert.deepEqual(d.retry, { retryable: true, afterMs: 12000, basis: 'retry-after' });
    });

    it('without Retry-After: 500 ms, doubling per attempt, capped at 30 s', () => {
      const waits = [1, 2, 3, 6, 7, 12].map((attempt) => run({ status: 429, body: '', attempt }).retry.afterMs);
      assert.deepEqual(waits, [500, 1000, 2000, 16000, 30000, 30000]);
      assert.equal(run({ status: 429, body: '' }).retry.basis, 'policy');
    });

    it('the fixes give the documented backoff', () => {
      assert.equal(run({ status: 429, body: '' }).fixes[0], 'Wait before the next attempt: start at 500 ms and double the wait each time, up to 30 s.');
    });
  });

  describe('500 Internal Server Error', () => {
    const body = '{"detail":"Internal Server Error"}';

    it('is retried once, after a short pause', () => {
      assert.deepEqual(run({ status: 500, body, attempt: 1 }).retry, { retryable: true, afterMs: 500, basis: 'policy' });
    });

    it('after one retry, a ticket with the x-request-id is the next step', () => {
      const d = run({ status: 500, body, attempt: 2, request: { headers: { Authorization: `Bearer ${KEY}` }, body: TTS_BODY } });
      assert.deepEqual(d.retry, { retryable: false, afterMs: null, basis: 'none' });
      assert.match(d.fixes[1], /x-request-id/);
      assert.equal(d.ticket, [
        '## 500 Internal Server Error from Waves (Smallest AI)',
        '',
        '| Field | Value |',
        '|---|---|',
        '| x-request-id | `b3c1e0f2-7a44-4c1e-9d0a-55e2c8f1a901` |',
        '| Method | `POST` |',
        '| URL | `https://waves-api.smallest.ai/api/v1/lightning-v3.1/get_speech` |',
        '| Status | 500 Internal Server Error |',
        '| Time (UTC, approximate) | 2026-11-25T18:00:00.000Z |',
        '',
        '### Request body (secrets masked)',
        '',
        '```json',
        '{\n  "text": "Hello from the docs",\n  "voice_id": "emily",\n  "sample_rate": 24000\n}',
        '```',
        '',
        '### Response body (secrets masked)',
        '',
        '```json',
        '{\n  "detail": "Internal Server Error"\n}',
        '```',
        '',
        '### Please fill in',
        '',
        '- Workspace ID: ____',
        '',
      ].join('\n'));
    });

    it('a 502 from the gateway, as HTML, uses the class entry', () => {
      const d = run({
        status: 502,
        headers: { 'content-type': 'text/html', 'cf-ray': '8e1f2a3b4c5d6e7f-FRA' },
        body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>',
      });
      assert.equal(d.title, 'Server error');
      assert.equal(d.message, '502 Bad Gateway');
      assert.equal(d.code, null);
      assert.equal(d.requestId, '8e1f2a3b4c5d6e7f-FRA');
      assert.deepEqual(d.retry, { retryable: true, afterMs: 500, basis: 'policy' });
    });
  });

  describe('NoSuchKey (Pulse pre-recorded uploads)', () => {
    it('from a storage XML error document', () => {
      const d = run({
        status: 404,
        method: 'POST',
        url: STT,
        headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'TX7Q2M4N9B1V5C3X' },
        body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>uploads/Call-0042.WAV</Key><RequestId>TX7Q2M4N9B1V5C3X</RequestId><HostId>aGVsbG8=</HostId></Error>',
      });
      assert.equal(d.provider, 'waves');
      assert.equal(d.code, 'NoSuchKey');
      assert.equal(d.message, 'The specified key does not exist.');
      assert.equal(d.title, 'Audio object not found in storage');
      assert.deepEqual(causeIds(d), ['upload-unfinished', 'key-mismatch', 'object-gone']);
      assert.equal(d.requestId, 'TX7Q2M4N9B1V5C3X');
      assert.equal(d.retry.retryable, false);
    });

    it('from a JSON body, with the request id only in the body', () => {
      const d = run({
        status: 400,
        url: STT,
        headers: { 'content-type': 'application/json' },
        body: '{"error":{"code":"NoSuchKey","message":"The specified key does not exist.","request_id":"req_01HXYZ"}}',
      });
      assert.equal(d.code, 'NoSuchKey');
      assert.equal(d.title, 'Audio object not found in storage');
      assert.equal(d.requestId, 'req_01HXYZ');
    });

    it('from the message alone', () => {
      const d = run({ status: 404, url: STT, body: '{"detail":"The specified key does not exist."}' });
      assert.equal(d.code, 'NoSuchKey');
    });
  });

  it('a successful text-to-speech answer is audio, not an error', () => {
    const wav = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0x24, 0x08, 0, 0, 0x57, 0x41, 0x56, 0x45, 0x66, 0x6d, 0x74, 0x20]);
    const d = run({ status: 200, headers: { 'content-type': 'audio/wav' }, body: wav });
    assert.equal(d.title, 'Success');
    assert.equal(d.code, null);
    assert.ok(d.ticket.includes('[16 bytes of binary data]'));
  });
});
