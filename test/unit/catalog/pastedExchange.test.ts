import * as assert from 'node:assert/strict';
import { decode } from '../../../src/catalog/decode';
import { parsePastedExchange } from '../../../src/catalog/pastedExchange';
import { builtinCatalogs, leaksKey, NOW } from './builtin';

describe('pasted HTTP exchanges', () => {
  it('a raw response from a terminal', () => {
    const p = parsePastedExchange('HTTP/1.1 429 Too Many Requests\nretry-after: 3\ncontent-type: application/json\n\n{"detail": "Rate limit exceeded"}\n');
    assert.deepEqual(p, {
      status: 429,
      headers: [['retry-after', '3'], ['content-type', 'application/json']],
      body: '{"detail": "Rate limit exceeded"}',
      requestHeaders: [],
    });
  });

  it('HTTP/2 from curl -i, with CRLF line ends and a multi-line body', () => {
    const p = parsePastedExchange('HTTP/2 403 \r\ndate: Wed, 25 Nov 2026 18:00:00 GMT\r\nx-request-id: abc\r\n\r\n{\r\n  "detail": {"code": "api_access_denied", "message": "No API"}\r\n}\r\n');
    assert.equal(p.status, 403);
    assert.equal(p.body, '{\n  "detail": {"code": "api_access_denied", "message": "No API"}\n}');
    assert.deepEqual(p.headers[1], ['x-request-id', 'abc']);
  });

  it('curl -v: request and response, with its notes left out', () => {
    const text = [
      '*   Trying 104.18.2.1:443...',
      '* Connected to app.specala.ai (104.18.2.1) port 443',
      '* SSL connection using TLSv1.3',
      '> GET /api/v1/developer/transcriptions?api_key=sk_live_Zx81QpL0vN3mR7tY5uWb2cHd HTTP/2',
      '> Host: app.specala.ai',
      '> User-Agent: curl/8.5.0',
      '> Accept: */*',
      '>',
      '< HTTP/2 401',
      '< content-type: application/json',
      '< x-request-id: 5f0c9d2e',
      '<',
      '{ [29 bytes data]',
      '{"detail":"Invalid API key"}',
      '* Connection #0 to host app.specala.ai left intact',
    ].join('\n');
    const p = parsePastedExchange(text);
    assert.equal(p.method, 'GET');
    assert.equal(p.url, 'https://app.specala.ai/api/v1/developer/transcriptions?api_key=sk_live_Zx81QpL0vN3mR7tY5uWb2cHd');
    assert.equal(p.status, 401);
    assert.deepEqual(p.requestHeaders.map(([k]) => k), ['Host', 'User-Agent', 'Accept']);
    assert.deepEqual(p.headers, [['content-type', 'application/json'], ['x-request-id', '5f0c9d2e']]);
    assert.equal(p.body, '{"detail":"Invalid API key"}');

    const d = decode({ ...p, status: p.status!, request: { headers: p.requestHeaders }, now: NOW }, builtinCatalogs());
    assert.equal(d.provider, 'specala');
    assert.equal(d.causes[0].id, 'key-in-url');
    assert.equal(d.requestId, '5f0c9d2e');
    assert.equal(leaksKey(d.ticket), false);
  });

  it('an .http-style request, its body, then the response', () => {
    const text = [
      'POST https://app.specala.ai/api/v1/developer/transcriptions/export',
      'Authorization: Bearer sk_live_Zx81QpL0vN3mR7tY5uWb2cHd',
      'Content-Type: application/json',
      '',
      '{"ids": [], "format": "md"}',
      '',
      'HTTP/1.1 422 Unprocessable Entity',
      'content-type: application/json',
      '',
      '{"detail":"ids must contain between 1 and 100 items"}',
    ].join('\n');
    const p = parsePastedExchange(text);
    assert.equal(p.method, 'POST');
    assert.equal(p.url, 'https://app.specala.ai/api/v1/developer/transcriptions/export');
    assert.equal(p.requestBody, '{"ids": [], "format": "md"}');
    assert.equal(p.status, 422);
    assert.equal(p.body, '{"detail":"ids must contain between 1 and 100 items"}');
  });

  it('headers copied from browser devtools', () => {
    const text = [
      'Request URL: https://waves-api.smallest.ai/api/v1/lightning-v3.1/get_speech',
      'Request Method: POST',
      'Status Code: 429 Too Many Requests',
      'Remote Address: 104.21.5.6:443',
      'Referrer Policy: strict-origin-when-cross-origin',
      'retry-after: Wed, 25 Nov 2026 18:00:04 GMT',
      'x-request-id: 77aa',
    ].join('\n');
    const p = parsePastedExchange(text);
    assert.deepEqual([p.method, p.url, p.status], ['POST', 'https://waves-api.smallest.ai/api/v1/lightning-v3.1/get_speech', 429]);
    assert.deepEqual(p.headers, [['retry-after', 'Wed, 25 Nov 2026 18:00:04 GMT'], ['x-request-id', '77aa']]);
    const d = decode({ ...p, status: p.status!, now: NOW }, builtinCatalogs());
    assert.deepEqual(d.retry, { retryable: true, afterMs: 4000, basis: 'retry-after' });
  });

  it('a redirect followed by the real answer keeps the last response', () => {
    const p = parsePastedExchange('HTTP/1.1 301 Moved Permanently\nlocation: https://x/\n\nHTTP/1.1 404 Not Found\ncontent-type: text/plain\n\nnope');
    assert.deepEqual([p.status, p.headers, p.body], [404, [['content-type', 'text/plain']], 'nope']);
  });

  it('only a body: no status, body kept', () => {
    const p = parsePastedExchange('{"detail": "Invalid API key"}');
    assert.deepEqual(p, { headers: [], body: '{"detail": "Invalid API key"}', requestHeaders: [] });
  });

  it('headers without a status line', () => {
    const p = parsePastedExchange('retry-after: 10\n\n{"detail":"slow down"}');
    assert.deepEqual([p.status, p.headers, p.body], [undefined, [['retry-after', '10']], '{"detail":"slow down"}']);
  });

  it('an XML body is not taken for curl output', () => {
    const p = parsePastedExchange('HTTP/1.1 404 Not Found\n\n<Error>\n<Code>NoSuchKey</Code>\n</Error>');
    assert.equal(p.body, '<Error>\n<Code>NoSuchKey</Code>\n</Error>');
  });
});
