import * as assert from 'node:assert/strict';
import { decode } from '../../../src/catalog/decode';
import { loadBuiltinCatalogs } from '../../../src/catalog/load';
import type { Catalog } from '../../../src/catalog/types';
import { sendRequest } from '../../../src/http/send';
import type { HttpRequest, HttpResponse } from '../../../src/http/types';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';
import { exportText, findTranscription } from '../../../src/sandbox/transcripts';
import { crc32 } from '../../../src/sandbox/zip';

const W = '/waves/api/v1';
const S = '/specala/api/v1/developer';

let keyCounter = 0;
/** A fresh key per request group, so the per-key rate limit of one test does not touch another. */
const fresh = (prefix: string) => `${prefix}${++keyCounter}abcdef`;

describe('sandbox', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0, ratePerMinute: 5 });
  });
  after(async () => {
    await sandbox.close();
  });

  async function call(path: string, init: Partial<HttpRequest> & { auth?: string | null } = {}): Promise<HttpResponse> {
    const { auth, ...rest } = init;
    const headers: Array<[string, string]> = [...((rest.headers as Array<[string, string]>) ?? [])];
    if (auth) headers.push(['Authorization', auth]);
    const o = await sendRequest({ method: 'GET', ...rest, headers, url: `${sandbox.url}${path}` });
    if (!o.ok) assert.fail(`${path}: ${o.failure.kind} ${o.failure.detail}`);
    assert.match(String(o.response.headers['x-request-id']), /^req_[0-9a-f]{16}$/, `${path} has no x-request-id`);
    return o.response;
  }
  const json = (r: HttpResponse) => JSON.parse(Buffer.from(r.body).toString('utf8'));
  const bearer = (key: string) => `Bearer ${key}`;

  it('prints its routes on /', async () => {
    const r = await call('/');
    assert.equal(r.status, 200);
    assert.match(Buffer.from(r.body).toString(), /api_access_denied/);
  });

  it('answers 401 for a missing key, a key in the query and a malformed Bearer', async () => {
    const cases: Array<[string, string | null, string]> = [
      [`${W}/lightning-v3.1/get_voices`, null, 'Missing Authorization header.'],
      [`${S}/projects`, null, 'Not authenticated'],
      [`${S}/projects?api_key=sk_live_inquery1`, null, 'API keys are not accepted in the URL (query parameter "api_key"). Send the key in the Authorization header.'],
      [`${W}/lightning-v3.1/get_voices?token=sk_inquery2`, bearer('sk_ok_x1'), 'API keys are not accepted in the URL (query parameter "token"). Send the key in the Authorization header.'],
      [`${S}/projects`, 'Bearer "sk_live_quoted3"', 'Malformed Authorization header: the key must not be quoted.'],
      [`${S}/projects`, 'sk_live_noscheme4', 'Malformed Authorization header: the "Bearer " scheme is missing.'],
      [`${W}/lightning-v3.1/get_voices`, 'Bearer  sk_twospaces5', 'Malformed Authorization header: expected "Bearer <key>" with exactly one space.'],
      [`${S}/projects`, bearer('sk_live_revoked_6'), 'Invalid API key'],
      [`${S}/projects`, bearer('sk_wrongprefix7'), 'Invalid API key'],
      [`${W}/lightning-v3.1/get_voices`, bearer('sk_revoked_8'), 'Invalid API key.'],
    ];
    for (const [path, auth, detail] of cases) {
      const r = await call(path, { auth });
      assert.equal(r.status, 401, path);
      assert.deepEqual(json(r), { detail }, `${path} ${auth}`);
    }
  });

  it('answers 403 for a plan without API access and for a key of another product', async () => {
    const noApi = await call(`${S}/transcriptions`, { auth: bearer(fresh('sk_live_noapi')) });
    assert.equal(noApi.status, 403);
    assert.equal(json(noApi).detail.code, 'api_access_denied');
    const atoms = await call(`${W}/lightning-v3.1/get_speech`, { method: 'POST', auth: bearer(fresh('sk_atoms_')), body: '{"text":"hi"}' });
    assert.equal(atoms.status, 403);
    assert.match(json(atoms).detail, /another product \(Atoms\)/);
    const limit = await call(`${W}/pulse/get_text`, { method: 'POST', auth: bearer(fresh('sk_limit_')), body: 'x' });
    assert.equal(limit.status, 403);
  });

  it('answers 404 for unknown ids and routes', async () => {
    const key = bearer(fresh('sk_live_'));
    assert.deepEqual(json(await call(`${S}/transcriptions/tr_9999`, { auth: key })), { detail: 'Transcription not found' });
    assert.equal((await call(`${S}/transcriptions/tr_9999/export?format=md`, { auth: key })).status, 404);
    assert.equal((await call(`${S}/nothing-here`, { auth: key })).status, 404);
    const bulk = await call(`${S}/transcriptions/export`, { method: 'POST', auth: bearer(fresh('sk_live_')), body: '{"ids":["tr_0001","tr_nope"],"format":"md"}' });
    assert.deepEqual(json(bulk), { detail: 'Transcription not found: tr_nope' });
    assert.equal((await call('/elsewhere')).status, 404);
  });

  it('answers 422 for a bad export format, empty or too many ids, and a list limit over 100', async () => {
    const cases: Array<[string, string | undefined, string]> = [
      [`${S}/transcriptions/tr_0001/export?format=pdf`, undefined, 'format must be "md" or "txt"'],
      [`${S}/transcriptions/tr_0001/export`, undefined, 'format must be "md" or "txt"'],
      [`${S}/transcriptions/export`, '{"ids":[],"format":"md"}', 'ids must be a non-empty list'],
      [`${S}/transcriptions/export`, JSON.stringify({ ids: Array.from({ length: 101 }, (_, i) => `tr_${i}`), format: 'md' }), 'ids may hold at most 100 entries, got 101'],
      [`${S}/transcriptions/export`, '{"ids":["tr_0001"],"format":"docx"}', 'format must be "md" or "txt"'],
      [`${S}/transcriptions?limit=101`, undefined, 'limit must be an integer from 1 to 100'],
    ];
    for (const [path, body, detail] of cases) {
      const r = await call(path, { method: body ? 'POST' : 'GET', body, auth: bearer(fresh('sk_live_')) });
      assert.equal(r.status, 422, path);
      assert.deepEqual(json(r), { detail }, path);
    }
  });

  it('answers 429 with Retry-After after the per-key limit, for that key only', async () => {
    const key = bearer(fresh('sk_live_'));
    const statuses: number[] = [];
    let last!: HttpResponse;
    for (let i = 0; i < 6; i++) {
      last = await call(`${S}/projects`, { auth: key });
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    assert.deepEqual(json(last), { detail: 'Rate limit exceeded' });
    const wait = Number(last.headers['retry-after']);
    assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 60, `Retry-After ${wait}`);
    assert.equal((await call(`${S}/projects`, { auth: bearer(fresh('sk_live_')) })).status, 200);
  });

  it('answers 500 with an x-request-id on ?fail=500 and on the failing text', async () => {
    const r = await call(`${W}/lightning-v3.1/get_voices?fail=500`, { auth: bearer(fresh('sk_')) });
    assert.equal(r.status, 500);
    assert.deepEqual(json(r), { detail: 'Internal server error' });
    const t = await call(`${W}/lightning-v3.1/get_speech`, { method: 'POST', auth: bearer(fresh('sk_')), body: '{"text":"say __fail_500__"}' });
    assert.equal(t.status, 500);
    assert.equal((await call(`${S}/projects?fail=503`, { auth: bearer(fresh('sk_live_')) })).status, 503);
  });

  it('answers NoSuchKey for an object that was never uploaded, and transcribes it once it is', async () => {
    const key = bearer(fresh('sk_'));
    const ref = JSON.stringify({ url: `${sandbox.url}/waves/uploads/meeting.wav` });
    const headers: Array<[string, string]> = [['Content-Type', 'application/json']];
    const missing = await call(`${W}/pulse/get_text`, { method: 'POST', auth: key, headers, body: ref });
    assert.equal(missing.status, 404);
    assert.equal(missing.contentType, 'application/xml');
    assert.match(Buffer.from(missing.body).toString(), /<Code>NoSuchKey<\/Code>.*<Key>meeting\.wav<\/Key>/);
    assert.equal((await call('/waves/uploads/meeting.wav', { method: 'PUT', body: new Uint8Array(3200) })).status, 200);
    const found = await call(`${W}/pulse/get_text?language=en`, { method: 'POST', auth: key, headers, body: ref });
    assert.equal(found.status, 200);
    assert.equal(json(found).transcription, 'Hello from the API Doctor sandbox.');
  });

  it('returns real WAV audio for speech and JSON text for transcription', async () => {
    const key = bearer(fresh('sk_'));
    const wav = await call(`${W}/lightning-v3.1/get_speech`, { method: 'POST', auth: key, body: '{"text":"hello","sample_rate":16000}' });
    assert.equal(wav.status, 200);
    assert.equal(wav.contentType, 'audio/wav');
    const b = Buffer.from(wav.body);
    assert.equal(b.toString('ascii', 0, 4), 'RIFF');
    assert.equal(b.toString('ascii', 8, 12), 'WAVE');
    assert.equal(b.readUInt32LE(24), 16_000);
    assert.equal(b.readUInt32LE(40), b.length - 44);
    const stt = await call(`${W}/pulse/get_text`, { method: 'POST', auth: key, headers: [['Content-Type', 'audio/wav']], body: new Uint8Array(b) });
    assert.equal(json(stt).status, 'success');
  });

  it('lists and exports Specala transcriptions, in bulk as a ZIP', async () => {
    const key = bearer(fresh('sk_live_'));
    const list = json(await call(`${S}/transcriptions?limit=3&offset=1`, { auth: key }));
    assert.deepEqual(list.items.map((t: { id: string }) => t.id), ['tr_0002', 'tr_0003', 'tr_0004']);
    assert.equal(list.total, 12);
    const one = await call(`${S}/transcriptions/tr_0001/export?format=txt`, { auth: key });
    assert.equal(Buffer.from(one.body).toString(), exportText(findTranscription('tr_0001')!, 'txt'));
    const zip = Buffer.from((await call(`${S}/transcriptions/export`, { method: 'POST', auth: key, body: '{"ids":["tr_0001","tr_0002"],"format":"md"}' })).body);
    // Walk the local file headers: stored entries, names, contents and CRCs as written.
    let at = 0;
    const entries: string[] = [];
    while (zip.readUInt32LE(at) === 0x04034b50) {
      const size = zip.readUInt32LE(at + 18);
      const nameLength = zip.readUInt16LE(at + 26);
      const name = zip.toString('utf8', at + 30, at + 30 + nameLength);
      const data = zip.subarray(at + 30 + nameLength, at + 30 + nameLength + size);
      assert.equal(zip.readUInt32LE(at + 14), crc32(data));
      assert.equal(data.toString(), exportText(findTranscription(name.replace('.md', ''))!, 'md'));
      entries.push(name);
      at += 30 + nameLength + size;
    }
    assert.deepEqual(entries, ['tr_0001.md', 'tr_0002.md']);
    assert.equal(zip.readUInt32LE(zip.length - 22), 0x06054b50);
  });

  it('gives answers the decoder recognises with the provider catalogs', async () => {
    const { catalogs } = loadBuiltinCatalogs();
    const local = (id: string): Catalog[] => catalogs.map((c) => (c.id === id ? { ...c, match: { ...c.match, hosts: ['127.0.0.1'] } } : c));
    const r = await call(`${S}/projects`, { auth: bearer(fresh('sk_live_noapi')) });
    const d = decode({ method: 'GET', url: `${sandbox.url}${S}/projects`, status: r.status, headers: r.headers, body: r.body }, local('specala'));
    assert.equal(d.provider, 'specala');
    assert.equal(d.code, 'api_access_denied');
    const ref = JSON.stringify({ url: 'https://storage.example/uploads/gone.wav' });
    const n = await call(`${W}/pulse/get_text`, { method: 'POST', auth: bearer(fresh('sk_')), headers: [['Content-Type', 'application/json']], body: ref });
    const dn = decode({ method: 'POST', url: `${sandbox.url}${W}/pulse/get_text`, status: n.status, headers: n.headers, body: n.body }, local('waves'));
    assert.equal(dn.code, 'NoSuchKey');
    assert.equal(dn.requestId, n.headers['x-request-id']);
  });
});
