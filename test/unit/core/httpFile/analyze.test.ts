import * as assert from 'node:assert/strict';
import { analyzeHttpFile } from '../../../../src/core/httpFile/analyze';
import { parseHttpFile } from '../../../../src/core/httpFile/parse';
import { collectHttpFacts } from '../../../../src/core/httpFile/facts';
import { emptyConfig } from '../../../../src/core/config';
import type { Finding } from '../../../../src/core/types';

const ranges = (text: string, findings: Finding[]) => findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]);

describe('.http analysis', () => {
  it('resolves file variables into the URL: literal pieces point at the declaration, env references are holes', () => {
    const text = '@host = https://api.example.com\n@key = {{$processEnv MAPS_API_KEY}}\n\nGET {{host}}/geo?key={{key}}\n';
    const [site] = collectHttpFacts(parseHttpFile(text)).sites;
    const [host, path, key] = site.url!.parts;
    assert.equal(host.kind === 'literal' && text.slice(host.span.start, host.span.end), 'https://api.example.com');
    assert.equal(path.kind === 'literal' && path.value, '/geo?key=');
    assert.deepEqual(key.kind === 'hole' && [key.origin, key.secret, text.slice(key.span.start, key.span.end)], [{ kind: 'env', name: 'MAPS_API_KEY' }, true, '{{key}}']);
  });

  it('an empty file, or one with only comments and variables, has nothing to report', () => {
    assert.deepEqual([analyzeHttpFile(''), analyzeHttpFile('# notes\n@host = https://x.example\n')], [[], []]);
  });

  it('survives variables that refer to each other in a circle', () => {
    const text = '@a = {{b}}\n@b = {{a}}\nGET https://x.example/?token={{a}}\n';
    assert.deepEqual(ranges(text, analyzeHttpFile(text)), [['key-in-url', 'token={{a}}']]);
  });

  it('uses the definition in force where the request is (a later one wins after it)', () => {
    const text = [
      '@base = https://x.example/?page=1', 'GET {{base}}', '###',
      '@base = https://x.example/?api_key=abcdef123456', 'GET {{base}}', '',
    ].join('\n');
    assert.deepEqual(ranges(text, analyzeHttpFile(text)), [['key-in-url', 'api_key=abcdef123456']]);
  });

  it('keeps UTF-16 offsets after non-ASCII text and emoji', () => {
    const text = '# Überblick 🚀 café\nGET https://x.example/ä?token={{token}}\n';
    assert.deepEqual(ranges(text, analyzeHttpFile(text)), [['key-in-url', 'token={{token}}']]);
  });

  it('honours rule levels from settings and the config file, and extra secret parameter names', () => {
    const text = 'GET https://x.example/?signature={{sig}}&token={{token}}\nAuthorization: Bearer: {{token}}\n';
    assert.deepEqual(ranges(text, analyzeHttpFile(text)), [['key-in-url', 'token={{token}}'], ['bearer-format', 'Bearer: {{token}}']]);
    const more = analyzeHttpFile(text, { secretParamNames: ['signature'], rules: { 'bearer-format': 'off', 'key-in-url': 'error' } });
    assert.deepEqual(more.map((f) => [f.ruleId, f.severity, text.slice(f.start, f.end)]), [
      ['key-in-url', 'error', 'signature={{sig}}'], ['key-in-url', 'error', 'token={{token}}'],
    ]);
    const config = { ...emptyConfig(), rules: { 'key-in-url': 'off' as const } };
    assert.deepEqual(ranges(text, analyzeHttpFile(text, { config })), [['bearer-format', 'Bearer: {{token}}']]);
  });

  it('a file-wide directive with no rule list silences every rule; one with a list only those', () => {
    const body = '@apiKey = sk_live_51HqLyjWDarjtT1zdp7dcXyZ\nGET https://x.example/?token={{apiKey}}\nAuthorization: {{apiKey}}\n';
    assert.equal(analyzeHttpFile(body).length, 3);
    assert.deepEqual(analyzeHttpFile(`// api-doctor-disable\n${body}`), []);
    assert.deepEqual(analyzeHttpFile(`# api-doctor-disable key-in-url, bearer-format\n${body}`).map((f) => f.ruleId), ['hardcoded-key']);
  });

  it('a directive-looking text that is not a comment line does not suppress', () => {
    const text = 'GET https://x.example/?q=api-doctor-disable&token={{token}}\n';
    assert.equal(analyzeHttpFile(text).length, 1);
  });

  it('never shows a key in a message', () => {
    const key = 'sk_live_51HqLyjWDarjtT1zdp7dcXyZ';
    const text = `@apiKey = ${key}\nGET https://x.example/?api_key=${key}\nAuthorization: Bearer: ${key}\n`;
    const findings = analyzeHttpFile(text);
    assert.deepEqual(findings.map((f) => f.ruleId), ['hardcoded-key', 'key-in-url', 'hardcoded-key', 'bearer-format', 'hardcoded-key']);
    for (const f of findings) assert.ok(!f.message.includes(key), f.message);
  });

  it('moves a query key to a header after the last header, keeping CRLF', () => {
    const text = 'GET https://x.example/a?token={{token}}&page=2\r\nAccept: */*\r\n\r\n';
    const [f] = analyzeHttpFile(text);
    const edits = [...f.fix!.edits].sort((a, b) => b.start - a.start);
    let out = text;
    for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    assert.equal(out, 'GET https://x.example/a?page=2\r\nAccept: */*\r\nAuthorization: Bearer {{token}}\r\n\r\n');
  });

  it('reports the broken header at the use when its value sits in a variable, without a fix there', () => {
    const text = '@auth = Bearer: {{$processEnv TOKEN}}\nGET https://x.example/\nAuthorization: {{auth}}\n';
    const [f] = analyzeHttpFile(text);
    assert.deepEqual([f.ruleId, text.slice(f.start, f.end), f.fix], ['bearer-format', '{{auth}}', undefined]);
  });
});
