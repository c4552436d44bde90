import * as assert from 'node:assert/strict';
import { loadBuiltinCatalogs } from '../../../src/catalog/load';
import { findProvider } from '../../../src/catalog/match';
import type { Catalog } from '../../../src/catalog/types';
import { parse } from '../../../src/core/parser';
import { sitesInTree } from '../../../src/vscode/editor/documentSites';
import { code, findingHover, plain, rateLimitsFor, retryPolicyText, siteHover, statusEntry, statusHover } from '../../../src/vscode/editor/hoverMarkdown';
import { sendRequestArgs } from '../../../src/vscode/editor/sendRequestArgs';
import type { SiteSummary } from '../../../src/vscode/editor/siteSummary';
import { formatMessage as t } from '../../../src/vscode/editor/translate';

const { catalogs } = loadBuiltinCatalogs();
const byId = (id: string) => catalogs.find((c) => c.id === id)!;

async function sitesOf(text: string): Promise<SiteSummary[]> {
  const tree = await parse('typescript', text);
  try {
    return sitesInTree(tree, 'typescript', { clients: [], secretParamNames: [] });
  } finally {
    tree.delete();
  }
}

const SOURCE = [
  'const KEY = process.env.SPECALA_API_KEY;',
  'export async function transcript(id: string) {',
  "  const res = await fetch(`https://app.specala.ai/api/v1/developer/transcriptions/${id}`, { headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' } });",
  '  if (res.status === 429) return undefined;',
  '}',
  "axios.post('https://waves-api.smallest.ai/api/v1/pulse/get_text', audio, { headers: { Authorization: 'Bearer sk_abcdef1234567890' } });",
  '',
].join('\n');

describe('hover Markdown', () => {
  it('escapes Markdown in catalog and code text, and fences code spans that hold backticks', () => {
    assert.equal(plain('a *b* [link](x) <img> # not a heading'), 'a \\*b\\* \\[link\\](x) \\<img\\> # not a heading');
    assert.equal(plain('- item\n# head'), '\\- item\n\\# head');
    assert.equal(code('a`b'), '`` a`b ``');
    assert.equal(code('Bearer {KEY}'), '`Bearer {KEY}`');
  });

  it('describes a request site: provider, endpoint, masked auth, rate limit and retry policy', async () => {
    const [specala, waves] = await sitesOf(SOURCE);
    const md = siteHover(specala, findProvider(catalogs, specala.url), t);
    const lines = md.split('\n');
    assert.equal(lines[0], '**API Doctor** · Specala AI · `GET /api/v1/developer/transcriptions/{id}`');
    assert.ok(lines.includes('- URL: `https://app.specala.ai/api/v1/developer/transcriptions/{id}`'));
    assert.ok(lines.includes('- Auth sent: `Authorization: Bearer {SPECALA_API_KEY}`'));
    assert.ok(lines.includes('- Expected auth: `Authorization: Bearer sk_live_…`'));
    const data = byId('specala').rateLimits!.find((r) => r.surface === 'data')!;
    assert.ok(lines.includes(`- Rate limit: ${data.requests} requests per 60 s (${plain(data.label)})`), md);
    assert.ok(lines.includes(`- Retry policy: ${plain(retryPolicyText(byId('specala').retry!, t))}`));

    const wavesMd = siteHover(waves, findProvider(catalogs, waves.url), t);
    assert.equal(wavesMd.split('\n')[0], '**API Doctor** · Waves (Smallest AI) · `POST /api/v1/pulse/get_text`');
    assert.ok(wavesMd.includes('`Authorization: Bearer sk_***`'));
    assert.ok(!wavesMd.includes('abcdef1234567890'));
  });

  it('says when no catalog knows the host', () => {
    const site: SiteSummary = { span: { start: 0, end: 1 }, client: 'fetch', method: 'GET', url: 'https://api.example.com/v1/items', urlResolves: true, headers: [] };
    const md = siteHover(site, undefined, t);
    assert.equal(md.split('\n')[0], '**API Doctor** · HTTP request · `GET /v1/items`');
    assert.ok(md.includes('- Auth sent: no Authorization header found at this call'));
    assert.ok(md.includes('No catalog knows this host'));
  });

  it('explains a status for the provider called, and falls back to the generic meaning', () => {
    const specala = byId('specala');
    const md = statusHover(429, specala, catalogs, t);
    const entry = specala.statuses['429'];
    assert.equal(md.split('\n')[0], `**HTTP 429 · ${plain(entry.title)}** · Specala AI`);
    assert.ok(md.includes(plain(entry.meaning)));
    for (const c of entry.causes) assert.ok(md.includes(`- ${plain(c.text)}`));
    for (const f of entry.fixes) assert.ok(md.includes(`- ${plain(f)}`));
    assert.ok(md.includes(entry.retryable ? 'Retryable: yes.' : 'Retryable: no'));

    const generic = statusHover(404, byId('waves'), catalogs, t);
    assert.equal(generic.split('\n')[0], `**HTTP 404 · ${plain(byId('http').statuses['404'].title)}**`);
    assert.ok(generic.includes('Waves (Smallest AI) documents nothing specific for 404'));
    assert.equal(statusEntry(599, undefined, catalogs)?.from.id, 'http');
    assert.equal(statusEntry(599, undefined, catalogs)?.entry, byId('http').statuses['5xx']);
  });

  it('explains a finding with the provider rule, the fix and a link to the rule docs', () => {
    const finding = { ruleId: 'key-in-url', severity: 'warning' as const, message: 'The query parameter "api_key" sends a credential in the URL.', start: 0, end: 5 };
    const md = findingHover(finding, byId('specala'), t);
    const lines = md.split('\n');
    assert.equal(lines[0], '**API Doctor** · `key-in-url` · Credential in the URL');
    assert.equal(lines[2], 'The query parameter "api\\_key" sends a credential in the URL.');
    assert.ok(lines.some((l) => l.startsWith('**Why it fails:** Query strings are copied into server and proxy logs')));
    assert.ok(lines.includes('**Specala AI:** rejects keys in the query string of HTTP calls (401). It expects the key in `Authorization: Bearer sk_live_…`.'), md);
    assert.ok(lines.some((l) => l.startsWith('**Fix:** Send the key in the Authorization header')));
    assert.equal(lines[lines.length - 1], '[Rule documentation](https://github.com/api-doctor/api-doctor#rule-key-in-url)');

    const waves = findingHover(finding, byId('waves'), t);
    assert.ok(waves.includes('A `?token=` query parameter is accepted only on browser WebSocket handshakes'), waves);
    const unknown = findingHover({ ...finding, ruleId: 'specala/export-format' }, undefined, t);
    assert.equal(unknown.split('\n').pop(), '[Rule documentation](https://github.com/api-doctor/api-doctor#rule-specala-export-format)');
  });

  it('finds the rate limit of a path with the catalog path globs', () => {
    const specala: Catalog = byId('specala');
    assert.deepEqual(rateLimitsFor(specala, 'https://app.specala.ai/api/v1/developer/keys', 'GET').map((r) => r.surface), ['key-management']);
    assert.deepEqual(rateLimitsFor(specala, 'https://app.specala.ai/api/v1/developer/transcriptions/{id}/export', 'GET').map((r) => r.surface), ['data']);
  });
});

describe('sendRequestArgs', () => {
  it('passes method, URL and plain headers, and never a credential', async () => {
    const [specala, waves] = await sitesOf(SOURCE);
    assert.deepEqual(sendRequestArgs(specala), {
      method: 'GET', url: 'https://app.specala.ai/api/v1/developer/transcriptions/{id}', headers: { 'Content-Type': 'application/json' },
    });
    assert.deepEqual(sendRequestArgs(waves), { method: 'POST', url: 'https://waves-api.smallest.ai/api/v1/pulse/get_text', headers: {} });
  });

  it('masks a key in the query and skips URLs that do not start with a scheme and host', async () => {
    const [withKey, relative] = await sitesOf("fetch('https://api.example.com/v1?api_key=abc123&x=1');\nfetch(base + '/v1');\n");
    assert.equal(sendRequestArgs(withKey)?.url, 'https://api.example.com/v1?api_key=***&x=1');
    assert.equal(sendRequestArgs(relative), undefined);
  });
});
