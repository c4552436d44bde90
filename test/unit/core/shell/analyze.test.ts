/** The shell front end on small scripts: exact ranges, fixes as text, suppressions, broken input. */
import * as assert from 'node:assert/strict';
import { parse } from '../../../../src/core/parser';
import { shellRequestSites } from '../../../../src/core/shell/analyze';
import { literalText } from '../../../../src/core/model';
import { analyzeText, applyEdits, errorCount, ranges } from './helpers';

async function sitesOf(text: string) {
  const tree = await parse('bash', text);
  try {
    return shellRequestSites(tree, text).map((s) => ({
      method: s.method, url: s.url ? literalText(s.url) ?? text.slice(s.url.span.start, s.url.span.end) : undefined,
      headers: s.headers.map((h) => h.name),
    }));
  } finally {
    tree.delete();
  }
}

describe('shell analyzer', () => {
  it('reports exact ranges for each rule', async () => {
    const text = [
      'KEY=sk_live_9fQ2xR7LmB4kT8wZ',
      'curl -s "https://api.example.com/v1/items?api_key=$API_KEY&limit=5"',
      'curl -s -H "Authorization: Bearer \'$API_KEY\'" https://api.example.com/v1/me',
      'until curl -f https://api.example.com/health; do sleep 2; done',
      '',
    ].join('\n');
    assert.deepEqual(await ranges(text), [
      'hardcoded-key sk_live_9fQ2xR7LmB4kT8wZ',
      'key-in-url api_key=$API_KEY',
      "bearer-format Bearer '$API_KEY'",
      'retry-without-backoff until curl -f https://api.example.com/health',
    ]);
  });

  it('moves a key from the URL to an -H header', async () => {
    const text = 'curl -fsS "https://api.example.com/v1/items?limit=5&token=$API_TOKEN"\n';
    const [f] = await analyzeText(text);
    assert.equal(f.ruleId, 'key-in-url');
    assert.equal(applyEdits(text, f.fix!.edits), 'curl -H "Authorization: Bearer $API_TOKEN" -fsS "https://api.example.com/v1/items?limit=5"\n');
  });

  it('rewrites a quoted token as "Authorization: Bearer $KEY"', async () => {
    const text = "curl -H 'Authorization: Bearer \"'$KEY'\"' https://api.example.com/v1/me\n";
    const [f] = await analyzeText(text);
    assert.equal(f.ruleId, 'bearer-format');
    assert.equal(applyEdits(text, f.fix!.edits), 'curl -H "Authorization: Bearer $KEY" https://api.example.com/v1/me\n');
  });

  it('reads a hard-coded key from the environment and never shows it whole', async () => {
    const text = 'export STRIPE_SECRET_KEY="sk_live_9fQ2xR7LmB4kT8wZ"\n';
    const [f] = await analyzeText(text);
    assert.equal(f.ruleId, 'hardcoded-key');
    assert.ok(!f.message.includes('sk_live_9fQ2xR7LmB4kT8wZ'));
    assert.equal(applyEdits(text, f.fix!.edits), 'export STRIPE_SECRET_KEY="${STRIPE_SECRET_KEY:?set STRIPE_SECRET_KEY}"\n');
  });

  it('explains a constant --retry-delay in curl terms', async () => {
    const [f] = await analyzeText('curl --retry 4 --retry-delay 3 https://api.example.com\n');
    assert.equal(f.ruleId, 'retry-without-backoff');
    assert.match(f.message, /--retry-delay makes curl wait the same 3 s/);
  });

  it('says "when curl fails", not "when it throws"', async () => {
    const [f] = await analyzeText('for i in 1 2 3; do curl -f https://api.example.com && break; done\n');
    assert.doesNotMatch(f.message, /throws/);
  });

  it('honours disable-next-line, disable-line and file-wide directives', async () => {
    const line = 'curl "https://api.example.com/?api_key=$API_KEY"';
    assert.deepEqual(await ranges(`# api-doctor-disable-next-line key-in-url\n${line}\n`), []);
    assert.deepEqual(await ranges(`${line} # api-doctor-disable-line\n`), []);
    assert.deepEqual(await ranges(`#!/bin/sh\n# api-doctor-disable\n\n${line}\n`), []);
    // A trailing file-wide directive is not one: it would silence the whole file by accident.
    assert.deepEqual(await ranges(`${line} # api-doctor-disable\n`), ['key-in-url api_key=$API_KEY']);
  });

  it('turns rules off through options', async () => {
    const text = 'curl "https://api.example.com/?api_key=$API_KEY"\n';
    assert.deepEqual(await ranges(text, { rules: { 'key-in-url': 'off' } }), []);
  });

  it('survives an unterminated double quote and still reports what comes before it', async () => {
    const text = [
      'curl -H "Authorization: Bearer: $TOKEN" https://api.example.com/v1/me',
      'curl "https://api.example.com/?api_key=$API_KEY',
      'echo done',
      '',
    ].join('\n');
    const found = await ranges(text);
    assert.equal(found[0], 'bearer-format Bearer: $TOKEN');
    assert.ok(found.some((r) => r.startsWith('key-in-url api_key=$API_KEY')));
  });

  it('keeps half-typed scripts parsing after a fix', async () => {
    const text = 'if true; then\n  curl -s "https://api.example.com/?key=$API_KEY&q=1"\n';
    const findings = await analyzeText(text);
    const f = findings.find((x) => x.ruleId === 'key-in-url')!;
    const after = applyEdits(text, f.fix!.edits);
    assert.ok((await errorCount(after)) <= (await errorCount(text)));
    assert.deepEqual((await analyzeText(after)).filter((x) => x.ruleId === 'key-in-url'), []);
  });

  it('reads CRLF scripts', async () => {
    const text = 'KEY=abc\r\ncurl -s "https://api.example.com/?token=$API_TOKEN"\r\n';
    assert.deepEqual(await ranges(text), ['key-in-url token=$API_TOKEN']);
  });

  it('reads curl and wget commands behind wrappers, with method, URL and headers', async () => {
    const text = [
      'BASE=https://api.example.com',
      'env -i HOME="$HOME" timeout 30 curl -sSL -X put -H "Content-Type: application/json" --url "$BASE/v1/items" -d @item.json',
      'sudo -E wget --header="Accept: text/csv" -O- "$BASE/export.csv"',
      'curl -o out.json -A "api-doctor test" -- https://x.example.com/a https://x.example.com/b',
      'echo curl https://not-a-request.example.com',
      '',
    ].join('\n');
    assert.deepEqual(await sitesOf(text), [
      { method: 'PUT', url: 'https://api.example.com/v1/items', headers: ['Content-Type'] },
      { method: 'GET', url: 'https://api.example.com/export.csv', headers: ['Accept'] },
      { method: 'GET', url: 'https://x.example.com/a', headers: [] },
      { method: 'GET', url: 'https://x.example.com/b', headers: [] },
    ]);
  });
});
