/** The rule half of retry-without-backoff / retry-after-ignored: LoopFacts in, findings out. */
import * as assert from 'node:assert/strict';
import { retryFindings, type LoopFacts } from '../../../src/core/rules/retryWithoutBackoff';

function facts(over: Partial<LoopFacts>): LoopFacts {
  return {
    construct: 'loop',
    triggers: ['status'],
    retriesOn429: true,
    readsRetryAfter: false,
    delay: { kind: 'none' },
    bound: { kind: 'attempts', condition: 'i < 5' },
    span: { start: 10, end: 22 },
    nodeSpan: { start: 10, end: 90 },
    ...over,
  };
}

describe('retry rules: findings from LoopFacts', () => {
  it('reports no wait and a constant wait as retry-without-backoff (warning)', () => {
    const found = retryFindings([facts({}), facts({ delay: { kind: 'constant', ms: 1000 }, span: { start: 30, end: 40 } })]);
    assert.deepEqual(found.map((f) => [f.ruleId, f.severity, f.start, f.end]), [
      ['retry-without-backoff', 'warning', 10, 22],
      ['retry-without-backoff', 'warning', 30, 40],
    ]);
    assert.match(found[0].message, /^This loop sends the request again on a 429 or 5xx status, with no wait in between\. /);
    assert.match(found[1].message, /always waiting the same 1000 ms\. A wait that never grows/);
  });

  it('reports growing waits on 429 without Retry-After as retry-after-ignored (info), and nothing else', () => {
    const found = retryFindings([
      facts({ delay: { kind: 'growing' } }),
      facts({ delay: { kind: 'growing' }, retriesOn429: false, span: { start: 50, end: 60 } }),
      facts({ delay: { kind: 'retry-after' }, span: { start: 70, end: 80 } }),
    ]);
    assert.deepEqual(found.map((f) => [f.ruleId, f.severity, f.start]), [['retry-after-ignored', 'info', 10]]);
    assert.match(found[0].message, /^This loop backs off on 429 but never reads the Retry-After header\./);
  });

  it('says when a retry never gives up', () => {
    const [f] = retryFindings([facts({ construct: 'recursion', triggers: ['caught-error'], bound: { kind: 'unbounded' } })]);
    assert.match(f.message, /^This call sends the request again when it throws, with no wait in between, and never gives up\./);
  });

  it('names the package default and its fix', () => {
    const [axios, fetchRetry, pRetry] = retryFindings([
      facts({ construct: 'library', library: 'axios-retry', triggers: ['library'] }),
      facts({ construct: 'library', library: 'fetch-retry', triggers: ['library'], delay: { kind: 'constant', ms: 1000 }, span: { start: 30, end: 40 } }),
      facts({ construct: 'library', library: 'p-retry', option: 'factor', triggers: ['library'], delay: { kind: 'constant', ms: 200 }, span: { start: 50, end: 60 } }),
    ]);
    assert.match(axios.message, /^axios-retry is set up without retryDelay, so it sends failed requests again with no wait in between \(its default\)\./);
    assert.match(axios.message, /axiosRetry\.exponentialDelay/);
    assert.match(fetchRetry.message, /waits the same 1000 ms before every new attempt \(its default\)/);
    assert.match(pRetry.message, /^This `factor` makes p-retry wait the same 200 ms before every new attempt\./);
  });

  it('takes severities and off, and reports one range once', () => {
    const twice = [facts({}), facts({})];
    assert.deepEqual(retryFindings(twice, { severity: { 'retry-without-backoff': 'hint' } }).map((f) => f.severity), ['hint']);
    assert.deepEqual(retryFindings(twice, { severity: { 'retry-without-backoff': 'off' } }), []);
  });
});
