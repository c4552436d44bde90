import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, panelHtml } from '../../../src/vscode/panel/html';

describe('panel HTML', () => {
  const source = 'https://file+.vscode-resource.vscode-cdn.net';
  it('allows nothing by default, scripts only by nonce, media only from blob: URLs', () => {
    assert.equal(contentSecurityPolicy(source, 'abc123=='),
      `default-src 'none'; style-src ${source}; img-src ${source} blob:; media-src blob:; script-src 'nonce-abc123=='`);
    assert.ok(!contentSecurityPolicy(source, 'n').includes('unsafe'));
  });

  it('puts the CSP first in head and the nonce on the one script', () => {
    const html = panelHtml({ cspSource: source }, 'https://x/dist/webview.js', 'https://x/media/panel.css', 'N0nce');
    assert.match(html, /<head>\n<meta http-equiv="Content-Security-Policy"/);
    assert.deepEqual([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]), ['<script nonce="N0nce" src="https://x/dist/webview.js">']);
    assert.ok(!/\son[a-z]+=/.test(html), 'no inline handlers');
  });
});
