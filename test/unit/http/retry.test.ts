import * as assert from 'node:assert/strict';
import { backoffDelay, sendWithRetry, type BackoffPolicy } from '../../../src/http/retry';
import { describeWait, parseRetryAfter } from '../../../src/http/retryAfter';
import { startServer, type TestServer } from './servers';

const FAST: BackoffPolicy = { firstDelayMs: 10, factor: 2, capMs: 40, honourRetryAfter: true };

/** A server that answers from a script, one entry per request, repeating the last. */
async function scripted(script: Array<(res: import('node:http').ServerResponse, req: import('node:http').IncomingMessage) => void>): Promise<TestServer> {
  let i = 0;
  return startServer((req, res) => script[Math.min(i++, script.length - 1)](res, req));
}

const answer = (status: number, headers: Record<string, string> = {}) => (res: import('node:http').ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ detail: `status ${status}` }));
};

describe('http/retry', () => {
  let srv: TestServer | undefined;
  afterEach(async () => {
    await srv?.close();
    srv = undefined;
  });

  it('reads Retry-After as seconds and as an HTTP date', () => {
    const now = Date.parse('Wed, 25 Nov 2026 18:00:00 GMT');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 18:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 17:00:00 GMT', now), 0, 'a date in the past means now');
    assert.equal(parseRetryAfter(['7', '9'], now), 7000);
    for (const bad of ['', '-5', '1.5', 'soon', undefined]) assert.equal(parseRetryAfter(bad, now), null, String(bad));
    assert.equal(describeWait(999_999_000), '12 days');
  });

  it('waits for Retry-After in seconds, then succeeds', async () => {
    srv = await scripted([answer(429, { 'retry-after': '1' }), answer(200)]);
    const waits: Array<[number, number]> = [];
    const r = await sendWithRetry({ method: 'GET', url: srv.url }, { retries: 3, policy: FAST, onWait: (ms, n) => waits.push([ms, n]) });
    assert.equal(r.stopped, 'done');
    assert.deepEqual(r.attempts.map((a) => a.result), [429, 200]);
    assert.deepEqual(waits, [[1000, 1]]);
  });

  it('waits for Retry-After given as an HTTP date', async () => {
    srv = await scripted([(res) => answer(503, { 'retry-after': new Date(Date.now() + 1000).toUTCString() })(res), answer(200)]);
    const r = await sendWithRetry({ method: 'GET', url: srv.url }, { retries: 2, policy: FAST });
    assert.equal(r.stopped, 'done');
    const waited = r.attempts[0].waitMs!;
    assert.ok(waited >= 0 && waited <= 1000, `waited ${waited}`);
  });

  it('stops at once when Retry-After asks for more than the ceiling (999999 s)', async () => {
    srv = await scripted([answer(429, { 'retry-after': '999999' })]);
    const r = await sendWithRetry({ method: 'GET', url: srv.url }, { retries: 5, policy: FAST, maxWaitMs: 60_000 });
    assert.equal(r.stopped, 'wait-too-long');
    assert.equal(r.attempts.length, 1);
    assert.equal(r.note, 'The server asked to wait 12 days before trying again (Retry-After), more than the 60 s the runner waits; it stopped.');
  });

  it('backs off exponentially with jitter when there is no Retry-After', async () => {
    srv = await scripted([answer(503), answer(503), answer(503), answer(200)]);
    const r = await sendWithRetry({ method: 'GET', url: srv.url }, { retries: 5, policy: FAST, random: () => 0.5 });
    assert.equal(r.stopped, 'done');
    assert.deepEqual(r.attempts.map((a) => a.waitMs), [5, 10, 20, undefined]);
  });

  it('keeps the jittered wait between a tenth of the ceiling and the cap', () => {
    const p: BackoffPolicy = { firstDelayMs: 500, factor: 2, capMs: 30_000, honourRetryAfter: true };
    assert.equal(backoffDelay(p, 1, () => 0), 50);
    assert.equal(backoffDelay(p, 1, () => 0.999), 500);
    assert.equal(backoffDelay(p, 3, () => 1), 2000);
    assert.equal(backoffDelay(p, 20, () => 1), 30_000);
  });

  it('retries a 500 only as often as the policy says', async () => {
    srv = await scripted([answer(500, { 'x-request-id': 'req-500' })]);
    const r = await sendWithRetry({ method: 'GET', url: srv.url }, { retries: 5, policy: FAST, serverErrorRetries: 1 });
    assert.equal(r.stopped, 'out-of-retries');
    assert.deepEqual(r.attempts.map((a) => a.result), [500, 500]);
  });

  it('does not retry a 401, and follows the classifier it is given', async () => {
    srv = await scripted([answer(401)]);
    const r = await sendWithRetry({ method: 'GET', url: srv.url }, { retries: 5, policy: FAST });
    assert.equal(r.stopped, 'not-retryable');
    assert.equal(r.attempts.length, 1);
    const forced = await sendWithRetry({ method: 'GET', url: srv.url }, { retries: 2, policy: FAST, classify: () => ({ retryable: true }) });
    assert.equal(forced.stopped, 'out-of-retries');
    assert.equal(forced.attempts.length, 3);
  });

  it('retries a connection reset', async () => {
    srv = await scripted([(_res, req) => req.socket.destroy(), answer(200)]);
    const r = await sendWithRetry({ method: 'GET', url: srv.url }, { retries: 2, policy: FAST });
    assert.equal(r.stopped, 'done');
    assert.deepEqual(r.attempts.map((a) => a.result), ['reset', 200]);
  });

  it('stops waiting when cancelled', async () => {
    srv = await scripted([answer(429, { 'retry-after': '30' })]);
    const controller = new AbortController();
    const r = await sendWithRetry({ method: 'GET', url: srv.url, signal: controller.signal }, {
      retries: 3, policy: FAST, onWait: () => setTimeout(() => controller.abort(), 20),
    });
    assert.equal(r.stopped, 'aborted');
    assert.equal(r.attempts.length, 1);
  });
});
