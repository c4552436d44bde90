import * as assert from 'node:assert/strict';
import { AUTO_KEY, emptyDraft, type RequestDraft } from '../../../src/protocol/request';
import { maskKey, normaliseHost, parseKeyId, keyId } from '../../../src/vscode/keys/keyNames';
import { draftFromArgs } from '../../../src/vscode/runner/draftFromArgs';
import { addToHistory, historyItem, redactDraft } from '../../../src/vscode/runner/historyEntry';
import { bodyOf, failureView, INLINE_MEDIA_BYTES, SHOWN_TEXT_CHARS } from '../../../src/vscode/runner/responseView';
import { normaliseRunnerSettings } from '../../../src/vscode/runner/runnerSettings';
import { fillTemplate, urlAtCursor } from '../../../src/vscode/runner/urlAtCursor';

describe('stored key names', () => {
  it('masks keys, keeping the product prefix and the last four characters of long keys', () => {
    assert.equal(maskKey('sk_live_9f8e7d6c5b4a3f2e1d0c'), 'sk_live_***1d0c');
    assert.equal(maskKey('sk_short'), 'sk_***');
    assert.equal(maskKey('  abcdefghijklmnopqrst '), '***qrst');
  });

  it('normalises hosts and round-trips key ids', () => {
    assert.equal(normaliseHost('API.Example.com'), 'api.example.com');
    assert.equal(normaliseHost('127.0.0.1:8787'), '127.0.0.1:8787');
    assert.equal(normaliseHost('https://api.example.com/v1/x'), 'api.example.com');
    assert.equal(normaliseHost('api.example.com/v1'), undefined);
    assert.equal(normaliseHost('https://user:pw@api.example.com/'), undefined);
    assert.equal(normaliseHost(''), undefined);
    assert.equal(keyId({ kind: 'host', host: 'API.example.com' }), 'host:api.example.com');
    assert.deepEqual(parseKeyId('provider:waves'), { kind: 'provider', provider: 'waves' });
    assert.equal(parseKeyId('waves'), undefined);
  });
});

describe('history entries', () => {
  const draft: RequestDraft = {
    method: 'POST',
    url: 'https://api.example.com/v1/items?token=abc123secret',
    query: [{ name: 'api_key', value: 'sk_live_abcdefgh12345678', enabled: true }, { name: 'limit', value: '5', enabled: true }],
    headers: [{ name: 'Authorization', value: 'Bearer sk_live_abcdefgh12345678', enabled: true }, { name: 'Accept', value: 'application/json', enabled: true }],
    body: { kind: 'json', text: '{"password":"hunter22","name":"x"}' },
    key: AUTO_KEY,
  };

  it('masks every secret and switches the masked rows off so a re-run never sends ***', () => {
    const r = redactDraft(draft);
    assert.equal(r.url, 'https://api.example.com/v1/items?token=***');
    assert.deepEqual(r.query, [{ name: 'api_key', value: '***', enabled: false }, { name: 'limit', value: '5', enabled: true }]);
    assert.deepEqual(r.headers, [{ name: 'Authorization', value: 'Bearer sk_live_***', enabled: false }, { name: 'Accept', value: 'application/json', enabled: true }]);
    assert.deepEqual(r.body.kind === 'json' && JSON.parse(r.body.text), { password: '***', name: 'x' });
    assert.ok(!JSON.stringify(historyItem('r-1', new Date(0), draft, draft.url, { status: 401, failure: null }, null)).includes('abcdefgh'));
  });

  it('keeps the newest entries up to the size', () => {
    const item = (id: string) => historyItem(id, new Date(0), emptyDraft(), 'https://x.test', { status: 200, failure: null }, null);
    let list = addToHistory([], item('a'), 2);
    list = addToHistory(list, item('b'), 2);
    list = addToHistory(list, item('c'), 2);
    assert.deepEqual(list.map((h) => h.id), ['c', 'b']);
    assert.deepEqual(addToHistory(list, item('d'), 0), []);
  });
});

describe('response bodies for the panel', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('shows JSON and text, masks an echoed key, and clips long text', () => {
    assert.deepEqual(bodyOf({ body: bytes('{"a":1}'), contentType: 'application/json; charset=utf-8' }, []).body, { kind: 'json', text: '{"a":1}' });
    assert.deepEqual(bodyOf({ body: bytes('key sk_live_abcdefgh12345678 bad'), contentType: 'text/plain' }, ['sk_live_abcdefgh12345678']).body, { kind: 'text', text: 'key sk_live_***5678 bad' });
    const long = bodyOf({ body: bytes('x'.repeat(SHOWN_TEXT_CHARS + 10)), contentType: null }, []);
    assert.equal(long.clipped, true);
    assert.equal(long.body.kind === 'text' && long.body.text.length, SHOWN_TEXT_CHARS);
  });

  it('plays audio and shows images inline, but never SVG as an image, and saves the rest', () => {
    const wav = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 1, 2, 3]);
    assert.deepEqual(bodyOf({ body: wav, contentType: 'audio/wav' }, []).body, { kind: 'audio', mime: 'audio/wav', base64: 'UklGRgABAgM=' });
    assert.equal(bodyOf({ body: wav, contentType: 'image/png' }, []).body.kind, 'image');
    assert.equal(bodyOf({ body: bytes('<svg/>'), contentType: 'image/svg+xml' }, []).body.kind, 'text');
    assert.deepEqual(bodyOf({ body: new Uint8Array(INLINE_MEDIA_BYTES + 1), contentType: 'audio/mpeg' }, []).body, { kind: 'binary', mime: 'audio/mpeg' });
    assert.deepEqual(bodyOf({ body: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), contentType: 'application/zip' }, []).body, { kind: 'binary', mime: 'application/zip' });
    assert.deepEqual(bodyOf({ body: new Uint8Array(), contentType: 'application/json' }, []).body, { kind: 'empty' });
  });

  it('explains network failures', () => {
    const v = failureView({ kind: 'dns', message: 'api.exmaple.com was not found.', detail: 'ENOTFOUND', elapsedMs: 4, redirects: [] }, { responseId: 'r-1', attempts: 1, secrets: [] });
    assert.equal(v.title, 'The host name does not resolve');
    assert.equal(v.retryable, false);
    assert.ok(v.fixes.length > 0);
  });
});

describe('send request arguments and the URL at the cursor', () => {
  it('turns code lens arguments into a draft without credentials', () => {
    const d = draftFromArgs({ method: 'post', url: 'https://app.specala.ai/api/v1/developer/transcriptions?limit=10', headers: { Authorization: 'Bearer x', 'X-Api-Key': 'y', Accept: 'application/json' }, body: '{"ids":[1]}' });
    assert.deepEqual(d, {
      method: 'POST', url: 'https://app.specala.ai/api/v1/developer/transcriptions', query: [{ name: 'limit', value: '10', enabled: true }],
      headers: [{ name: 'Accept', value: 'application/json', enabled: true }], body: { kind: 'json', text: '{"ids":[1]}' }, key: AUTO_KEY,
    });
    assert.equal(draftFromArgs(undefined), undefined);
    assert.equal(draftFromArgs({ method: 'BREW' })?.method, 'GET');
  });

  it('finds the URL literal under the cursor with its unknown parts and the method', () => {
    const line = 'const r = await axios.post(`https://api.example.com/v1/users/${userId}/items?lang=${process.env.LANG}`, body);';
    const at = line.indexOf('users');
    assert.deepEqual(urlAtCursor(line, at), { template: 'https://api.example.com/v1/users/{userId}/items?lang={LANG}', holes: ['userId', 'LANG'], method: 'POST' });
    assert.equal(urlAtCursor(line, 3), undefined);
    assert.deepEqual(urlAtCursor('requests.get(f"https://x.test/a/{item_id}")', 20), { template: 'https://x.test/a/{item_id}', holes: ['item_id'], method: 'GET' });
    assert.equal(fillTemplate('https://api.example.com/v1/users/{userId}/items?lang={LANG}', { userId: 'a b', LANG: 'en' }), 'https://api.example.com/v1/users/a%20b/items?lang=en');
    assert.equal(fillTemplate('{BASE}/v1', { BASE: 'https://x.test' }), 'https://x.test/v1');
  });
});

describe('runner settings', () => {
  it('falls back to the defaults on bad values', () => {
    assert.deepEqual(normaliseRunnerSettings({}), { timeoutMs: 30000, maxResponseBytes: 10485760, maxRetries: 3, historySize: 50, proxy: '', proxyStrictSSL: true });
    assert.deepEqual(normaliseRunnerSettings({ timeoutMs: 5, maxResponseBytes: '1', maxRetries: 2.7, historySize: -1, proxy: 'http://proxy.local:3128', proxyStrictSSL: false }),
      { timeoutMs: 30000, maxResponseBytes: 10485760, maxRetries: 2, historySize: 50, proxy: 'http://proxy.local:3128', proxyStrictSSL: false });
  });
});
