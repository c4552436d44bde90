import * as assert from 'node:assert/strict';
import { loadBuiltinCatalogs } from '../../../src/catalog/load';
import type { RateLimit } from '../../../src/catalog/types';
import { RateGuard, checkRequestRate, keyFingerprint, rateLimitFor } from '../../../src/http/rateGuard';

const LIMIT: RateLimit = { surface: 'data', label: 'data endpoints', requests: 10, perSeconds: 60, paths: ['/api/v1/developer/transcriptions/**'] };

describe('http/rateGuard', () => {
  it('warns near the limit and before going over it, per key and surface', () => {
    let now = 1_000_000;
    const guard = new RateGuard(() => now);
    const levels: string[] = [];
    for (let i = 0; i < 12; i++) levels.push(guard.check('key-a', LIMIT).level);
    assert.deepEqual(levels, ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'near', 'near', 'near', 'over', 'over']);
    assert.equal(guard.check('key-b', LIMIT).level, 'ok', 'another key has its own window');
    const over = guard.check('key-a', LIMIT, false);
    assert.equal(over.message, "This would be more than 10 requests a minute with this key on data endpoints, over the provider's limit; expect 429 until the window moves on.");
    now += 60_000;
    assert.equal(guard.check('key-a', LIMIT).level, 'ok', 'the window slides on');
  });

  it('knows Specala\'s 500 requests a minute on data endpoints from the catalog', () => {
    const { catalogs } = loadBuiltinCatalogs();
    const specala = catalogs.find((c) => c.id === 'specala');
    assert.ok(specala?.rateLimits);
    const limit = rateLimitFor('https://app.specala.ai/api/v1/developer/transcriptions/tr_1/export?format=md', 'GET', specala.rateLimits);
    assert.equal(limit?.surface, 'data');
    assert.equal(limit?.requests, 500);
    // The sandbox mirrors the paths under a prefix; the same limit applies there.
    assert.equal(rateLimitFor('http://127.0.0.1:8787/specala/api/v1/developer/transcriptions', 'GET', specala.rateLimits)?.surface, 'data');
    assert.equal(rateLimitFor('https://app.specala.ai/other', 'GET', specala.rateLimits), null);
  });

  it('remembers keys only as a short one-way fingerprint', () => {
    const f = keyFingerprint('sk_live_abcdef123456');
    assert.match(f, /^[0-9a-f]{12}$/);
    assert.equal(keyFingerprint(' sk_live_abcdef123456 '), f);
    assert.ok(!f.includes('abcdef'));
  });

  it('counts a runner request against its provider surface', () => {
    const { catalogs } = loadBuiltinCatalogs();
    const specala = catalogs.find((c) => c.id === 'specala');
    const guard = new RateGuard(() => 5_000);
    const req = { method: 'GET', url: 'https://app.specala.ai/api/v1/developer/projects', key: { value: 'sk_live_a1b2c3d4' } };
    let last = checkRequestRate(guard, req, specala);
    for (let i = 1; i < 400; i++) last = checkRequestRate(guard, req, specala);
    assert.equal(last?.level, 'near');
    assert.equal(last?.count, 400);
    for (let i = 0; i < 101; i++) last = checkRequestRate(guard, req, specala);
    assert.equal(last?.level, 'over');
    assert.equal(checkRequestRate(guard, { ...req, key: undefined }, specala), null);
    assert.equal(checkRequestRate(guard, req, undefined), null);
  });
});
