import * as assert from 'node:assert/strict';
import { loadConfig } from '../../../src/core/config';
import { analyze } from '../../../src/core/analyze';

describe('.api-doctor.jsonc', () => {
  it('reads rules, ignore, secretParamNames and clients, with comments and trailing commas', () => {
    const { config, errors } = loadConfig(`{
      // team settings
      "rules": { "key-in-url": "error", "hardcoded-key": "off", "specala/export-format": "info", },
      "ignore": ["dist/**", "**/*.min.js"],
      "secretParamNames": ["sig_v2"],
      "clients": [{ "function": "myHttp.get", "urlArg": 0 }, { "function": "send", "urlArg": 1 }],
    }`, '.api-doctor.jsonc');
    assert.deepEqual(errors, []);
    assert.deepEqual(config, {
      rules: { 'key-in-url': 'error', 'hardcoded-key': 'off', 'specala/export-format': 'info' },
      ignore: ['dist/**', '**/*.min.js'],
      secretParamNames: ['sig_v2'],
      clients: [{ function: 'myHttp.get', urlArg: 0 }, { function: 'send', urlArg: 1 }],
      catalogs: [],
    });
  });

  it('reads catalog paths and reports a catalogs entry that is not a list of strings', () => {
    assert.deepEqual(loadConfig('{ "catalogs": ["./api/acme.api-doctor-catalog.jsonc"] }').config.catalogs, ['./api/acme.api-doctor-catalog.jsonc']);
    const { config, errors } = loadConfig('{\n  "catalogs": "acme.jsonc"\n}', '.api-doctor.jsonc');
    assert.deepEqual(config.catalogs, []);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].line, 2);
  });

  it('reports a syntax error with file, line and column', () => {
    const { errors } = loadConfig('{\n  "rules": {\n    "key-in-url": "error"\n    "bearer-format": "off"\n  }\n}', 'repo/.api-doctor.jsonc');
    assert.deepEqual(errors.map((e) => [e.file, e.line, e.column, e.message]), [
      ['repo/.api-doctor.jsonc', 4, 5, 'JSON syntax: a comma is expected'],
    ]);
  });

  it('reports a wrong severity, an unknown rule and an unknown setting, and keeps the good entries', () => {
    const text = '{\n  "rules": { "key-in-url": "loud", "bearer-format": "warning", "no-such-rule": "off" },\n  "ignor": []\n}';
    const { config, errors } = loadConfig(text, 'x.jsonc');
    assert.deepEqual(config.rules, { 'bearer-format': 'warning' });
    assert.deepEqual(errors.map((e) => `${e.line}:${e.column} ${e.message}`), [
      '2:28 The setting of rule "key-in-url" must be one of "off", "hint", "info", "warning", "error".',
      '2:64 Unknown rule "no-such-rule". Built-in rules: key-in-url, bearer-format, retry-without-backoff, retry-after-ignored, hardcoded-key; provider rules look like "provider/rule".',
      '3:3 Unknown setting "ignor". Known settings: rules, ignore, secretParamNames, clients, catalogs.',
    ]);
  });

  it('reports malformed clients and lists', () => {
    const text = '{ "clients": [{ "function": "my http", "urlArg": -1 }, { "urlArg": 0 }, "x"], "ignore": "dist", "secretParamNames": [""] }';
    const { config, errors } = loadConfig(text, 'c.jsonc');
    assert.deepEqual(config.clients, []);
    assert.deepEqual(errors.map((e) => e.message), [
      '"function" must name a function or method, e.g. "myHttp.get".',
      '"urlArg" must be the 0-based index of the URL argument (0, 1, …).',
      'A client needs a "function", e.g. "myHttp.get".',
      'Each client must be an object like { "function": "myHttp.get", "urlArg": 0 }.',
      '"ignore" must be an array of strings.',
      'Each entry of "secretParamNames" must be a non-empty string.',
    ]);
  });

  it('reports a configuration that is not an object, and an empty file', () => {
    assert.deepEqual(loadConfig('[1]', 'a').errors.map((e) => e.message), ['The configuration must be an object, e.g. { "rules": { "key-in-url": "error" } }.']);
    assert.deepEqual(loadConfig('', 'a').errors.map((e) => e.message), ['JSON syntax: a value is expected']);
  });
});

describe('analyze with a configuration', () => {
  const code = [
    "const apiKey = 'sk_live_51HqLyjWDarjtT1zdp7dcXyZ';",
    'fetch(`https://api.example.com/x?api_key=${apiKey}&sig_v2=${sig}`);',
    'myHttp.get(`https://api.example.com/y?token=${apiKey}`);',
  ].join('\n');

  it('without configuration', async () => {
    const found = (await analyze(code, 'typescript')).map((f) => `${f.ruleId}:${f.severity} ${code.slice(f.start, f.end)}`);
    assert.deepEqual(found, ['hardcoded-key:warning sk_live_51HqLyjWDarjtT1zdp7dcXyZ', 'key-in-url:warning api_key=${apiKey}']);
  });

  it('applies severities, turns rules off, adds secret names and client functions', async () => {
    const { config } = loadConfig('{ "rules": { "key-in-url": "error", "hardcoded-key": "off" }, "secretParamNames": ["sig_v2"], "clients": [{ "function": "myHttp.get", "urlArg": 0 }] }');
    const found = (await analyze(code, 'typescript', { config })).map((f) => `${f.ruleId}:${f.severity} ${code.slice(f.start, f.end)}`);
    assert.deepEqual(found, ['key-in-url:error api_key=${apiKey}', 'key-in-url:error sig_v2=${sig}', 'key-in-url:error token=${apiKey}']);
  });

  it('takes rule levels and names from editor settings too', async () => {
    const found = (await analyze(code, 'typescript', { rules: { 'key-in-url': 'hint' }, secretParamNames: ['SIG-V2'] })).map((f) => `${f.ruleId}:${f.severity} ${code.slice(f.start, f.end)}`);
    assert.deepEqual(found, ['hardcoded-key:warning sk_live_51HqLyjWDarjtT1zdp7dcXyZ', 'key-in-url:hint api_key=${apiKey}', 'key-in-url:hint sig_v2=${sig}']);
  });
});
