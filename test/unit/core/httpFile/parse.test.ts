import * as assert from 'node:assert/strict';
import { parseHttpFile, variableReferences } from '../../../../src/core/httpFile/parse';

/** The text each span points at, read back from the document: proves the offsets. */
const at = (text: string, span: { text: string; start: number }) => text.slice(span.start, span.start + span.text.length);

describe('.http file parser', () => {
  const doc = [
    '@host = https://waves-api.smallest.ai/api/v1',
    '@token = {{$processEnv WAVES_API_KEY}}',
    '',
    '### Voices',
    '# @name voices',
    'GET {{host}}/lightning-v3.1/get_voices?api_key={{token}} HTTP/1.1',
    'Accept: application/json',
    '',
    '### Speak',
    'POST {{host}}/lightning-v3.1/get_speech',
    '    ?sample_rate=24000',
    '    &format=wav',
    'Authorization: Bearer "{{token}}"',
    '// a comment between headers',
    'Content-Type: application/json',
    '',
    '{',
    '  "text": "hello"',
    '}',
    '',
    '',
    '###',
    'https://example.com/health',
  ].join('\n');
  const file = parseHttpFile(doc);

  it('reads file variables with their offsets', () => {
    assert.deepEqual(file.variables.map((v) => [v.name.text, v.value.text]), [
      ['host', 'https://waves-api.smallest.ai/api/v1'],
      ['token', '{{$processEnv WAVES_API_KEY}}'],
    ]);
    for (const v of file.variables) {
      assert.equal(at(doc, v.name), v.name.text);
      assert.equal(at(doc, v.value), v.value.text);
    }
  });

  it('reads each request: method, URL without the protocol, continuations, headers and body', () => {
    assert.equal(file.requests.length, 3);
    const [voices, speak, health] = file.requests;
    assert.equal(voices.method, 'GET');
    assert.equal(voices.url.text, '{{host}}/lightning-v3.1/get_voices?api_key={{token}}');
    assert.equal(at(doc, voices.url), voices.url.text);
    assert.deepEqual(voices.headers.map((h) => [h.name.text, h.value.text]), [['Accept', 'application/json']]);
    assert.equal(voices.body, undefined);

    assert.equal(speak.method, 'POST');
    assert.deepEqual(speak.urlContinuations.map((c) => c.text), ['?sample_rate=24000', '&format=wav']);
    assert.deepEqual(speak.headers.map((h) => h.name.text), ['Authorization', 'Content-Type']);
    assert.equal(at(doc, speak.headers[0].value), 'Bearer "{{token}}"');
    assert.equal(speak.body?.text, '{\n  "text": "hello"\n}');
    assert.equal(at(doc, speak.body!), speak.body!.text);

    assert.equal(health.method, 'GET');
    assert.equal(health.methodSpan, undefined);
    assert.equal(health.url.text, 'https://example.com/health');
  });

  it('offers the offset after the last header for a new header line', () => {
    const speak = file.requests[1];
    assert.equal(doc.slice(speak.headerInsertOffset, speak.headerInsertOffset + 1), '\n');
    assert.ok(doc.slice(0, speak.headerInsertOffset).endsWith('Content-Type: application/json\n'));
  });

  it('keeps CRLF line breaks and UTF-16 offsets after non-ASCII text', () => {
    const crlf = '# café ☕\r\nGET https://x.example/a?token=1\r\nX-Note: é\r\n';
    const [req] = parseHttpFile(crlf).requests;
    assert.equal(at(crlf, req.url), 'https://x.example/a?token=1');
    assert.equal(req.eol, '\r\n');
    assert.equal(at(crlf, req.headers[0].value), 'é');
  });

  it('skips text it does not understand and goes on at the next separator', () => {
    const broken = 'this is not a request\nAccept: x\n###\nDELETE https://x.example/items/1\n';
    const parsed = parseHttpFile(broken);
    assert.deepEqual(parsed.requests.map((r) => `${r.method} ${r.url.text}`), ['DELETE https://x.example/items/1']);
  });

  it('skips httpYac script blocks: their lines are code, not a request', () => {
    const text = '{{\n  exports.token = await login();\n  const url = "https://x.example/?token=1";\n}}\nGET https://x.example/me\nAuthorization: Bearer {{token}}\n';
    const parsed = parseHttpFile(text);
    assert.deepEqual(parsed.requests.map((r) => [r.url.text, r.headers.length]), [['https://x.example/me', 1]]);
  });

  it('finds variable references with their offsets', () => {
    const span = { text: 'Bearer {{ token }} and {{$dotenv KEY}}', start: 10 };
    assert.deepEqual(variableReferences(span), [
      { expression: 'token', start: 17, end: 28 },
      { expression: '$dotenv KEY', start: 33, end: 48 },
    ]);
  });
});
