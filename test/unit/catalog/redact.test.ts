import * as assert from 'node:assert/strict';
import { decode } from '../../../src/catalog/decode';
import { maskSecret, redactBody, redactHeaderValue, redactHeaders, redactText, redactUrl } from '../../../src/catalog/redact';
import { builtinCatalogs, leaksKey, NOW } from './builtin';

const KEY = 'sk_live_Zx81QpL0vN3mR7tY5uWb2cHd';
const WAVES_KEY = 'sk_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

describe('redaction', () => {
  it('URLs: secret query values, user info and key-shaped path parts', () => {
    assert.equal(redactUrl(`https://app.specala.ai/api/v1/developer/projects?api_key=${KEY}&limit=5`), 'https://app.specala.ai/api/v1/developer/projects?api_key=***&limit=5');
    assert.equal(redactUrl(`wss://waves-api.smallest.ai/api/v1/pulse/get_text?language=en&token=${WAVES_KEY}`), 'wss://waves-api.smallest.ai/api/v1/pulse/get_text?language=en&token=***');
    assert.equal(redactUrl('https://user:hunter2@example.com/x'), 'https://***@example.com/x');
    assert.equal(redactUrl(`https://example.com/keys/${KEY}/usage`), 'https://example.com/keys/sk_live_***/usage');
    assert.equal(redactUrl('https://example.com/a?q=token&page=2#frag'), 'https://example.com/a?q=token&page=2#frag');
    assert.equal(redactUrl('https://example.com/a?Access-Token=abc&%E0=1'), 'https://example.com/a?Access-Token=***&%E0=1');
    assert.equal(redactUrl('https://example.com/a?myKey=x', ['mykey']), 'https://example.com/a?myKey=***');
  });

  it('headers: scheme kept, key masked, shape mistakes still visible', () => {
    assert.equal(redactHeaderValue('Authorization', `Bearer ${KEY}`), 'Bearer sk_live_***');
    assert.equal(redactHeaderValue('authorization', `Bearer "${WAVES_KEY}"`), 'Bearer "sk_***"');
    assert.equal(redactHeaderValue('Authorization', `Bearer ${KEY}  `), 'Bearer sk_live_***␠␠');
    assert.equal(redactHeaderValue('Authorization', KEY), 'sk_live_***');
    assert.equal(redactHeaderValue('Authorization', 'Basic dXNlcjpwYXNz'), 'Basic ***');
    assert.equal(redactHeaderValue('X-API-Key', 'abc123def456'), '***');
    assert.equal(redactHeaderValue('Cookie', 'session=abc'), '***');
    assert.equal(redactHeaderValue('Content-Type', 'application/json'), 'application/json');
    assert.deepEqual(redactHeaders([['X-Auth-Token', 't0k3n'], ['Accept', '*/*']]), [['X-Auth-Token', '***'], ['Accept', '*/*']]);
    assert.equal(maskSecret(''), '');
    assert.equal(maskSecret('x'.repeat(10000)), '***');
  });

  it('JSON bodies: fields named like secrets, at any depth, and key-shaped values anywhere', () => {
    const body = JSON.stringify({ ids: ['tr_1'], format: 'md', auth: { apiKey: 'plain-secret', client_secret: 'cs', password: 'p' }, note: `use ${KEY}`, token: null, hasPassword: true });
    assert.equal(redactBody(body), JSON.stringify({ ids: ['tr_1'], format: 'md', auth: { apiKey: '***', client_secret: '***', password: '***' }, note: 'use sk_live_***', token: null, hasPassword: true }, null, 2));
  });

  it('truncated JSON, form bodies and text', () => {
    assert.equal(redactBody('{"api_key": "abcdef", "text": "hel'), '{"api_key": "***", "text": "hel');
    assert.equal(redactBody('grant_type=client_credentials&client_secret=s3cr3t&scope=a'), 'grant_type=client_credentials&client_secret=***&scope=a');
    assert.equal(redactText(`curl -H "Authorization: Bearer ${KEY}" https://x?api_key=abc123`), 'curl -H "Authorization: Bearer sk_live_***" https://x?api_key=***');
    assert.equal(redactText('The access token expired; Bearer authentication failed'), 'The access token expired; Bearer authentication failed');
    assert.equal(redactText('AKIAIOSFODNN7EXAMPLE and ghp_16C7e42F292c6912E7710c838347Ae178B4a'), 'AKIA*** and ghp_***');
    assert.equal(redactText('jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc_def'), 'jwt eyJ***');
  });

  it('a ticket never holds a key, wherever the key was', () => {
    const places = [
      { url: `https://app.specala.ai/api/v1/developer/transcriptions?api_key=${KEY}`, request: { headers: {} } },
      { url: 'https://app.specala.ai/api/v1/developer/transcriptions', request: { headers: { Authorization: `Bearer ${KEY}` } } },
      { url: 'https://app.specala.ai/api/v1/developer/transcriptions/export', request: { headers: {}, body: JSON.stringify({ ids: ['a'], key: KEY }) } },
      { url: 'https://app.specala.ai/api/v1/developer/transcriptions/export', request: { headers: {}, body: `{"ids": ["a"], "note": "${KEY}", "cut` } },
      { url: 'https://example.com/upload', request: { headers: {}, body: `api_key=${KEY}&x=1` } },
      { url: `https://user:${KEY}@example.com/` },
    ];
    const bodies = [`{"detail":"Invalid API key ${KEY}"}`, `<Error><Code>AccessDenied</Code><Message>key ${KEY}</Message></Error>`, `invalid key: ${KEY}`, `<html><title>${KEY}</title></html>`];
    for (const place of places) {
      for (const body of bodies) {
        const d = decode({ method: 'POST', status: 401, headers: { 'x-request-id': 'r' }, body, now: NOW, ...place }, builtinCatalogs());
        assert.equal(leaksKey(d.ticket), false, d.ticket);
        assert.equal(leaksKey(JSON.stringify({ ...d, ticket: '' })), false, JSON.stringify(d));
      }
    }
  });
});
