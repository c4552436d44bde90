import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadBuiltinCatalogs } from '../../../src/catalog/load';
import { analyze } from '../../../src/core/analyze';
import { checkRequestConstraints } from '../../../src/catalog/constraints';
import { AUTO_KEY, NO_KEY, emptyDraft, type RequestDraft } from '../../../src/protocol/request';
import { hostsForKey, keyMayGoTo, resolveKeyChoice } from '../../../src/vscode/runner/keyChoice';
import { fixBearer, preflight } from '../../../src/vscode/runner/preflight';
import { requestAsCode } from '../../../src/vscode/runner/lintComposed';
import { RequestRunner } from '../../../src/vscode/runner/requestRunner';
import { normaliseRunnerSettings } from '../../../src/vscode/runner/runnerSettings';

const { catalogs } = loadBuiltinCatalogs(join(__dirname, '..', '..', '..', '..', 'catalogs'));
const WAVES = 'https://waves-api.smallest.ai/api/v1/lightning-v3.1/get_voices';
const WAVES_NAME = 'Waves (Smallest AI)';

function ctx(keys: string[] = []) {
  return {
    catalogs,
    keys: new Map(keys.map((k) => [k, hostsForKey(k, catalogs)] as const)),
    constraints: (url: string, method: string, body: string | undefined) => checkRequestConstraints(catalogs, { url, method, body }),
  };
}

describe('runner pre-flight', () => {
  it('loads the built-in catalogs', () => assert.ok(catalogs.some((c) => c.id === 'waves')));

  it('flags a key in the query and moves it to the Authorization header in one click', () => {
    const draft: RequestDraft = { ...emptyDraft(), url: `${WAVES}?api_key=sk_test123456789`, key: NO_KEY };
    const r = preflight(draft, ctx());
    assert.equal(r.provider, WAVES_NAME);
    const w = r.warnings.find((x) => x.rule === 'key-in-url');
    assert.ok(w?.fix);
    assert.deepEqual(w.fix.request, {
      ...draft, url: WAVES, query: [], headers: [{ name: 'Authorization', value: 'Bearer sk_test123456789', enabled: true }],
    });
  });

  it('with a stored key for the provider, the fix just removes the query parameter', () => {
    const draft: RequestDraft = { ...emptyDraft(), url: WAVES, query: [{ name: 'token', value: 'abc', enabled: true }], key: AUTO_KEY };
    const w = preflight(draft, ctx(['provider:waves'])).warnings.find((x) => x.rule === 'key-in-url');
    assert.equal(w?.fix?.title, 'Remove it (the stored key goes in the header)');
    assert.deepEqual(w?.fix?.request, { ...draft, query: [] });
  });

  it('repairs malformed Bearer headers', () => {
    assert.deepEqual(fixBearer('Bearer  "sk_abc123"'), { problem: 'The Authorization header is malformed: the key is in quotes, there is more than one space after "Bearer".', value: 'Bearer sk_abc123', scheme: 'Bearer' });
    assert.equal(fixBearer('sk_abc123').value, 'Bearer sk_abc123');
    assert.equal(fixBearer('Bearer Bearer sk_abc123').value, 'Bearer sk_abc123');
    assert.equal(fixBearer('Bearer sk_abc123').problem, null);
    assert.equal(fixBearer('Basic dXNlcjpwYXNz').problem, null);
    const draft: RequestDraft = { ...emptyDraft(), url: 'https://api.example.com/v1/x', headers: [{ name: 'authorization', value: 'sk_abc123 ', enabled: true }], key: NO_KEY };
    const w = preflight(draft, ctx()).warnings.find((x) => x.rule === 'bearer-format');
    assert.deepEqual(w?.fix?.request.headers, [{ name: 'authorization', value: 'Bearer sk_abc123', enabled: true }]);
  });

  it('refuses a key bound to other hosts, offering to send without it', () => {
    const draft: RequestDraft = { ...emptyDraft(), url: 'https://evil.example.net/collect', key: 'provider:waves' };
    const w = preflight(draft, ctx(['provider:waves'])).warnings.find((x) => x.rule === 'key-binding');
    assert.equal(w?.severity, 'error');
    assert.equal(w?.message, 'The chosen key is bound to waves-api.smallest.ai; it will not be sent to evil.example.net.');
    assert.equal(w?.fix?.request.key, NO_KEY);
  });

  it("runs the provider's endpoint constraints (Specala export format)", () => {
    const draft: RequestDraft = { ...emptyDraft(), url: 'https://app.specala.ai/api/v1/developer/transcriptions/t1/export', query: [{ name: 'format', value: 'pdf', enabled: true }] };
    const rules = preflight(draft, ctx()).warnings.map((w) => w.rule);
    assert.ok(rules.includes('specala/export-format'), rules.join());
  });

  it('reports the rate guard before a 429 and flags invalid JSON bodies', () => {
    const draft: RequestDraft = { ...emptyDraft(), method: 'POST', url: WAVES, body: { kind: 'json', text: '{"text": ' }, key: AUTO_KEY };
    const r = preflight(draft, { ...ctx(['provider:waves']), rate: (id) => (id === 'provider:waves' ? 'slow down' : null) });
    assert.deepEqual(r.warnings.map((w) => [w.rule, w.severity]), [['json-body', 'error'], ['rate-guard', 'warning']]);
  });
});

describe('body on GET', () => {
  it('warns and offers to remove the body', () => {
    const draft: RequestDraft = { ...emptyDraft(), url: WAVES, body: { kind: 'text', text: 'hello' } };
    const w = preflight(draft, ctx()).warnings.find((x) => x.rule === 'body-on-get');
    assert.equal(w?.message, 'A GET request with a body: many servers and proxies drop or refuse it.');
    assert.deepEqual(w?.fix?.request, { ...draft, body: { kind: 'none' } });
  });
});

describe('key choice', () => {
  it('picks the provider key, then a host key with port, then without', () => {
    const stored = ['provider:waves', 'host:127.0.0.1:8787', 'host:api.example.com'];
    assert.equal(resolveKeyChoice(AUTO_KEY, WAVES, stored, catalogs), 'provider:waves');
    assert.equal(resolveKeyChoice(AUTO_KEY, 'http://127.0.0.1:8787/x', stored, catalogs), 'host:127.0.0.1:8787');
    assert.equal(resolveKeyChoice(AUTO_KEY, 'http://127.0.0.1:9999/x', stored, catalogs), null);
    assert.equal(resolveKeyChoice(AUTO_KEY, 'https://api.example.com:8443/x', stored, catalogs), 'host:api.example.com');
    assert.equal(resolveKeyChoice(NO_KEY, WAVES, stored, catalogs), null);
  });

  it('lets a key go only to its hosts', () => {
    assert.equal(keyMayGoTo(WAVES, ['waves-api.smallest.ai']), true);
    assert.equal(keyMayGoTo('https://waves-api.smallest.ai.evil.net/', ['waves-api.smallest.ai']), false);
    assert.equal(keyMayGoTo('https://eu.api.example.com/', ['*.example.com']), true);
    assert.equal(keyMayGoTo('https://example.com/', ['*.example.com']), false);
    assert.equal(keyMayGoTo('http://127.0.0.1:8788/', ['127.0.0.1:8787']), false);
    assert.equal(keyMayGoTo('not a url', ['x']), false);
  });
});

describe("pre-flight with the linter's rules", () => {
  const runner = (rules: Record<string, 'off' | 'warning' | 'error'>) => new RequestRunner({
    catalogs: () => catalogs, analyze, keyIds: () => [], keyValue: async () => undefined,
    settings: () => ({ ...normaliseRunnerSettings({}), secretParamNames: [], rules }),
    filePath: () => undefined, loadHistory: () => [], saveHistory: async () => {}, log: () => {},
  });

  it('writes the request as the call a user would write', () => {
    assert.equal(requestAsCode({ ...emptyDraft(), url: 'https://x.test/a', query: [{ name: 'q', value: '1', enabled: true }], headers: [{ name: 'Accept', value: 'a"b', enabled: true }, { name: 'X', value: 'y', enabled: false }] }),
      'fetch("https://x.test/a?q=1", { method: "GET", headers: { "Accept": "a\\"b" } });\n');
  });

  it('adds what only the linter sees, and drops rules switched off in settings', async () => {
    const colon: RequestDraft = { ...emptyDraft(), url: 'https://api.example.com/v1/x', headers: [{ name: 'Authorization', value: 'Bearer: abc123', enabled: true }], key: NO_KEY };
    const seen = await runner({}).preflight(colon);
    const bearer = seen.warnings.filter((w) => w.rule === 'bearer-format');
    assert.equal(bearer.length, 1);
    assert.match(bearer[0].message, /colon after "Bearer"/);
    assert.deepEqual(bearer[0].fix?.request.headers, [{ name: 'Authorization', value: 'Bearer abc123', enabled: true }]);

    // Only the linter knows the `Token` scheme: its finding comes without a one-click fix.
    const token: RequestDraft = { ...colon, headers: [{ name: 'Authorization', value: 'Token  abc123', enabled: true }] };
    const onlyLinter = (await runner({}).preflight(token)).warnings;
    assert.deepEqual(onlyLinter.map((w) => [w.rule, w.fix === undefined]), [['bearer-format', true]]);
    assert.match(onlyLinter[0].message, /more than one space after "Token"/);

    const inUrl: RequestDraft = { ...emptyDraft(), url: 'https://api.example.com/v1/x', query: [{ name: 'api_key', value: 'abc', enabled: true }], key: NO_KEY };
    assert.deepEqual((await runner({}).preflight(inUrl)).warnings.map((w) => w.rule), ['key-in-url']);
    assert.deepEqual((await runner({ 'key-in-url': 'off' }).preflight(inUrl)).warnings.map((w) => w.rule), []);
  });
});
