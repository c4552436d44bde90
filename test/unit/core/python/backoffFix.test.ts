/**
 * The Python quick fix of `retry-without-backoff`: exact rewritten text for loops with and without
 * a response variable, an old fixed sleep, a coroutine, a missing import; and every fix of the
 * loops fixture removes its finding without adding a syntax error.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze } from '../../../../src/core/analyze';
import { parse } from '../../../../src/core/parser';
import { helperSource, pythonBackoffFixAt } from '../../../../src/core/python/backoffFix';
import type { Finding } from '../../../../src/core/types';

function apply(text: string, edits: ReadonlyArray<{ start: number; end: number; newText: string }>): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

async function fixed(text: string): Promise<string | undefined> {
  const finding = (await analyze(text, 'python')).find((f) => f.ruleId === 'retry-without-backoff');
  assert.ok(finding, 'the retry is reported');
  const tree = await parse('python', text);
  try {
    const fix = pythonBackoffFixAt(tree, text, finding);
    return fix && apply(text, fix.edits);
  } finally {
    tree.delete();
  }
}

const HELPER = helperSource('"', '\n');

describe('python backoff fix', () => {
  it('waits before each new attempt and reads Retry-After from the response', async () => {
    const text = [
      'import time',
      '',
      'import requests',
      '',
      '',
      'def voices(url):',
      '    while True:',
      '        resp = requests.get(url)',
      '        if resp.status_code == 429:',
      '            continue',
      '        return resp.json()',
      '',
    ].join('\n');
    assert.equal(await fixed(text), [
      'import time',
      '',
      'import requests',
      '',
      '',
      'def voices(url):',
      '    attempt = 0',
      '    retry_after = None',
      '    while True:',
      '        if attempt > 0:',
      '            time.sleep(backoff_seconds(attempt, retry_after))',
      '        attempt += 1',
      '        resp = requests.get(url)',
      '        retry_after = resp.headers.get("retry-after")',
      '        if resp.status_code == 429:',
      '            continue',
      '        return resp.json()',
      '',
      '',
      HELPER,
      '',
    ].join('\n'));
  });

  it('replaces a fixed sleep, imports time when missing, and keeps the file\'s quotes and indentation', async () => {
    const text = [
      'import requests',
      '',
      'def get(url):',
      '  for _ in range(3):',
      '    try:',
      "      return requests.get(url, timeout=10).json()",
      '    except requests.RequestException:',
      "      print('retrying')",
      '    time.sleep(2)',
      '',
    ].join('\n');
    const out = await fixed(text);
    assert.equal(out, [
      'import requests',
      'import time',
      '',
      'def get(url):',
      '  attempt = 0',
      '  for _ in range(3):',
      '    if attempt > 0:',
      '      time.sleep(backoff_seconds(attempt))',
      '    attempt += 1',
      '    try:',
      "      return requests.get(url, timeout=10).json()",
      '    except requests.RequestException:',
      "      print('retrying')",
      '',
      '',
      helperSource("'", '\n'),
      '',
    ].join('\n'));
  });

  it('awaits asyncio.sleep in a coroutine', async () => {
    const text = [
      'import asyncio',
      'import httpx',
      '',
      'async def get(client, url):',
      '    for attempt in range(5):',
      '        r = await client.get(url)',
      '        if r.status_code != 429:',
      '            return r',
      '',
    ].join('\n');
    const out = (await fixed(text))!;
    assert.match(out, /\n        if attempt2 > 0:\n            await asyncio\.sleep\(backoff_seconds\(attempt2, retry_after\)\)\n        attempt2 \+= 1\n        r = await client\.get\(url\)\n        retry_after = r\.headers\.get\("retry-after"\)\n/);
    assert.equal((out.match(/^import asyncio$/gm) ?? []).length, 1);
  });

  it('fixes every loop of the fixture: the finding goes and no syntax error comes', async () => {
    const text = readFileSync(resolve(__dirname, '../../../../../test/fixtures/python/retry-without-backoff/loops.py'), 'utf8');
    const loops = (await analyze(text, 'python')).filter((f) => f.ruleId === 'retry-without-backoff');
    assert.ok(loops.length >= 4);
    let fixedCount = 0;
    for (const finding of loops) {
      const tree = await parse('python', text);
      let out: string | undefined;
      let shift = 0;
      try {
        const fix = pythonBackoffFixAt(tree, text, finding);
        out = fix && apply(text, fix.edits);
        // Where the loop's header is after the edits before it.
        for (const e of fix?.edits ?? []) if (e.end <= finding.start) shift += e.newText.length - (e.end - e.start);
      } finally {
        tree.delete();
      }
      if (!out) continue;
      fixedCount++;
      const after = await parse('python', out);
      try {
        assert.equal(after.rootNode.hasError, false, `a syntax error after fixing ${JSON.stringify(text.slice(finding.start, finding.end))}`);
      } finally {
        after.delete();
      }
      const header = text.slice(finding.start, finding.end);
      assert.equal(out.slice(finding.start + shift, finding.end + shift), header);
      const still = (await analyze(out, 'python')).filter((f: Finding) => f.ruleId === 'retry-without-backoff' && f.start === finding.start + shift);
      assert.deepEqual(still, [], `still reported after the fix: ${header} at ${finding.start}`);
    }
    assert.ok(fixedCount >= 4, `${fixedCount} loops fixed`);
  });
});
