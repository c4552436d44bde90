import * as assert from 'node:assert/strict';
import { analyzeJsonConfig, whyJsonNotAnalyzed } from '../../../../src/core/jsonConfig/analyze';
import { decodeJsonString, partsOf } from '../../../../src/core/jsonConfig/strings';
import { MAX_JSON_CHARS } from '../../../../src/core/jsonConfig/skip';
import { emptyConfig } from '../../../../src/core/config';
import type { Finding } from '../../../../src/core/types';

const ranges = (text: string, findings: Finding[]) => findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]);
const KEY = 'sk_live_51HqLyjWDarjtT1zdp7dcXyZ';

describe('JSON / JSONC analysis', () => {
  it('decodes a string literal with the document range of every character', () => {
    const text = '"a\\u0026b\\/c"';
    const d = decodeJsonString(text, 0, text.length)!;
    assert.equal(d.value, 'a&b/c');
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => text.slice(d.startOf(i), d.endOf(i))), ['a', '\\u0026', 'b', '\\/', 'c']);
    assert.deepEqual([d.exact, decodeJsonString('"plain"', 0, 7)!.exact], [false, true]);
    const parts = partsOf(d);
    assert.deepEqual(parts.map((p) => [p.kind, p.kind === 'literal' && p.exact]), [['literal', true], ['literal', false], ['literal', true], ['literal', false], ['literal', true]]);
  });

  it('reads substitutions as holes: ${env:…}, ${input:…}, $NAME, ${NAME}, {{name}}', () => {
    const text = '"${env:API_KEY} ${input:token} $WAVES_TOKEN ${HOME} {{accessToken}} ${workspaceFolder}"';
    const holes = partsOf(decodeJsonString(text, 0, text.length)!).filter((p) => p.kind === 'hole');
    assert.deepEqual(holes.map((h) => h.kind === 'hole' && [h.origin.kind, h.origin.name, h.secret]), [
      ['env', 'API_KEY', true], ['variable', 'token', true], ['env', 'WAVES_TOKEN', true], ['env', 'HOME', false],
      ['variable', 'accessToken', true], ['other', 'workspaceFolder', false],
    ]);
  });

  it('says that a key in a configured URL has no automatic fix', () => {
    const text = '{ "url": "https://x.example/v1?api_key=abcdef123456" }';
    const [f] = analyzeJsonConfig(text);
    assert.equal(f.fix, undefined);
    assert.match(f.message, /no automatic fix/);
  });

  it('honours rule levels, the config file and extra secret parameter names', () => {
    const text = '{ "a": "https://x.example/?signature=${env:SIG}&token=${env:TOKEN}", "h": { "Authorization": "Bearer: ${env:TOKEN}" } }';
    assert.deepEqual(ranges(text, analyzeJsonConfig(text)), [['key-in-url', 'token=${env:TOKEN}'], ['bearer-format', '"Bearer: ${env:TOKEN}"']]);
    const more = analyzeJsonConfig(text, { secretParamNames: ['signature'], rules: { 'bearer-format': 'off', 'key-in-url': 'info' } });
    assert.deepEqual(more.map((f) => [f.severity, text.slice(f.start, f.end)]), [['info', 'signature=${env:SIG}'], ['info', 'token=${env:TOKEN}']]);
    const config = { ...emptyConfig(), rules: { 'key-in-url': 'off' as const } };
    assert.deepEqual(analyzeJsonConfig(text, { config }).map((f) => f.ruleId), ['bearer-format']);
  });

  it('JSONC comments suppress: next line, same line, whole file; a string that looks like one does not', () => {
    const lines = [
      '{',
      '  // api-doctor-disable-next-line hardcoded-key',
      `  "apiKey": "${KEY}",`,
      `  "token": "${KEY}", // api-doctor-disable-line`,
      `  "note": "// api-doctor-disable-next-line",`,
      `  "secret": "${KEY}"`,
      '}',
    ];
    const text = lines.join('\n');
    assert.deepEqual(analyzeJsonConfig(text).map((f) => text.slice(0, f.start).split('\n').length), [6]);
    assert.deepEqual(analyzeJsonConfig(`/* api-doctor-disable hardcoded-key */\n${text}`), []);
    assert.equal(analyzeJsonConfig(`/* api-doctor-disable bearer-format */\n${text}`).length, 1);
  });

  it('an empty or non-object file has nothing to report', () => {
    assert.deepEqual([analyzeJsonConfig(''), analyzeJsonConfig('   '), analyzeJsonConfig('42'), analyzeJsonConfig('"https://x.example/?token=abcdef123456"').length], [[], [], [], 1]);
  });

  it('still reads the complete values of a half-typed file', () => {
    const text = `{\n  "env": { "STRIPE_SECRET_KEY": "${KEY}" },\n  "url": "https://x.example/?token=`;
    assert.deepEqual(ranges(text, analyzeJsonConfig(text)), [['hardcoded-key', KEY]]);
  });

  it('never shows a key in a message', () => {
    const text = `{ "apiKey": "${KEY}", "url": "https://x.example/?api_key=${KEY}", "Authorization": "Bearer: ${KEY}" }`;
    const findings = analyzeJsonConfig(text);
    assert.equal(findings.length, 5);
    for (const f of findings) assert.ok(!f.message.includes(KEY), f.message);
  });

  it('offers ${env:NAME} only where VS Code substitutes it', () => {
    const launch = `{ "configurations": [{ "type": "node", "request": "launch", "name": "x", "env": { "API_TOKEN": "${KEY}" }, "apiToken": "${KEY}" }] }`;
    assert.deepEqual(analyzeJsonConfig(launch).map((f) => f.fix?.edits[0].newText), ['${env:API_TOKEN}', undefined]);
    // Not a launch configuration (no type/request): nothing substitutes there.
    const other = `{ "configurations": [{ "env": { "API_TOKEN": "${KEY}" } }] }`;
    assert.deepEqual(analyzeJsonConfig(other).map((f) => f.fix), [undefined]);
    const workspace = `{ "launch": { "configurations": [{ "type": "node", "request": "launch", "args": ["--key", "${KEY}"] }] }, "settings": { "terminal.integrated.env.osx": { "API_KEY": "${KEY}" } } }`;
    assert.deepEqual(analyzeJsonConfig(workspace).map((f) => f.fix?.edits[0].newText), ['${env:API_KEY}', '${env:API_KEY}']);
  });

  it('replaces a whole escaped literal when the key is all of it', () => {
    const text = '{ "configurations": [{ "type": "node", "request": "launch", "env": { "API_KEY": "sk_live_51Hq\\u004cyjWDarjtT1zdp7dcXyZ" } }] }';
    const [f] = analyzeJsonConfig(text);
    assert.deepEqual(f.fix?.edits.map((e) => [text.slice(e.start, e.end), e.newText]), [['"sk_live_51Hq\\u004cyjWDarjtT1zdp7dcXyZ"', '"${env:API_KEY}"']]);
  });

  describe('files it does not read', () => {
    it('skips package-lock.json by name and npm lock files by content', () => {
      const lock = `{ "name": "x", "lockfileVersion": 3, "packages": { "": { "resolved": "https://x.example/?token=abcdef123456" } } }`;
      assert.deepEqual(analyzeJsonConfig(lock), []);
      assert.match(whyJsonNotAnalyzed(lock)!, /lock file/);
      assert.match(whyJsonNotAnalyzed('{}', 'some/dir/package-lock.json')!, /lock file/);
      assert.equal(whyJsonNotAnalyzed('{}', 'package.json'), undefined);
    });

    it('skips files over 1 MB', () => {
      const text = `{ "apiKey": "${KEY}", "pad": "${'a'.repeat(MAX_JSON_CHARS)}" }`;
      assert.deepEqual(analyzeJsonConfig(text), []);
      assert.match(whyJsonNotAnalyzed(text)!, /characters/);
    });

    it('skips data: an array of more than 10,000 items, at the top or in a top-level property', () => {
      const items = Array.from({ length: 10_001 }, (_, i) => `{"id":${i}}`).join(',');
      const withKey = (rows: string) => `{ "apiKey": "${KEY}", "rows": [${rows}] }`;
      assert.deepEqual(analyzeJsonConfig(withKey(items)), []);
      assert.match(whyJsonNotAnalyzed(withKey(items))!, /10001 items/);
      assert.match(whyJsonNotAnalyzed(`[${items}]`)!, /data/);
      assert.equal(analyzeJsonConfig(withKey('{"id":1}')).length, 1);
    });
  });
});
