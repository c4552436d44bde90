import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'jsonc-parser';
import {
  BUILTIN_CATALOG_FILES, findBuiltinCatalogDir, loadBuiltinCatalogs, loadCatalog, loadCatalogFile, loadCatalogFiles, MAX_CATALOG_BYTES, mergeCatalogs,
} from '../../../src/catalog/load';
import { CATALOG_SCHEMA } from '../../../src/catalog/schema';

const ROOT = resolve(__dirname, '../../../..');
const FIXTURES = join(ROOT, 'test/fixtures/catalog');
const CATALOGS = join(ROOT, 'catalogs');

function errorsOf(text: string): string[] {
  return loadCatalog(text, 'user.jsonc').errors.map((e) => `${e.line}:${e.column} ${e.message}`);
}

describe('catalog loading', () => {
  it('finds the shipped catalogs by walking up from the transpiled module', () => {
    assert.equal(findBuiltinCatalogDir(), CATALOGS);
  });

  it('loads the shipped catalogs without a single error', () => {
    const r = loadBuiltinCatalogs();
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.catalogs.map((c) => c.id), ['http', 'waves', 'specala']);
    assert.equal(r.catalogs[1].source, join(CATALOGS, 'waves.jsonc'));
  });

  it('keeps catalogs/catalog.schema.json identical to the schema the loader uses', () => {
    // After changing src/catalog/schema.ts, rewrite the file (after `npm run build`) with:
    // node -e "require('fs').writeFileSync('catalogs/catalog.schema.json', JSON.stringify(require('./out/src/catalog/schema.js').CATALOG_SCHEMA, null, 2) + '\n')"
    assert.deepEqual(JSON.parse(readFileSync(join(CATALOGS, 'catalog.schema.json'), 'utf8')), CATALOG_SCHEMA, 'catalogs/catalog.schema.json is out of date');
  });

  it('the schema, read by a full draft-07 validator (ajv), accepts every shipped catalog', () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(CATALOGS, 'catalog.schema.json'), 'utf8')));
    for (const file of BUILTIN_CATALOG_FILES) {
      const ok = validate(parse(readFileSync(join(CATALOGS, file), 'utf8')));
      assert.ok(ok, `${file}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it('ajv and the built-in validator both reject the broken fixtures', () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    const validate = ajv.compile(CATALOG_SCHEMA);
    for (const file of ['wrong-type.jsonc', 'unknown-field.jsonc']) {
      assert.equal(validate(parse(readFileSync(join(FIXTURES, file), 'utf8'))), false, file);
      assert.ok(loadCatalogFile(join(FIXTURES, file)).errors.length > 0, file);
    }
    assert.equal(validate(parse(readFileSync(join(FIXTURES, 'acme.jsonc'), 'utf8'))), true);
  });

  it('reports a syntax error at its line and column', () => {
    const file = join(FIXTURES, 'syntax-error.jsonc');
    const r = loadCatalogFile(file);
    assert.equal(r.catalog, undefined);
    assert.deepEqual(r.errors, [{ file, line: 5, column: 3, message: 'syntax error: expected ","' }]);
  });

  it('reports a value of the wrong type at the value', () => {
    const file = join(FIXTURES, 'wrong-type.jsonc');
    assert.deepEqual(loadCatalogFile(file).errors, [
      { file, line: 11, column: 20, message: 'statuses.429.retryable: expected a boolean, found string' },
    ]);
  });

  it('reports an unknown field at its key (patterns are not accepted from catalogs)', () => {
    const file = join(FIXTURES, 'unknown-field.jsonc');
    assert.deepEqual(loadCatalogFile(file).errors, [
      { file, line: 4, column: 42, message: 'match.regex: unknown field "regex" (expected one of hosts, urlPrefixes, keyPrefixes)' },
    ]);
  });

  it('reports missing required fields at the object that lacks them', () => {
    assert.deepEqual(errorsOf('{\n  "id": "x",\n  "name": "X",\n  "statuses": {}\n}'), ['1:1 (top level): missing required field "match"']);
  });

  it('reports a status key that is not a status code', () => {
    const text = '{ "id": "x", "name": "X", "match": { "hosts": [] },\n  "statuses": { "4O4": {} } }';
    assert.deepEqual(errorsOf(text), ['2:17 statuses.4O4: unknown field "4O4" (expected a key of the form ^([1-5][0-9][0-9]|[1-5]xx)$)']);
  });

  it('reports a duplicated key, which JSON parsers would hide', () => {
    const text = '{ "id": "x", "name": "X",\n  "name": "Y", "match": { "hosts": [] }, "statuses": {} }';
    assert.deepEqual(errorsOf(text), ['2:3 name: "name" appears twice; the later one would win']);
  });

  it('reports inconsistent limits the schema cannot see', () => {
    const text = `{ "id": "x", "name": "X", "match": { "hosts": [] }, "statuses": {},
  "constraints": [{ "rule": "x/ids", "method": "POST", "path": "/e", "in": "body", "name": "ids", "minItems": 5, "maxItems": 2, "message": "m" }] }`;
    assert.deepEqual(errorsOf(text), ['2:111 constraints[0].minItems: minItems is larger than maxItems']);
  });

  it('refuses a huge catalog before parsing it', () => {
    const huge = `{ "id": "x", "name": "X", "match": { "hosts": [] }, "statuses": {}, "docs": "${'a'.repeat(MAX_CATALOG_BYTES)}" }`;
    assert.deepEqual(errorsOf(huge), ['1:1 catalog is 256 KB; catalogs are limited to 256 KB']);
  });

  it('reports an empty file and a file that is not an object', () => {
    assert.deepEqual(errorsOf(''), ['1:1 syntax error: expected a value']);
    assert.deepEqual(errorsOf('[1, 2]'), ['1:1 (top level): expected an object, found array']);
  });

  it('counts columns in UTF-16 code units and skips a byte-order mark', () => {
    const text = '\uFEFF{ "id": "x", "name": "😀😀", "match": { "hosts": [] }, "statuses": { "500": 1 } }';
    assert.deepEqual(errorsOf(text), ['1:78 statuses.500: expected an object, found number']);
  });

  it('never throws, whatever the input', () => {
    for (const text of ['{', '}', '{"id":', 'null', '"text"', '{"statuses": {"401": {"causes": [null]}}}', '\u0000', '/* only a comment */']) {
      const r = loadCatalog(text, 'fuzz.jsonc');
      assert.equal(r.catalog, undefined, text);
      assert.ok(r.errors.length > 0, text);
    }
  });

  it('a missing user catalog is reported and the others still load', () => {
    const missing = join(FIXTURES, 'nope.jsonc');
    const r = loadCatalogFiles([missing, join(FIXTURES, 'acme.jsonc'), join(FIXTURES, 'syntax-error.jsonc')]);
    assert.deepEqual(r.catalogs.map((c) => c.id), ['acme']);
    assert.deepEqual(r.errors.map((e) => [e.file, e.line, e.column]), [[missing, 1, 1], [join(FIXTURES, 'syntax-error.jsonc'), 5, 3]]);
    assert.equal(r.errors[0].message, 'file not found');
  });

  it('user catalogs replace built-in ones with the same id and add new ones', () => {
    const builtin = loadBuiltinCatalogs().catalogs;
    const user = loadCatalogFiles([join(FIXTURES, 'waves-override.jsonc'), join(FIXTURES, 'acme.jsonc')]).catalogs;
    const merged = mergeCatalogs(builtin, user);
    assert.deepEqual(merged.map((c) => `${c.id}:${c.name}`), ['http:HTTP', 'specala:Specala AI', 'waves:Waves (team notes)', 'acme:Acme Speech']);
  });
});
