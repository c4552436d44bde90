import * as assert from 'node:assert/strict';
import { readErrorBody } from '../../../src/catalog/errorBody';
import { findRequestId, getHeader, parseRetryAfter } from '../../../src/catalog/headers';
import { hostMatches, pathMatches } from '../../../src/catalog/match';
import { backoffDelay } from '../../../src/catalog/retryPlan';

const NOW = new Date('2026-11-25T18:00:00.000Z');

describe('Retry-After', () => {
  it('reads delta-seconds', () => {
    assert.equal(parseRetryAfter('3', NOW), 3000);
    assert.equal(parseRetryAfter(' 120 ', NOW), 120000);
    assert.equal(parseRetryAfter('0', NOW), 0);
    assert.equal(parseRetryAfter('1.5', NOW), 1500);
  });

  it('reads HTTP dates relative to now, in all three historic forms', () => {
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 18:00:30 GMT', NOW), 30000);
    assert.equal(parseRetryAfter('Wednesday, 25-Nov-26 18:01:00 GMT', NOW), 60000);
    assert.equal(parseRetryAfter('Wed Nov 25 18:00:05 2026', NOW), 5000);
  });

  it('a date in the past means now', () => {
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 17:59:00 GMT', NOW), 0);
  });

  it('ignores what it cannot read and caps what is absurd', () => {
    assert.equal(parseRetryAfter(undefined, NOW), undefined);
    assert.equal(parseRetryAfter('', NOW), undefined);
    assert.equal(parseRetryAfter('soon', NOW), undefined);
    assert.equal(parseRetryAfter('-5', NOW), undefined);
    assert.equal(parseRetryAfter('99999999', NOW), 86400000);
  });
});

describe('response headers', () => {
  it('finds headers by any case in objects, arrays and multi-value fields', () => {
    assert.equal(getHeader({ 'Retry-After': '3' }, 'retry-after'), '3');
    assert.equal(getHeader([['X-Request-Id', 'a'], ['x-request-id', 'b']], 'x-request-id'), 'a');
    assert.equal(getHeader({ 'set-cookie': ['a=1', 'b=2'] }, 'Set-Cookie'), 'a=1');
    assert.equal(getHeader({ 'x-a': undefined }, 'x-a'), undefined);
  });

  it('takes the request id from the headers providers and gateways use', () => {
    assert.equal(findRequestId({ 'x-request-id': 'r1', 'cf-ray': 'c1' }), 'r1');
    assert.equal(findRequestId({ 'x-amzn-RequestId': '6f1e-aws' }), '6f1e-aws');
    assert.equal(findRequestId({ 'request-id': 'req_123' }), 'req_123');
    assert.equal(findRequestId({ 'X-Correlation-ID': 'corr-9' }), 'corr-9');
    assert.equal(findRequestId({ 'cf-ray': '8e1f2a3b4c5d6e7f-FRA' }), '8e1f2a3b4c5d6e7f-FRA');
    assert.equal(findRequestId({ server: 'nginx' }), undefined);
  });
});

describe('error bodies', () => {
  it('FastAPI detail string and detail object', () => {
    assert.deepEqual(readErrorBody('{"detail": "Invalid API key"}'), { kind: 'json', codes: [], messages: ['Invalid API key'], text: '{"detail": "Invalid API key"}' });
    const b = readErrorBody('{"detail": {"code": "api_access_denied", "message": "No API access."}}');
    assert.deepEqual([b.codes, b.messages], [['api_access_denied'], ['No API access.']]);
  });

  it('error objects of other services', () => {
    const stripe = readErrorBody('{"error": {"type": "invalid_request_error", "code": "resource_missing", "message": "No such customer"}}');
    assert.deepEqual([stripe.codes, stripe.messages], [['resource_missing'], ['No such customer']]);
    const flat = readErrorBody('{"code": "rate_limited", "message": "Slow down", "request_id": "abc"}');
    assert.deepEqual([flat.codes, flat.messages, flat.requestId], [['rate_limited'], ['Slow down'], 'abc']);
    const list = readErrorBody('{"errors": [{"code": "E1", "message": "first"}, {"code": "E2", "message": "second"}]}');
    assert.deepEqual([list.codes, list.messages], [['E1', 'E2'], ['first', 'second']]);
  });

  it('XML storage errors, entities decoded', () => {
    const b = readErrorBody('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>Key &quot;a&amp;b&quot; missing</Message><RequestId>R1</RequestId></Error>');
    assert.deepEqual([b.kind, b.codes, b.messages, b.requestId], ['xml', ['NoSuchKey'], ['Key "a&b" missing'], 'R1']);
  });

  it('bodies that are HTML, empty, cut short, plain text or binary', () => {
    assert.equal(readErrorBody('<html><head><title>503 Service Temporarily Unavailable</title></head></html>').messages[0], '503 Service Temporarily Unavailable');
    assert.equal(readErrorBody('').kind, 'empty');
    assert.equal(readErrorBody(undefined).kind, 'empty');
    assert.equal(readErrorBody('   \n').kind, 'empty');
    const cut = readErrorBody('{"detail": "Invalid API key", "hint": "che');
    assert.deepEqual([cut.kind, cut.messages], ['json-truncated', ['Invalid API key']]);
    assert.deepEqual(readErrorBody('Bad Gateway').codes, []);
    assert.deepEqual(readErrorBody('NoSuchKey').codes, ['NoSuchKey']);
    assert.deepEqual(readErrorBody('Bad Gateway').messages, ['Bad Gateway']);
    const bin = readErrorBody(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]));
    assert.deepEqual([bin.kind, bin.text], ['binary', '[10 bytes of binary data]']);
    assert.equal(readErrorBody(new TextEncoder().encode('{"detail":"Not Found"}')).messages[0], 'Not Found');
  });

  it('a JSON content type with a body that is not JSON', () => {
    const b = readErrorBody('upstream request timeout', 'application/json');
    assert.deepEqual([b.kind, b.messages], ['text', ['upstream request timeout']]);
  });

  it('a huge body is scanned only at its start', () => {
    const b = readErrorBody('{"detail":"x","pad":"' + 'a'.repeat(2_000_000) + '"}');
    assert.equal(b.kind, 'json-truncated');
    assert.deepEqual(b.messages, ['x']);
  });
});

describe('matching without regular expressions', () => {
  it('hosts: exact or any subdomain', () => {
    assert.ok(hostMatches('app.specala.ai', 'app.specala.ai'));
    assert.ok(!hostMatches('app.specala.ai', 'evil-app.specala.ai'));
    assert.ok(hostMatches('*.acme.test', 'eu.acme.test'));
    assert.ok(!hostMatches('*.acme.test', 'acme.test'));
    assert.ok(!hostMatches('*.acme.test', 'eviacme.test'));
  });

  it('paths: * is one segment, ** any number', () => {
    assert.ok(pathMatches('/a/*/export', '/a/tr_1/export'));
    assert.ok(!pathMatches('/a/*/export', '/a/export'));
    assert.ok(!pathMatches('/a/*/export', '/a/x/y/export'));
    assert.ok(pathMatches('/a/**', '/a'));
    assert.ok(pathMatches('/a/**', '/a/b/c'));
    assert.ok(pathMatches('/**/export', '/x/y/export'));
    assert.ok(!pathMatches('/a', '/a/b'));
  });

  it('a hostile glob over a long path stays fast (memoised, no backtracking blow-up)', () => {
    const glob = '/' + Array(30).fill('**').join('/') + '/z';
    const path = '/' + Array(200).fill('a').join('/');
    assert.equal(pathMatches(glob, path), false);
  });
});

describe('backoff', () => {
  it('first × factor^(attempt−1), capped', () => {
    const p = { firstDelayMs: 500, factor: 2, capMs: 30000, honourRetryAfter: true, serverErrorRetries: 1, retryStatuses: [429] };
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 100, 0].map((a) => backoffDelay(p, a)), [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 500]);
  });
});
