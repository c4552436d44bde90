import * as assert from 'node:assert/strict';
import { kindOfCodes } from '../../../src/http/failure';
import { authorizationValue, checkHeaders, checkKey } from '../../../src/http/preflight';
import { redactExchange, scrubSecrets } from '../../../src/http/redactExchange';

describe('http pre-flight, failure kinds and redaction', () => {
  it('trims a key and refuses quotes, inner spaces and a doubled scheme', () => {
    assert.deepEqual(checkKey('sk_abc123'), { key: 'sk_abc123', problems: [], warnings: [] });
    assert.equal(checkKey(' sk_abc123\t').key, 'sk_abc123');
    assert.equal(checkKey(' sk_abc123\t').warnings.length, 1);
    assert.deepEqual(checkKey('"sk_abc123"').problems, ['The key contains quote marks; store the key without quotes.']);
    assert.deepEqual(checkKey('sk_abc 123').problems, ['The key contains a space or line break inside it; copy it again from the dashboard.']);
    assert.equal(checkKey('Bearer sk_abc123').problems.length, 2);
    assert.deepEqual(checkKey('').problems, ['The key is empty.']);
    assert.deepEqual(checkKey('sk_ab\u00e9').problems, ['The key contains characters that cannot be sent in a header.']);
    assert.equal(authorizationValue('sk_abc123'), 'Bearer sk_abc123');
    assert.equal(authorizationValue('abc', ''), 'abc');
  });

  it('refuses header names and values that could split a header', () => {
    assert.deepEqual(checkHeaders([['X-Ok', 'fine value']]), []);
    assert.equal(checkHeaders([['X-A', 'a\r\nSet-Cookie: x=1']]).length, 1);
    assert.equal(checkHeaders([['Bad Name', 'v']]).length, 1);
    assert.equal(checkHeaders([['X-A', 'tab\tis fine']]).length, 0);
    assert.equal(checkHeaders([['X-A', 'bell\u0007']]).length, 1);
  });

  it('maps undici and Node error codes to failure kinds', () => {
    const cases: Array<[string[], string]> = [
      [['ENOTFOUND'], 'dns'], [['EAI_AGAIN'], 'dns'], [['ECONNREFUSED'], 'refused'], [['ECONNRESET'], 'reset'],
      [['UND_ERR_SOCKET'], 'reset'], [['UND_ERR_CONNECT_TIMEOUT'], 'timeout'], [['UND_ERR_HEADERS_TIMEOUT'], 'timeout'],
      [['UND_ERR_BODY_TIMEOUT'], 'timeout'], [['DEPTH_ZERO_SELF_SIGNED_CERT'], 'tls'], [['CERT_HAS_EXPIRED'], 'tls'],
      [['ERR_TLS_CERT_ALTNAME_INVALID'], 'tls'], [['UND_ERR_HEADERS_OVERFLOW'], 'too-large'], [['HPE_INVALID_HEADER_TOKEN'], 'protocol'],
      [['Z_DATA_ERROR'], 'protocol'], [['UND_ERR_ABORTED'], 'aborted'], [['SOMETHING_ELSE'], 'other'], [[], 'other'],
    ];
    for (const [codes, kind] of cases) assert.equal(kindOfCodes(codes), kind, codes.join());
  });

  it('masks the key, credential headers and secret fields in what is stored or shown', () => {
    const key = 'sk_live_Zq8vN3xK2pL9';
    const shown = redactExchange(
      {
        method: 'post', url: `https://app.specala.ai/api/v1/developer/transcriptions?token=${key}&limit=5`,
        headers: { 'X-Api-Key': 'plainsecretvalue', Accept: 'application/json' },
        body: JSON.stringify({ password: 'hunter22', note: `key ${key}` }),
        key: { value: key, hosts: ['app.specala.ai'] },
      },
      { ok: true, response: {
        status: 401, statusText: 'Unauthorized', headers: { 'content-type': 'application/json', 'set-cookie': 'session=abcdef123456' },
        body: Buffer.from(JSON.stringify({ detail: `Invalid API key ${key}` })), truncated: false, elapsedMs: 5, sizeBytes: 10,
        contentType: 'application/json', url: 'https://app.specala.ai/', redirects: [], warnings: [],
      } },
    );
    const all = JSON.stringify(shown);
    for (const secret of [key, 'Zq8vN3xK2pL9', 'plainsecretvalue', 'hunter22', 'abcdef123456']) assert.ok(!all.includes(secret), `${secret} leaked: ${all}`);
    assert.equal(shown.method, 'POST');
    assert.equal(shown.url, 'https://app.specala.ai/api/v1/developer/transcriptions?token=***&limit=5');
    assert.deepEqual(shown.requestHeaders.at(-1), ['Authorization', 'Bearer ***']);
    assert.equal(scrubSecrets('a custom-token-xyz b', ['custom-token-xyz']), 'a *** b');
  });

  it('shows binary answers as a size note', () => {
    const shown = redactExchange({ method: 'POST', url: 'https://x.example/' }, { ok: true, response: {
      status: 200, statusText: 'OK', headers: {}, body: new Uint8Array([82, 73, 70, 70, 0, 0, 1, 2]), truncated: false,
      elapsedMs: 1, sizeBytes: 8, contentType: 'audio/wav', url: 'https://x.example/', redirects: [], warnings: [],
    } });
    assert.equal(shown.responseBody, '(binary, 8 bytes, audio/wav)');
  });
});
