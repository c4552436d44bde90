import * as assert from 'node:assert/strict';
import { decode } from '../../../src/catalog/decode';
import { readPastedError } from '../../../src/catalog/pastedExchange';
import { decodeViewCsp, diagnosisHtml, isCopyTicketMessage } from '../../../src/vscode/decode/diagnosisHtml';
import { builtinCatalogs, leaksKey, NOW } from './builtin';

function diagnose(text: string) {
  const p = readPastedError(text);
  return decode({ status: p.status!, method: p.method, url: p.url, headers: p.headers, body: p.body, request: { headers: p.requestHeaders }, now: NOW }, builtinCatalogs());
}

describe('the Decode HTTP Error view', () => {
  it('a strict CSP: nothing by default, the page style and script only by nonce', () => {
    assert.equal(decodeViewCsp('QUJD'), "default-src 'none'; style-src 'nonce-QUJD'; script-src 'nonce-QUJD'");
  });

  it('puts the CSP first in head, nonces its only style and script, and has no inline handlers', () => {
    const html = diagnosisHtml(diagnose('HTTP/1.1 429 Too Many Requests\nretry-after: 3\n\n{"detail":"Rate limit exceeded"}'), 'N0nce');
    assert.match(html, /<head>\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-N0nce'; script-src 'nonce-N0nce'">/);
    assert.deepEqual([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]), ['<script nonce="N0nce">']);
    assert.deepEqual([...html.matchAll(/<style[^>]*>/g)].map((m) => m[0]), ['<style nonce="N0nce">']);
    assert.ok(!/\son[a-z]+=/i.test(html));
    assert.ok(!/\b(src|href)=/.test(html), 'loads nothing');
    assert.ok(html.includes('<p>Wait 3 s as the Retry-After header asks, then send it again.</p>'));
    assert.ok(html.includes('<button id="copy" type="button">Copy support ticket</button>'));
  });

  it('escapes everything the response brought, and keeps keys masked', () => {
    const html = diagnosisHtml(diagnose('HTTP/1.1 401 Unauthorized\ncontent-type: text/html\n\n<html><title><img src=x onerror=alert(1)> sk_live_Zx81QpL0vN3mR7tY5uWb2cHd</title></html>'), 'n');
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.equal(leaksKey(html), false);
  });

  it('marks the causes seen in the request', () => {
    const html = diagnosisHtml(diagnose('GET https://app.specala.ai/api/v1/developer/projects?api_key=abc123\nAccept: */*\n\nHTTP/1.1 401 Unauthorized\n\n{"detail":"Invalid API key"}'), 'n');
    assert.match(html, /<ol><li><span class="badge">seen in this request<\/span>The key is in the query string\./);
    assert.ok(html.includes('<code>api_key=***</code>'));
  });

  it('accepts only the copy message from the page', () => {
    assert.equal(isCopyTicketMessage({ type: 'copyTicket' }), true);
    assert.equal(isCopyTicketMessage({ type: 'copyTicket', text: 'x' }), false);
    assert.equal(isCopyTicketMessage({ type: 'run' }), false);
    assert.equal(isCopyTicketMessage('copyTicket'), false);
    assert.equal(isCopyTicketMessage(null), false);
  });

  it('a bare status code or a status line without HTTP/1.1 is enough', () => {
    const p = readPastedError(' 503 ');
    assert.equal(p.status, 503);
    assert.equal(diagnose('503').title, 'Service Unavailable');
    const line = readPastedError('429 Too Many Requests\nretry-after: 2\n\n{"detail":"slow"}');
    assert.deepEqual([line.status, line.headers, line.body], [429, [['retry-after', '2']], '{"detail":"slow"}']);
    assert.equal(readPastedError('{"detail":"Invalid API key"}').status, undefined);
  });
});
