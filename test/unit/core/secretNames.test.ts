import * as assert from 'node:assert/strict';
import { isSecretEnvName, isSecretIdentifier, isSecretParamName } from '../../../src/core/secretNames';
import { entropy, findKnownKey, isPlaceholder, looksLikeCredential, maskSecret } from '../../../src/core/keyFormats';

describe('secret names', () => {
  it('identifiers that hold credentials', () => {
    for (const n of ['apiKey', 'API_KEY', 'wavesApiKey', 'accessToken', 'clientSecret', 'password', 'refresh_token', 'SECRET', 'getApiKey', 'privateKey', 'authToken', 'bearerToken', 'wavesKey', 'specalaKey', 'STRIPE_KEY']) {
      assert.equal(isSecretIdentifier(n), true, n);
    }
  });

  it('identifiers about credentials, or not about them at all', () => {
    for (const n of ['key', 'cacheKey', 'tokenUrl', 'apiKeyHeader', 'pageToken', 'nextPageToken', 'resetToken', 'tokenType', 'tokenExpiresAt', 'keys', 'monkey', 'secretName', 'isTokenValid', 'csrfToken', 'primaryKey', 'sortKey', 'idempotencyKey', 'publicKey', 'userKey']) {
      assert.equal(isSecretIdentifier(n), false, n);
    }
  });

  it('environment variables', () => {
    assert.equal(isSecretEnvName('WAVES_API_KEY'), true);
    assert.equal(isSecretEnvName('GITHUB_TOKEN'), true);
    assert.equal(isSecretEnvName('API_KEY_ID'), false);
    assert.equal(isSecretEnvName('TOKEN_URL'), false);
    assert.equal(isSecretEnvName('PORT'), false);
  });

  it('query parameter names ignore case, dashes and underscores; extra names count', () => {
    assert.equal(isSecretParamName('API-Key'), true);
    assert.equal(isSecretParamName('access_token'), true);
    assert.equal(isSecretParamName('page'), false);
    assert.equal(isSecretParamName('sig_v2'), false);
    assert.equal(isSecretParamName('SIG-V2', ['sig_v2']), true);
  });
});

describe('key formats', () => {
  it('finds keys by shape and skips placeholders', () => {
    assert.equal(findKnownKey('Bearer sk_live_51HqLyjWDarjtT1zdp7dcXyZ')?.key, 'sk_live_51HqLyjWDarjtT1zdp7dcXyZ');
    assert.equal(findKnownKey('sk_test_xxxxxxxxxxxxxxxxxxxxxxxx'), undefined);
    assert.equal(findKnownKey('sk_live_YOUR_KEY_HERE_1234'), undefined);
    assert.equal(findKnownKey('AKIAIOSFODNN7QWERTY7')?.format.envName, 'AWS_ACCESS_KEY_ID');
    assert.equal(findKnownKey('sk_learn_pipeline'), undefined);
  });

  it('placeholders', () => {
    for (const p of ['your_api_key_here', '<KEY>', 'xxxx-xxxx-xxxx', 'sk_test_...', 'changeme', '********', 'example-token-1']) assert.equal(isPlaceholder(p), true, p);
    assert.equal(isPlaceholder('Q3x9vL2mN8pR4tW6yZ1aB5cD7eF0gH'), false);
  });

  it('entropy in bits per character', () => {
    assert.equal(entropy('aaaa'), 0);
    assert.equal(entropy('abcd'), 2);
    assert.equal(entropy(''), 0);
  });

  it('credential-looking literals', () => {
    assert.equal(looksLikeCredential('Q3x9vL2mN8pR4tW6yZ1aB5cD7eF0gH'), true);
    assert.equal(looksLikeCredential('https://example.com/abcdef123456'), false);
    assert.equal(looksLikeCredential('WAVES_API_KEY_PRODUCTION'), false);
    assert.equal(looksLikeCredential('short1A'), false);
    assert.equal(looksLikeCredential('FlowPasswordRequiredResultV2'), false);
    assert.equal(looksLikeCredential('msal:acquireTokenStart'), false);
    assert.equal(looksLikeCredential('token_sha256_to_refresh'), false);
    assert.equal(looksLikeCredential('8f3b2c9d1e7a4f6b0c5d8e2a9b1c7f3d'), true);
  });

  it('masks never show the whole key', () => {
    assert.equal(maskSecret('sk_live_51HqLyjWDarjtT1zdp7dcXyZ'), 'sk_l…yZ');
    assert.equal(maskSecret('abcdefghij'), 'ab…');
    assert.equal(maskSecret('abc'), '…');
  });
});
