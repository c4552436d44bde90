import * as assert from 'node:assert/strict';
import { levelFor, normaliseClients, normaliseRules, normaliseSettings } from '../../../src/core/settings';

describe('normaliseSettings (editor fields)', () => {
  it('reads every field and falls back to the default on bad input', () => {
    assert.deepEqual(normaliseSettings({}), {
      enable: true, run: 'onType', secretParamNames: [], rules: {}, languages: undefined, ignore: [], clients: [],
    });
    const s = normaliseSettings({
      enable: false, run: 'onSave', secretParamNames: [' sid ', 3, ''],
      rules: { 'key-in-url': 'error', 'hardcoded-key': 'OFF', 'bearer-format': 'information', x: 'loud', y: 2 },
      languages: ['python', 7], ignore: ['**/fixtures/**', null], clients: ['api.get', { function: 'http.send', urlArg: 1 }, { function: 'bad name' }, 4],
    });
    assert.deepEqual(s, {
      enable: false, run: 'onSave', secretParamNames: ['sid'],
      rules: { 'key-in-url': 'error', 'hardcoded-key': 'off', 'bearer-format': 'info' },
      languages: ['python'], ignore: ['**/fixtures/**'],
      clients: [{ function: 'api.get', urlArg: 0 }, { function: 'http.send', urlArg: 1 }],
    });
  });

  it('accepts only objects for rules and sane argument indexes for clients', () => {
    assert.deepEqual(normaliseRules(['key-in-url']), {});
    assert.deepEqual(normaliseRules('error'), {});
    assert.deepEqual(normaliseClients([{ function: 'a.b', urlArg: -1 }, { function: 'c', urlArg: 1.5 }, { function: 'd', urlArg: 99 }]), [
      { function: 'a.b', urlArg: 0 }, { function: 'c', urlArg: 0 }, { function: 'd', urlArg: 0 },
    ]);
  });
});

describe('levelFor', () => {
  it('keeps the rule severity, overrides it, turns it off, and applies provider-wide entries', () => {
    assert.equal(levelFor('key-in-url', 'warning', {}), 'warning');
    assert.equal(levelFor('key-in-url', 'warning', { 'key-in-url': 'error' }), 'error');
    assert.equal(levelFor('key-in-url', 'warning', { 'key-in-url': 'off' }), undefined);
    assert.equal(levelFor('specala/export-format', 'error', { 'specala/*': 'off' }), undefined);
    assert.equal(levelFor('specala/export-format', 'error', { 'specala/*': 'off', 'specala/export-format': 'hint' }), 'hint');
  });
});
