import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';

async function ranges(text: string, languageId = 'typescript'): Promise<string[]> {
  return (await analyze(text, languageId)).map((f) => `${f.ruleId} ${text.slice(f.start, f.end)}`);
}

describe('key-in-url (skeleton)', () => {
  it('flags a secret query parameter in a fetch URL', async () => {
    assert.deepEqual(await ranges('fetch("https://api.example.com/v1/items?limit=5&api_key=abc123");'), ['key-in-url api_key=abc123']);
  });

  it('covers a template substitution that holds the value', async () => {
    assert.deepEqual(await ranges('const k = process.env.K;\nfetch(`https://a.example/x?token=${k}&page=2`);'), ['key-in-url token=${k}']);
  });

  it('does not flag paging or search parameters', async () => {
    assert.deepEqual(await ranges('fetch("https://api.example.com/search?q=token&page=2&per_page=50");'), []);
  });

  it('does not flag a token in the path', async () => {
    assert.deepEqual(await ranges('fetch(`https://api.example.com/invites/${token}/accept`);'), []);
  });

  it('works in JSX files', async () => {
    const text = 'const A = () => <button onClick={() => fetch("https://x.example/y?apikey=k1x9")}>Go</button>;';
    assert.deepEqual(await ranges(text, 'typescriptreact'), ['key-in-url apikey=k1x9']);
  });
});
