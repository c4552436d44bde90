import * as assert from 'node:assert/strict';
import { parse, type Grammar } from '../../../src/core/parser';
import { MAX_UNCLOSED_OPENERS, whyTreeNotLinted } from '../../../src/core/tooLarge';
import { CLEAN, LEAKY, makeTree, removeTree, runCli } from '../cli/runCli';
import { sarifValidatorOrSkip } from './sarifSchema';

const PILE_REASON = `it has more than ${MAX_UNCLOSED_OPENERS} brackets opened and never closed, which the syntax queries would take seconds over`;
/** Not a pile by whyTreeNotLinted's measure (a third of its tokens are not openers), yet seconds of queries: what the time budget is for. */
const SLOW = '([{\n'.repeat(30_000);
/** On many lines, so the CLI does not take it for minified first. */
const PILE = '(\n'.repeat(20_000);

async function why(grammar: Grammar, text: string): Promise<string | undefined> {
  const tree = await parse(grammar, text);
  try {
    return whyTreeNotLinted(tree);
  } finally {
    tree.delete();
  }
}

describe('whyTreeNotLinted: piles of unclosed brackets', () => {
  it('names 20,000 unclosed brackets in every grammar, at the top or after valid code', async () => {
    for (const grammar of ['javascript', 'typescript', 'tsx', 'python', 'go', 'bash'] as const) {
      assert.equal(await why(grammar, '('.repeat(20_000)), PILE_REASON, grammar);
      // In shell `[` is the name of the test command, not a bracket.
      if (grammar !== 'bash') assert.equal(await why(grammar, '['.repeat(20_000)), PILE_REASON, grammar);
    }
    assert.equal(await why('javascript', 'function f() {\n  fetch("https://a.example/x");\n  ' + '('.repeat(20_000) + '\n}\n'), PILE_REASON);
    assert.equal(await why('bash', '$('.repeat(20_000)), PILE_REASON);
  });

  it('leaves ordinary code, broken code and loose tokens to the analyzer', async () => {
    assert.equal(await why('typescript', 'fetch("https://a.example/x");\n'.repeat(10_000)), undefined);
    // Every `)` deleted from real code: a big ERROR node, but not a pile (it analyses in about 0.1 s).
    const code = 'const r = await fetch(url(base, "v1"), { headers: h(k) });\nif (r.ok) { log(r.status, r.url); }\n';
    assert.equal(await why('typescript', code.replace(/\)/g, '').repeat(3_000)), undefined);
    assert.equal(await why('javascript', '(x'.repeat(20_000)), undefined);
    assert.equal(await why('javascript', 'fetch ( '.repeat(20_000)), undefined);
    assert.equal(await why('javascript', '('.repeat(MAX_UNCLOSED_OPENERS)), undefined);
    assert.equal(await why('javascript', SLOW), undefined);
    assert.equal(await why('javascript', PILE), PILE_REASON);
  });
});

describe('api-doctor lint: files it does not lint are reported with the reason', () => {
  let root = '';
  afterEach(() => removeTree(root));

  it('skips a pile of unclosed brackets, names it in JSON, SARIF and --verbose text', function () {
    this.timeout(30_000);
    root = makeTree({ 'pile.js': PILE, 'leaky.ts': LEAKY, 'app.min.js': LEAKY, 'clean.py': CLEAN.replace('fetch(', 'requests.get(') });
    const json = runCli(['lint', '.', '--format', 'json'], root);
    assert.equal(json.code, 1, json.stderr);
    const doc = JSON.parse(json.stdout) as { version: number; findings: { file: string; ruleId: string }[]; skipped: unknown };
    assert.deepEqual(Object.keys(doc), ['version', 'findings', 'skipped']);
    assert.deepEqual(doc.findings.map((f) => [f.file, f.ruleId]), [['leaky.ts', 'key-in-url']]);
    assert.deepEqual(doc.skipped, [
      { file: 'app.min.js', reason: 'its name says it is minified' },
      { file: 'pile.js', reason: PILE_REASON },
    ]);

    const text = runCli(['lint', '.'], root);
    assert.equal(text.stdout.trimEnd().split('\n').at(-1), '1 finding in 2 files; skipped 2 files (1 minified, 1 with thousands of unclosed brackets)');
    assert.doesNotMatch(text.stdout, /pile\.js: skipped/);
    const verbose = runCli(['lint', '.', '--verbose'], root);
    assert.deepEqual(verbose.stdout.trimEnd().split('\n').slice(1, 3), ['app.min.js: skipped: its name says it is minified', `pile.js: skipped: ${PILE_REASON}`]);
  });

  it('carries skipped files as SARIF tool notifications, valid against the 2.1.0 schema', function () {
    this.timeout(30_000);
    root = makeTree({ 'src/pile.js': PILE, 'src/leaky.ts': LEAKY });
    const r = runCli(['lint', '.', '--format', 'sarif'], root);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout) as { runs: { invocations: unknown; results: unknown[] }[] };
    assert.deepEqual(log.runs[0].invocations, [
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          { level: 'note', message: { text: `Not linted: ${PILE_REASON}.` }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/pile.js' } } }] },
        ],
      },
    ]);
    assert.equal(log.runs[0].results.length, 1);
    const validate = sarifValidatorOrSkip(this);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  });

  it('has no invocations and no skipped list when every file was linted', () => {
    root = makeTree({ 'leaky.ts': LEAKY });
    assert.equal((JSON.parse(runCli(['lint', '.', '--format', 'sarif'], root).stdout) as { runs: object[] }).runs[0].hasOwnProperty('invocations'), false);
    assert.deepEqual(Object.keys(JSON.parse(runCli(['lint', '.', '--format', 'json'], root).stdout) as object), ['version', 'findings']);
  });
});

describe('api-doctor lint --max-file-ms: the time budget per file', () => {
  let root = '';
  afterEach(() => removeTree(root));
  const overBudget = (ms: number): string => `analysing it took longer than ${ms} ms (--max-file-ms), so it was stopped`;

  it('stops a file that runs over the budget and reports it, in every format', function () {
    // The slow file takes seconds of queries; the budget stops it after a small fraction of that.
    this.timeout(60_000);
    root = makeTree({ 'slow.js': SLOW });
    const json = runCli(['lint', '.', '--format', 'json', '--max-file-ms', '200'], root);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), { version: 1, findings: [], skipped: [{ file: 'slow.js', reason: overBudget(200) }] });

    // Named in the text output even without --verbose: findings may be missing and the budget can be raised.
    const text = runCli(['lint', '.', '--max-file-ms', '200'], root);
    assert.equal(text.stdout, `slow.js: skipped: ${overBudget(200)}\n0 findings in 0 files; skipped 1 file (1 over the 200 ms time budget)\n`);

    const sarif = JSON.parse(runCli(['lint', '.', '--format', 'sarif', '--max-file-ms', '200'], root).stdout) as {
      runs: { invocations: { toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[];
    };
    assert.deepEqual(sarif.runs[0].invocations[0].toolExecutionNotifications.map((n) => [n.level, n.message.text]), [['warning', `Not linted: ${overBudget(200)}.`]]);
  });

  it('lints the other files on a fresh worker after stopping one', function () {
    this.timeout(60_000);
    root = makeTree({ 'a.ts': LEAKY, 'slow.js': SLOW, 'z.ts': LEAKY, 'z2.ts': CLEAN });
    const r = runCli(['lint', '.', '--format', 'json', '--max-file-ms', '1000', '--jobs', '1', '--stats'], root);
    assert.equal(r.code, 1, r.stderr);
    const doc = JSON.parse(r.stdout) as { findings: { file: string }[]; skipped: unknown };
    assert.deepEqual(doc.findings.map((f) => f.file), ['a.ts', 'z.ts']);
    assert.deepEqual(doc.skipped, [{ file: 'slow.js', reason: overBudget(1000) }]);
    // The main thread only watched; the files went to the first worker and its replacement.
    assert.match(r.stderr, /main thread 0 files, 2 worker threads 4 files/);
  });

  it('reads the budget as whole milliseconds, 0 for none', () => {
    const bad = runCli(['lint', '.', '--max-file-ms', '2s']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'api-doctor: --max-file-ms needs a whole number of milliseconds (0 = no limit), not "2s"\n');
  });
});
