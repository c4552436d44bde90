import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeActive, editorFeatures, openLinted, ourHovers, positionOf, waitFor } from './editorHelpers';

const SPECALA = [
  'const KEY = process.env.SPECALA_API_KEY;',
  'export async function projects() {',
  "  const res = await fetch('https://app.specala.ai/api/v1/developer/projects', { headers: { Authorization: `Bearer ${KEY}` } });",
  '  if (res.status === 429) return [];',
  '  switch (res.status) {',
  '    case 401:',
  '      throw new Error("key");',
  '  }',
  '  return res.json();',
  '}',
  'export async function other() {',
  "  const r = await fetch('https://api.unknown-host.example/v1/items');",
  '  if (r.status === 429) return;',
  '}',
  "fetch(`https://app.specala.ai/api/v1/developer/projects?api_key=${KEY}`);",
  '',
].join('\n');

describe('editor: hovers', () => {
  let doc: vscode.TextDocument;
  before(async () => {
    await editorFeatures();
    ({ doc } = await openLinted(SPECALA, 'typescript', 1));
  });
  after(closeActive);

  it('explains a finding with the provider rule, the fix and the rule docs', async () => {
    const [md] = await ourHovers(doc, positionOf(doc, 'api_key=', 2));
    assert.ok(md, 'a hover');
    assert.equal(md.split('\n')[0], '**API Doctor** · `key-in-url` · Credential in the URL');
    assert.match(md, /\*\*Specala AI:\*\* rejects keys in the query string of HTTP calls \(401\)\./);
    assert.match(md, /\*\*Fix:\*\* Send the key in the Authorization header/);
    assert.ok(md.endsWith('[Rule documentation](https://github.com/api-doctor/api-doctor#rule-key-in-url)'));
  });

  it('describes a request site: provider, endpoint, masked auth, rate limit, retry policy', async () => {
    const hovers = await ourHovers(doc, positionOf(doc, "fetch('https://app.specala.ai", 2));
    assert.equal(hovers.length, 1);
    const lines = hovers[0].split('\n');
    assert.equal(lines[0], '**API Doctor** · Specala AI · `GET /api/v1/developer/projects`');
    assert.ok(lines.includes('- Auth sent: `Authorization: Bearer {SPECALA_API_KEY}`'), hovers[0]);
    assert.ok(lines.some((l) => /^- Rate limit: 500 requests per 60 s/.test(l)), hovers[0]);
    assert.ok(lines.some((l) => l.startsWith('- Retry policy: Wait 1 s before the first retry')), hovers[0]);
  });

  it('explains a status check for the provider called in the same function', async () => {
    const [md] = await ourHovers(doc, positionOf(doc, '429) return [];'));
    assert.match(md.split('\n')[0], /^\*\*HTTP 429 · .+\*\* · Specala AI$/);
    assert.match(md, /\*\*Likely causes\*\*/);
    assert.match(md, /Retryable: yes\./);
    const [caseMd] = await ourHovers(doc, positionOf(doc, 'case 401', 6));
    assert.match(caseMd.split('\n')[0], /^\*\*HTTP 401 · .+\*\* · Specala AI$/);
  });

  it('gives the generic HTTP meaning for a host no catalog knows', async () => {
    const [md] = await ourHovers(doc, positionOf(doc, '429) return;'));
    assert.equal(md.split('\n')[0], '**HTTP 429 · Too Many Requests**');
  });

  it('shows nothing of its own elsewhere', async () => {
    const hovers = await waitFor(() => ourHovers(doc, positionOf(doc, 'return res.json', 3)), () => true, 'hovers');
    assert.deepEqual(hovers, []);
  });
});
