import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLEAN, LEAKY, REPO, makeTree, removeTree, runCli } from './runCli';

const BASIC = 'test/fixtures/cli/basic';

interface SarifRegion { startLine: number; startColumn: number; endLine: number; endColumn: number }
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; helpUri: string; shortDescription: { text: string }; fullDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
    results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: SarifRegion } }[] }[];
  }[];
}

/** The SARIF 2.1.0 schema (draft-04) and a validator for it: development dependencies only. */
interface Validator { (data: unknown): boolean; errors?: unknown[] | null }
function loadSchemaValidator(): Validator | string {
  let Ajv: new (options: object) => { addFormat(name: string, test: (s: string) => boolean): void; compile(schema: object): Validator };
  let schemaPath: string;
  try {
    Ajv = require('ajv-draft-04') as typeof Ajv;
    schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  } catch {
    return 'the devDependencies ajv, ajv-draft-04 and @microsoft/jest-sarif are not installed (npm install)';
  }
  // The schema's language-tag pattern is not valid in Unicode mode; it was written for plain regexes.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s) => URL.canParse(s, 'file:///base/') && !/[\s\\]/.test(s));
  ajv.addFormat('date-time', (s) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
}

/** Skips where the dev dependencies are missing, but fails in CI, which must have them. */
function schemaValidatorOrSkip(test: Mocha.Context): Validator {
  const validate = loadSchemaValidator();
  if (typeof validate !== 'string') return validate;
  if (process.env.CI) assert.fail(validate);
  test.skip();
}

describe('api-doctor lint --format sarif', () => {
  const run = runCli(['lint', BASIC, '--format', 'sarif']);
  const log = JSON.parse(run.stdout) as SarifLog;

  it('is valid against the SARIF 2.1.0 JSON schema', function () {
    const validate = schemaValidatorOrSkip(this);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  });

  it('describes the tool and the rules that fired', () => {
    assert.equal(run.code, 1);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'API Doctor');
    assert.equal(driver.version, (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version);
    assert.equal(driver.informationUri, 'https://github.com/api-doctor/api-doctor');
    assert.deepEqual(driver.rules.map((r) => [r.id, r.helpUri, r.defaultConfiguration.level]), [
      ['key-in-url', 'https://github.com/api-doctor/api-doctor#rule-key-in-url', 'warning'],
    ]);
    assert.ok(driver.rules[0].shortDescription.text.length > 0 && driver.rules[0].fullDescription.text.length > 0);
  });

  it('locates each result by relative URI and 1-based region, with the rule index', () => {
    const results = log.runs[0].results;
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.ruleIndex, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region]),
      [
        ['key-in-url', 0, 'warning', 'test/fixtures/cli/basic/api.ts', { startLine: 5, startColumn: 50, endLine: 5, endColumn: 64 }],
        ['key-in-url', 0, 'warning', 'test/fixtures/cli/basic/legacy.js', { startLine: 2, startColumn: 41, endLine: 2, endColumn: 53 }],
      ],
    );
  });

  it('never carries source text: no snippet, and the secret value appears nowhere', () => {
    assert.doesNotMatch(run.stdout, /snippet/);
    assert.doesNotMatch(run.stdout, /abc123/);
    assert.doesNotMatch(run.stdout, /SPEECH_KEY/);
  });

  it('escapes file names into valid URIs', () => {
    const root = makeTree({ 'my src/a#1.ts': LEAKY });
    try {
      const r = runCli(['lint', 'my src', '--format', 'sarif'], root);
      const uri = (JSON.parse(r.stdout) as SarifLog).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
      assert.equal(uri, 'my%20src/a%231.ts');
    } finally {
      removeTree(root);
    }
  });

  it('writes an empty, valid log when there is nothing to report', function () {
    const root = makeTree({ 'ok.ts': CLEAN });
    try {
      const r = runCli(['lint', '.', '--format', 'sarif'], root);
      assert.equal(r.code, 0);
      const empty = JSON.parse(r.stdout) as SarifLog;
      assert.deepEqual([empty.runs[0].tool.driver.rules, empty.runs[0].results], [[], []]);
      const validate = schemaValidatorOrSkip(this);
      assert.ok(validate(empty), JSON.stringify(validate.errors, null, 2));
    } finally {
      removeTree(root);
    }
  });
});
