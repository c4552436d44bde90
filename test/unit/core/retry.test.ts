/**
 * retry-without-backoff and retry-after-ignored over the fixtures in test/fixtures/js/retry/, in
 * the same comment format as the other rules' fixtures:
 *
 *   // expect: retry-without-backoff "while (true)"     a finding starts on the next code line and
 *   // expect: retry-after-ignored:info "for (…)"       covers exactly that text (and severity)
 *   // expect-none                                      documentation: nothing expected here
 *
 * Findings of the two rules that no expectation names fail the test.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze, grammarForLanguage, languageForFileName } from '../../../src/core/analyze';
import { isRequestCall } from '../../../src/core/javascript/clients';
import { collectFacts } from '../../../src/core/javascript/facts';
import { checkRetries, findRetryFacts, nestedScopes, type RetryCandidates } from '../../../src/core/javascript/retry';
import { partsOf, queriesFor } from '../../../src/core/javascript/retryQueries';
import { mayCallItself } from '../../../src/core/javascript/retrySelfCalls';
import { LineIndex } from '../../../src/core/lineIndex';
import { parse, type Tree } from '../../../src/core/parser';
import { RETRY_AFTER_IGNORED, RETRY_WITHOUT_BACKOFF } from '../../../src/core/rules/retryWithoutBackoff';
import type { Finding } from '../../../src/core/types';

const DIR = resolve(__dirname, '../../../../test/fixtures/js/retry');
const RULES = new Set([RETRY_WITHOUT_BACKOFF, RETRY_AFTER_IGNORED]);
const sendsRequest = (call: Parameters<typeof isRequestCall>[0]) => isRequestCall(call);

interface Expectation {
  rule: string;
  severity?: string;
  text: string;
  line: number;
}

function readExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  let pending: Expectation[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const expect = /^\s*\/\/ expect: ([\w/-]+)(?::(\w+))? "(.*)"\s*$/.exec(line);
    if (expect) pending.push({ rule: expect[1], severity: expect[2], text: expect[3], line: -1 });
    else if (/^\s*\/\/ /.test(line) || line.trim() === '') { /* comments and blank lines carry no code */ }
    else if (pending.length > 0) {
      for (const p of pending) out.push({ ...p, line: i });
      pending = [];
    }
  });
  return out;
}

function languageOf(file: string): string | undefined {
  if (file.endsWith('.tsx')) return 'typescriptreact';
  if (file.endsWith('.jsx')) return 'javascriptreact';
  return languageForFileName(file);
}

async function withTree<T>(text: string, languageId: string, use: (tree: Tree) => T): Promise<T> {
  const tree = await parse(grammarForLanguage(languageId)!, text);
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}

function describeFinding(f: Finding, text: string, lines: LineIndex): string {
  return `${f.ruleId}:${f.severity} line ${lines.positionAt(f.start).line + 1} "${text.slice(f.start, f.end)}"`;
}

describe('retry rules: fixtures', () => {
  for (const file of readdirSync(DIR).sort()) {
    const languageId = languageOf(file);
    if (!languageId) continue;
    const text = readFileSync(join(DIR, file), 'utf8');
    const expectations = readExpectations(text).filter((e) => RULES.has(e.rule));

    const compare = (findings: readonly Finding[]) => {
      const lines = new LineIndex(text);
      const unmatched = findings.filter((f) => RULES.has(f.ruleId));
      const missing: string[] = [];
      for (const e of expectations) {
        const i = unmatched.findIndex((f) => f.ruleId === e.rule && lines.positionAt(f.start).line === e.line
          && text.slice(f.start, f.end) === e.text && (!e.severity || e.severity === f.severity));
        if (i < 0) missing.push(`${e.rule} line ${e.line + 1} "${e.text}"${e.severity ? ` (${e.severity})` : ''}`);
        else unmatched.splice(i, 1);
      }
      assert.deepEqual({ missing, unexpected: unmatched.map((f) => describeFinding(f, text, lines)) }, { missing: [], unexpected: [] });
    };

    it(`${file}: exactly the expected findings (${expectations.length})`, async () => {
      compare(await withTree(text, languageId, (tree) => checkRetries(tree, sendsRequest)));
    });

    it(`${file}: the same through analyze()`, async () => {
      compare(await analyze(text, languageId));
    });
  }
});

describe('retry rules: candidates from another pass', () => {
  const LOOPS = ['for_statement', 'for_in_statement', 'while_statement', 'do_statement'];
  const FUNCTIONS = ['function_declaration', 'generator_function_declaration', 'method_definition', 'function_expression', 'arrow_function'];
  for (const file of readdirSync(DIR).sort()) {
    const languageId = languageOf(file);
    if (!languageId) continue;
    it(`${file}: the same findings with loops and functions handed in`, async () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      await withTree(text, languageId, (tree) => {
        const candidates = { loops: tree.rootNode.descendantsOfType(LOOPS), functions: tree.rootNode.descendantsOfType(FUNCTIONS) };
        const own = checkRetries(tree, sendsRequest);
        const given = checkRetries(tree, sendsRequest, { candidates: candidates as RetryCandidates });
        assert.deepEqual(given, own);
      });
    });
    it(`${file}: the collection pass hands in exactly the rule's own candidates`, async () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      await withTree(text, languageId, (tree) => {
        const { retryCandidates } = collectFacts(tree, [], text);
        assert.deepEqual(checkRetries(tree, sendsRequest, { candidates: retryCandidates }), checkRetries(tree, sendsRequest));
      });
    });
  }

  it('the collection pass leaves out what the own query leaves out: a named function passed as an argument', async () => {
    const text = [
      'schedule(function again(url) {',
      '  return fetch(url).catch(() => again(url));',
      '});',
      'const later = async function poll(url) {',
      '  return fetch(url).catch(() => poll(url));',
      '};',
      'while (busy) { await fetch(next); }',
      'do { await fetch(next); } while (busy);',
    ].join('\n');
    await withTree(text, 'javascript', (tree) => {
      const { retryCandidates } = collectFacts(tree, [], text);
      const firstLine = (n: { startIndex: number }) => text.slice(n.startIndex).split('\n')[0];
      assert.deepEqual(retryCandidates!.functions.map(firstLine), ['async function poll(url) {']);
      assert.deepEqual(retryCandidates!.loops.map((l) => l.type), ['while_statement', 'do_statement']);
      assert.deepEqual(checkRetries(tree, sendsRequest, { candidates: retryCandidates }), checkRetries(tree, sendsRequest));
    });
  });

  it('a region pass hands in the loops and functions of its region only', async () => {
    const text = 'while (busy) { await fetch(next); }\nfunction poll() { return fetch(u).catch(() => poll()); }\nwhile (busy) { await fetch(next); }\n';
    await withTree(text, 'javascript', (tree) => {
      const second = text.indexOf('function');
      const { retryCandidates, region } = collectFacts(tree, [], text, { start: second + 2, end: second + 3 });
      assert.deepEqual([...retryCandidates.loops, ...retryCandidates.functions].map((n) => n.type), ['function_declaration']);
      assert.deepEqual(checkRetries(tree, sendsRequest, { range: region, candidates: retryCandidates }), checkRetries(tree, sendsRequest, { range: region }));
      assert.equal(checkRetries(tree, sendsRequest, { range: region }).length, 1);
    });
  });
});

describe('retry rules: LoopFacts', () => {
  const facts = (text: string, languageId = 'typescript') =>
    withTree(text, languageId, (tree) => findRetryFacts(tree, sendsRequest).map((f) => ({
      ...f,
      text: text.slice(f.span.start, f.span.end),
      node: text.slice(f.nodeSpan.start, f.nodeSpan.end),
      request: f.requestSpan && text.slice(f.requestSpan.start, f.requestSpan.end),
      delayText: f.delay.span && text.slice(f.delay.span.start, f.delay.span.end),
    })));

  it('records trigger, delay, bound and the ranges a quick fix needs', async () => {
    const text = [
      'async function get(url) {',
      '  for (let attempt = 0; attempt < 5; attempt++) {',
      '    const res = await fetch(url);',
      '    if (res.status === 429) { await sleep(1000); continue; }',
      '    return res;',
      '  }',
      '}',
    ].join('\n');
    const [f] = await facts(text);
    assert.equal(f.construct, 'loop');
    assert.deepEqual(f.triggers, ['status']);
    assert.equal(f.retriesOn429, true);
    assert.equal(f.readsRetryAfter, false);
    assert.equal(f.delay.kind, 'constant');
    assert.equal(f.delay.ms, 1000);
    assert.deepEqual(f.bound, { kind: 'attempts', condition: 'attempt < 5' });
    assert.equal(f.text, 'for (let attempt = 0; attempt < 5; attempt++)');
    assert.ok(f.node.startsWith('for (let attempt') && f.node.endsWith('}'));
    assert.equal(f.request, 'fetch(url)');
    assert.equal(f.delayText, 'sleep(1000)');
  });

  it('knows an unbounded loop with no wait and a caught error', async () => {
    const text = 'async function f(u) {\n  while (true) {\n    try { return await axios.get(u); } catch (e) { console.error(e); }\n  }\n}';
    const [f] = await facts(text);
    assert.deepEqual([f.triggers, f.delay.kind, f.bound.kind, f.request], [['caught-error'], 'none', 'unbounded', 'axios.get(u)']);
  });

  it('marks a delay that follows Retry-After', async () => {
    const text = [
      'async function f(u) {',
      '  while (true) {',
      '    const r = await fetch(u);',
      '    if (r.status !== 429) return r;',
      "    await sleep(Number(r.headers.get('retry-after')) * 1000);",
      '  }',
      '}',
    ].join('\n');
    const [f] = await facts(text);
    assert.deepEqual([f.delay.kind, f.readsRetryAfter], ['retry-after', true]);
  });
});

describe('retry rules: options and robustness', () => {
  const loop = 'async function f(u) {\n  while (true) {\n    const r = await fetch(u);\n    if (r.ok) return r;\n  }\n}\n';

  it('takes a severity per rule, and off', async () => {
    const warn = await withTree(loop, 'typescript', (t) => checkRetries(t, sendsRequest, { severity: { [RETRY_WITHOUT_BACKOFF]: 'error' } }));
    assert.deepEqual(warn.map((f) => f.severity), ['error']);
    const off = await withTree(loop, 'typescript', (t) => checkRetries(t, sendsRequest, { severity: { [RETRY_WITHOUT_BACKOFF]: 'off' } }));
    assert.deepEqual(off, []);
  });

  it('says what happens, why, and the fix', async () => {
    const [f] = await withTree(loop, 'typescript', (t) => checkRetries(t, sendsRequest));
    assert.match(f.message, /^This loop sends the request again when the response is not ok, with no wait in between, and never gives up\./);
    assert.match(f.message, /rate limit/);
    assert.match(f.message, /capped exponential backoff with jitter/);
    assert.match(f.message, /500 ms, double each attempt up to 30 s/);
    assert.match(f.message, /Retry-After/);
  });

  it('limits itself to a range', async () => {
    const text = `${loop}\n${loop.replace('function f', 'function g')}`;
    const second = text.lastIndexOf('while');
    const inRange = await withTree(text, 'typescript', (t) => checkRetries(t, sendsRequest, { range: { start: second, end: second + 5 } }));
    assert.deepEqual(inRange.map((f) => f.start), [second]);
  });

  it('does not throw on half-typed code', async () => {
    const texts = [
      'async function f(u) {\n  while (true) {\n    const r = await fetch(u);\n    if (r.status === 429) {\n',
      'for (let i = 0; i < 3; i++) { try { await fetch(',
      'axiosRetry(axios, { retries: ',
      'axios.interceptors.response.use(null, (err) => axios(err.',
      'function g(u) { return fetch(u).catch(() => g(',
      'do { } while (',
    ];
    for (const text of texts) {
      for (const languageId of ['javascript', 'typescript', 'typescriptreact']) {
        await withTree(text, languageId, (t) => checkRetries(t, sendsRequest));
      }
    }
    // A finished retry loop is still found while the code after it is being typed.
    const typing = `${loop}\nasync function g(u) {\n  for (let i = 0; i < 3; i++) {\n    const r = await fetch(`;
    const found = await withTree(typing, 'typescript', (t) => checkRetries(t, sendsRequest));
    assert.deepEqual(found.map((f) => typing.slice(f.start, f.end)), ['while (true)']);
  });
});

describe('retry rules: the text check before looking for self-calls', () => {
  /** mayCallItself for the first function or method named `retry` in `code` (TypeScript). */
  const check = (code: string) => withTree(code, 'typescript', (tree) => {
    const fn = tree.rootNode.descendantsOfType(['function_declaration', 'method_definition'])
      .find((f) => f?.childForFieldName('name')?.text === 'retry')!;
    return mayCallItself(fn.childForFieldName('body')!.text, 'retry', fn);
  });
  const inFunction = (call: string) => check(`function retry(u) { ${call}; }`);
  const inMethod = (call: string) => check(`class Client { async retry(u) { ${call}; } }`);

  it('keeps every way a function or method can call itself', async () => {
    for (const call of ['return retry(u)', 'retry (u)', 'this.retry(u)', 'this?.retry(u)', 'this!.retry(u)', 'this\n  .retry(u)', 'x = [retry][0](u)']) {
      assert.equal(await inFunction(call), true, call);
    }
    for (const call of ['this.retry(u)', 'this?.retry(u)', 'Client.retry(u)', '(this as any).retry(u)', 'this./* again */retry(u)', '/* x */ retry']) {
      assert.equal(await inMethod(call), true, call);
    }
  });

  it('rules out a name inside a longer word, a call on another object, and a bare call in a method', async () => {
    for (const call of ['retryCount++', 'myretry(u)', '$retry(u)', 'version.retry(u)', 'a.b?.retry(u)']) {
      assert.equal(await inFunction(call), false, call);
    }
    for (const call of ['retry(u)', 'return retry', 'api.retry(u)', 'Other.retry(u)']) {
      assert.equal(await inMethod(call), false, call);
    }
  });
});

describe('retry rules: reading a loop or function around the scopes nested in it', () => {
  const nestedText = [
    'async function outer(u) {',
    '  for (let i = 0; i < 3; i++) {',
    '    function inner(v) { if (v) return fetch(v).catch(() => inner(v)); }',
    '    while (busy) { const r = await fetch(u); if (r.status === 429) continue; break; }',
    '    items.forEach(async (x) => { function deep() { return fetch(x).catch(() => deep()); } await deep(); });',
    '    class Local { get() { return fetch(u); } }',
    '    if (i > 1) { try { await inner(u); } catch (e) { return outer(u); } }',
    '  }',
    '  return outer(u);',
    '}',
  ].join('\n');
  const cases: Array<[string, string, string]> = [['nested.js', nestedText, 'javascript']];
  for (const file of readdirSync(DIR).sort()) {
    const languageId = languageOf(file);
    if (languageId) cases.push([file, readFileSync(join(DIR, file), 'utf8'), languageId]);
  }
  for (const [file, text, languageId] of cases) {
    it(`${file}: the same parts as one query through everything`, async () => {
      await withTree(text, languageId, (tree) => {
        const { retryCandidates } = collectFacts(tree, [], text);
        const nested = nestedScopes(retryCandidates);
        const q = queriesFor(tree.language);
        const show = (parts: ReturnType<typeof partsOf>) => parts.map((p) => `${p.kind}@${p.node.startIndex}-${p.node.endIndex}${p.own ? '' : ' (callback)'}`);
        let compared = 0;
        for (const loop of retryCandidates.loops) {
          assert.deepEqual(show(partsOf(loop, q, false, nested.functionsAndLoops)), show(partsOf(loop, q)), `loop at ${loop.startIndex}`);
          compared++;
        }
        for (const fn of retryCandidates.functions) {
          const body = fn.childForFieldName('body');
          if (!body) continue;
          assert.deepEqual(show(partsOf(body, q, true, nested.functions)), show(partsOf(body, q, true)), `function at ${fn.startIndex}`);
          compared++;
        }
        if (file === 'nested.js') assert.equal(compared, 6, 'two loops; outer, inner, deep and the method get');
      });
    });
  }
});
