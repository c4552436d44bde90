import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'jsonc-parser';
import { decode } from '../../../src/catalog/decode';
import { loadCatalogFile, mergeCatalogs } from '../../../src/catalog/load';
import type { DecodeInput } from '../../../src/catalog/types';
import { builtinCatalogs, leaksKey, NOW } from './builtin';

const ROOT = resolve(__dirname, '../../../..');

function run(input: Partial<DecodeInput> & { status: number }, catalogs = builtinCatalogs()) {
  return decode({ method: 'GET', url: 'https://api.example.com/v2/orders/81', now: NOW, ...input }, catalogs);
}

describe('decode: hosts no catalog knows', () => {
  it('every status code in http.jsonc decodes to its own entry', () => {
    const http = parse(readFileSync(join(ROOT, 'catalogs/http.jsonc'), 'utf8')) as { statuses: Record<string, { title: string; retryable: boolean }> };
    const codes = Object.keys(http.statuses).filter((k) => /^\d+$/.test(k));
    assert.ok(codes.length >= 45, `only ${codes.length} status codes`);
    for (const k of ['400', '401', '403', '404', '405', '408', '409', '410', '413', '415', '422', '429', '451', '500', '501', '502', '503', '504', '301', '302', '304', '307', '308']) {
      assert.ok(codes.includes(k), k);
    }
    for (const code of codes) {
      const d = run({ status: Number(code), body: '' });
      assert.equal(d.provider, null);
      assert.equal(d.title, http.statuses[code].title, code);
      assert.equal(d.retry.retryable, http.statuses[code].retryable, code);
    }
  });

  it('statuses without an entry fall back to their class', () => {
    assert.equal(run({ status: 499, body: '' }).title, 'Client error');
    assert.equal(run({ status: 599, body: '' }).title, 'Server error');
    assert.equal(run({ status: 399, body: '' }).title, 'Redirect');
  });

  it('an HTML error page: the title becomes the message', () => {
    const d = run({
      status: 404,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Page not found · Example</title></head><body><h1>404</h1></body></html>',
    });
    assert.equal(d.title, 'Not Found');
    assert.equal(d.message, 'Page not found · Example');
    assert.equal(d.code, null);
  });

  it('an empty body', () => {
    const d = run({ status: 502, body: '', headers: { 'content-length': '0' } });
    assert.equal(d.title, 'Bad Gateway');
    assert.equal(d.message, null);
    assert.deepEqual(d.retry, { retryable: true, afterMs: 1000, basis: 'policy' });
    assert.ok(d.ticket.includes('### Response body (secrets masked)\n\n```\n(empty)\n```'));
  });

  it('a JSON body cut short still yields its code and message', () => {
    const d = run({ status: 400, headers: { 'content-type': 'application/json' }, body: '{"error":{"code":"invalid_request","message":"Field \\"currency\\" is required","details":[{"field":"curr' });
    assert.equal(d.code, 'invalid_request');
    assert.equal(d.message, 'Field "currency" is required');
    assert.equal(d.title, 'Bad Request');
  });

  it('a plain-text body', () => {
    const d = run({ status: 403, headers: { 'content-type': 'text/plain' }, body: 'Forbidden: IP 203.0.113.7 is not on the allow list\n' });
    assert.equal(d.message, 'Forbidden: IP 203.0.113.7 is not on the allow list');
    assert.equal(d.code, null);
    assert.equal(d.title, 'Forbidden');
  });

  it('a JSON body that is not an error object', () => {
    const d = run({ status: 500, body: '"oops"' });
    assert.equal(d.code, null);
    assert.equal(d.title, 'Internal Server Error');
  });

  it('storage errors from an unknown bucket host use the shared codes', () => {
    const d = run({
      status: 403,
      method: 'PUT',
      url: 'https://audio-uploads.s3.eu-west-1.amazonaws.com/calls/42.wav?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261125&X-Amz-Signature=0b1c2d3e4f',
      headers: { 'content-type': 'application/xml', 'x-amz-request-id': '4442587FB7D0A2F9', 'x-amz-id-2': 'abc' },
      body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>',
    });
    assert.equal(d.provider, null);
    assert.equal(d.code, 'SignatureDoesNotMatch');
    assert.equal(d.title, 'Signature does not match');
    assert.equal(d.requestId, '4442587FB7D0A2F9');
    assert.ok(d.ticket.includes('X-Amz-Signature=***'));
    assert.ok(!d.ticket.includes('AKIAIOSFODNN7EXAMPLE'));
  });

  it('a key in the URL of an unknown API is the first 401 cause', () => {
    const d = run({ status: 401, url: 'https://api.example.com/v2/orders?apikey=sk_test_51HqLyjWDarjtT1zdp7dc', body: '{"message":"Unauthorized"}', request: { headers: {} } });
    assert.equal(d.causes[0].id, 'key-in-url');
    assert.equal(leaksKey(d.ticket), false);
  });

  it('OAuth error codes', () => {
    const d = run({ status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' }, body: '{"error":"invalid_token","error_description":"The access token expired"}' });
    assert.equal(d.code, 'invalid_token');
    assert.equal(d.title, 'Token not valid');
    assert.equal(d.message, 'The access token expired');
  });

  it('with no host, the key prefix names the provider; with a host, the host does', () => {
    const bare = decode({ status: 401, url: '/api/v1/developer/projects', body: '', request: { headers: { Authorization: 'Bearer sk_live_Zx81QpL0vN3mR7tY5uWb2cHd' } }, now: NOW }, builtinCatalogs());
    assert.equal(bare.provider, 'specala');
    const none = decode({ status: 401, body: '', request: { headers: { Authorization: 'Bearer sk_9f8e7d6c5b4a3928' } }, now: NOW }, builtinCatalogs());
    assert.equal(none.provider, 'waves');
    assert.equal(run({ status: 401, body: '', request: { headers: { Authorization: 'Bearer sk_live_Zx81QpL0vN3mR7tY5uWb2cHd' } } }).provider, null);
  });

  it('with no catalogs at all, a plain fallback', () => {
    const d = run({ status: 418, body: 'short and stout' }, []);
    assert.equal(d.title, 'HTTP 418');
    assert.equal(d.provider, null);
    assert.equal(d.retry.retryable, false);
    assert.ok(d.ticket.startsWith('## 418 HTTP 418\n'));
  });
});

describe('decode: a user catalog', () => {
  const acme = loadCatalogFile(join(ROOT, 'test/fixtures/catalog/acme.jsonc')).catalog!;
  const catalogs = mergeCatalogs(builtinCatalogs(), [acme]);

  it('recognises its hosts, wildcard hosts included', () => {
    assert.equal(run({ status: 429, url: 'https://api.acme.test/v1/speak', body: '' }, catalogs).provider, 'acme');
    assert.equal(run({ status: 429, url: 'https://eu.acme-cdn.test/a.wav', body: '' }, catalogs).provider, 'acme');
    assert.equal(run({ status: 429, url: 'https://acme-cdn.test/a.wav', body: '' }, catalogs).provider, null);
  });

  it('uses its own policy and ignores Retry-After when told to', () => {
    const d = run({ status: 429, url: 'https://api.acme.test/v1/speak', headers: { 'retry-after': '60' }, body: '', attempt: 3 }, catalogs);
    assert.deepEqual(d.retry, { retryable: true, afterMs: 2250, basis: 'policy' });
  });

  it('a code that says "do not retry" wins over a retryable status', () => {
    const d = run({ status: 429, url: 'https://api.acme.test/v1/speak', body: '{"code":"quota_exhausted","message":"Monthly quota used"}' }, catalogs);
    assert.equal(d.title, 'Monthly quota used up');
    assert.equal(d.retry.retryable, false);
  });

  it('statuses it does not describe come from http.jsonc, with its name on the ticket', () => {
    const d = run({ status: 404, url: 'https://api.acme.test/v1/voices/x', body: '' }, catalogs);
    assert.equal(d.title, 'Not Found');
    assert.ok(d.ticket.startsWith('## 404 Not Found from Acme Speech\n'));
  });

  it('its key header is masked in evidence and the ticket', () => {
    const d = run({ status: 401, url: 'https://api.acme.test/v1/speak', body: '', request: { headers: { 'X-Api-Key': 'acme_0123456789abcdef ' } } }, catalogs);
    assert.equal(d.provider, 'acme');
    assert.ok(!JSON.stringify(d).includes('0123456789abcdef'));
  });
});
