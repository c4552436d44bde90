import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analyze';
import { REPO, runCli } from './runCli';

const BASIC = 'test/fixtures/cli/basic';

/** The rule's own message for the first finding in a fixture file (the CLI passes it through). */
async function messageOf(file: string, languageId: string): Promise<string> {
  return (await analyze(readFileSync(join(REPO, BASIC, file), 'utf8'), languageId))[0].message;
}

describe('api-doctor lint --format json', () => {
  it('prints exactly the documented document, sorted by file then position', async () => {
    const r = runCli(['lint', BASIC, '--format', 'json']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const expected = {
      version: 1,
      findings: [
        {
          file: 'test/fixtures/cli/basic/api.ts', line: 5, column: 50, endLine: 5, endColumn: 64,
          ruleId: 'key-in-url', severity: 'warning', message: await messageOf('api.ts', 'typescript'),
        },
        {
          file: 'test/fixtures/cli/basic/legacy.js', line: 2, column: 41, endLine: 2, endColumn: 53,
          ruleId: 'key-in-url', severity: 'warning', message: await messageOf('legacy.js', 'javascript'),
        },
      ],
    };
    // One document on one line, keys in the documented order: compare the text itself.
    assert.equal(r.stdout, JSON.stringify(expected) + '\n');
  });

  it('names files as given, or joined with the folder as given; each file once', () => {
    const r = runCli(['lint', `./${BASIC}/legacy.js`, `${BASIC}/`, '--format', 'json']);
    assert.deepEqual(
      (JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file),
      ['./test/fixtures/cli/basic/legacy.js', 'test/fixtures/cli/basic/api.ts'],
    );
  });

  it('prints the empty document when nothing is found', () => {
    const r = runCli(['lint', `${BASIC}/sub`, '--format', 'json']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '{"version":1,"findings":[]}\n');
  });

  it('applies the nearest .api-doctor.jsonc: rule levels and extra secret names', () => {
    const r = runCli(['lint', 'test/fixtures/cli/config/strict', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const findings = (JSON.parse(r.stdout) as { findings: { file: string; ruleId: string; severity: string }[] }).findings;
    assert.deepEqual(findings.map((f) => [f.file, f.ruleId, f.severity]), [['test/fixtures/cli/config/strict/call.ts', 'key-in-url', 'error']]);
  });

  it('uses the --config file instead of the nearest one', () => {
    // The basic fixture's own findings, at the strict config's level.
    const r = runCli(['lint', BASIC, '--format', 'json', '--config', 'test/fixtures/cli/config/strict/.api-doctor.jsonc']);
    const findings = (JSON.parse(r.stdout) as { findings: { severity: string }[] }).findings;
    assert.deepEqual(findings.map((f) => f.severity), ['error', 'error']);
  });
});
