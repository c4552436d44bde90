import * as assert from 'node:assert/strict';
import { backoffFix } from '../../../src/core/javascript/backoffFix';
import { isRequestCall } from '../../../src/core/javascript/clients';
import { findRetryFacts } from '../../../src/core/javascript/retry';
import { parse, type Grammar } from '../../../src/core/parser';
import type { Fix } from '../../../src/core/types';

async function fixed(text: string, grammar: Grammar = 'typescript'): Promise<string | undefined> {
  const tree = await parse(grammar, text);
  try {
    const [facts] = findRetryFacts(tree, (call) => isRequestCall(call, []));
    assert.ok(facts, 'the retry is recognised');
    const fix: Fix | undefined = backoffFix(facts, tree, text, grammar !== 'javascript');
    if (!fix) return undefined;
    let out = text;
    for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    return out;
  } finally {
    tree.delete();
  }
}

describe('backoffFix', () => {
  it('waits before each new attempt in a fetch loop and reads Retry-After (TypeScript)', async () => {
    const text = [
      'export async function get(u: string) {',
      '  for (;;) {',
      '    const r = await fetch(u);',
      '    if (r.status !== 429) return r;',
      '  }',
      '}',
      '',
    ].join('\n');
    assert.equal(await fixed(text), [
      'export async function get(u: string) {',
      '  let attempt = 0;',
      '  let retryAfter: string | null | undefined;',
      '  for (;;) {',
      '    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, retryAfter)));',
      '    attempt++;',
      '    const r = await fetch(u);',
      "    retryAfter = r.headers.get('retry-after');",
      '    if (r.status !== 429) return r;',
      '  }',
      '}',
      '',
      '/** Capped exponential backoff with jitter: 500 ms doubling to 30 s; a Retry-After header wins. */',
      'function backoffDelay(attempt: number, retryAfter?: string | null): number {',
      '  if (retryAfter) {',
      '    const seconds = Number(retryAfter);',
      '    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();',
      '    if (ms >= 0) return Math.min(ms, 30_000);',
      '  }',
      '  const cap = Math.min(30_000, 500 * 2 ** Math.max(0, attempt - 1));',
      '  return cap / 2 + Math.random() * (cap / 2);',
      '}',
      '',
    ].join('\n'));
  });

  it('replaces a fixed sleep in an axios loop, without semicolons, in plain JavaScript', async () => {
    const text = [
      'async function get(u) {',
      '  let tries = 0',
      '  while (tries < 5) {',
      '    try {',
      '      const res = await axios.get(u)',
      '      return res.data',
      '    } catch (err) {',
      '      tries++',
      '      await sleep(1000)',
      '    }',
      '  }',
      '}',
    ].join('\n');
    assert.equal(await fixed(text, 'javascript'), [
      'async function get(u) {',
      '  let tries = 0',
      '  let attempt = 0',
      '  let retryAfter',
      '  while (tries < 5) {',
      '    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, retryAfter)))',
      '    attempt++',
      '    try {',
      '      const res = await axios.get(u)',
      '      return res.data',
      '    } catch (err) {',
      "      retryAfter = err.response?.headers?.['retry-after']",
      '      tries++',
      '    }',
      '  }',
      '}',
      '',
      '/** Capped exponential backoff with jitter: 500 ms doubling to 30 s; a Retry-After header wins. */',
      'function backoffDelay(attempt, retryAfter) {',
      '  if (retryAfter) {',
      '    const seconds = Number(retryAfter)',
      '    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now()',
      '    if (ms >= 0) return Math.min(ms, 30_000)',
      '  }',
      '  const cap = Math.min(30_000, 500 * 2 ** Math.max(0, attempt - 1))',
      '  return cap / 2 + Math.random() * (cap / 2)',
      '}',
      '',
    ].join('\n'));
  });

  it('reuses an existing backoffDelay and picks free variable names', async () => {
    const text = [
      'async function get(u: string) {',
      '  const attempt = 1;',
      '  while (true) {',
      '    const r = await fetch(u);',
      '    if (r.ok) return r;',
      '  }',
      '}',
      'function backoffDelay(attempt: number, retryAfter?: string | null): number { return 1000; }',
      '',
    ].join('\n');
    const out = await fixed(text);
    assert.ok(out?.includes('  let attempt2 = 0;\n  let retryAfter2: string | null | undefined;\n  while (true) {\n    if (attempt2 > 0) await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt2, retryAfter2)));'), out);
    assert.equal(out?.match(/function backoffDelay/g)?.length, 1);
  });

  it('reads Retry-After from a caught axios error with a type assertion in TypeScript', async () => {
    const text = 'async function get(u: string) {\n  for (let i = 0; i < 3; i++) {\n    try {\n      return await axios.get(u);\n    } catch (e) {\n      console.warn(e);\n    }\n  }\n}\n';
    const out = await fixed(text);
    assert.ok(out?.includes("    } catch (e) {\n      retryAfter = (e as { response?: { headers?: Record<string, string> } }).response?.headers?.['retry-after'];\n      console.warn(e);"), out);
  });

  it('offers no fix where an await cannot go or the retry is not a loop', async () => {
    assert.equal(await fixed('function get(u) {\n  for (;;) {\n    const r = fetchSync(u); fetch(u);\n    if (r.ok) return r;\n  }\n}\n', 'javascript'), undefined);
    assert.equal(await fixed('async function get(u) {\n  const r = await fetch(u);\n  if (r.status === 429) return get(u);\n  return r;\n}\n', 'javascript'), undefined);
  });
});
