/**
 * The SARIF 2.1.0 schema validator (ajv-draft-04 with the schema shipped in @microsoft/jest-sarif,
 * development dependencies only), for tests that check a log's shape; skips where they are
 * missing, but fails in CI, which must have them. Same set-up as test/unit/cli/sarif.test.ts.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export interface Validator { (data: unknown): boolean; errors?: unknown[] | null }

export function sarifValidatorOrSkip(test: Mocha.Context): Validator {
  let Ajv: new (options: object) => { addFormat(name: string, test: (s: string) => boolean): void; compile(schema: object): Validator };
  let schemaPath: string;
  try {
    Ajv = require('ajv-draft-04') as typeof Ajv;
    schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  } catch {
    if (process.env.CI) assert.fail('the devDependencies ajv, ajv-draft-04 and @microsoft/jest-sarif are not installed (npm install)');
    test.skip();
  }
  // The schema's language-tag pattern is not valid in Unicode mode; it was written for plain regexes.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s) => URL.canParse(s, 'file:///base/') && !/[\s\\]/.test(s));
  ajv.addFormat('date-time', (s) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
}
