/**
 * Reads catalog files. A catalog with a mistake is reported with file, line and column and left
 * out; the others keep working. Nothing here throws on bad input.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { CATALOG_SCHEMA } from './schema';
import type { Catalog, CatalogError, LoadResult } from './types';
import { validateSchema, type JsonPath } from './validateSchema';

/** Catalogs are hand-written data (the largest shipped one is 25 KB); bigger is a mistake or an attack on the editor. */
export const MAX_CATALOG_BYTES = 256 * 1024;

export const BUILTIN_CATALOG_FILES = ['http.jsonc', 'waves.jsonc', 'specala.jsonc'];

class Positions {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

function pathText(path: JsonPath): string {
  return path.length === 0 ? '(top level)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
}

/** Places a problem: the key for an unknown field, the value otherwise, the nearest existing parent as a fallback. */
function offsetOf(root: Node, path: JsonPath, atKey: boolean): number {
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (!node) continue;
    if (atKey && n === path.length && node.parent?.type === 'property' && node.parent.children?.[0]) return node.parent.children[0].offset;
    return node.offset;
  }
  return root.offset;
}

/** jsonc-parser keeps the last of two equal keys silently; a catalog author wants to hear about it. */
function findDuplicateKeys(node: Node, path: JsonPath, out: Array<{ offset: number; message: string }>): void {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0];
      const value = prop.children?.[1];
      if (!key) continue;
      const name = String(key.value);
      if (seen.has(name)) out.push({ offset: key.offset, message: `${pathText([...path, name])}: "${name}" appears twice; the later one would win` });
      seen.add(name);
      if (value) findDuplicateKeys(value, [...path, name], out);
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((child, i) => findDuplicateKeys(child, [...path, i], out));
  }
}

/** Checks the schema cannot express: consistent limits, unique ids. */
function checkMeaning(catalog: Catalog): Array<{ path: JsonPath; message: string }> {
  const out: Array<{ path: JsonPath; message: string }> = [];
  (catalog.constraints ?? []).forEach((c, i) => {
    if (!c.oneOf && c.minItems === undefined && c.maxItems === undefined) out.push({ path: ['constraints', i], message: 'a constraint needs "oneOf", "minItems" or "maxItems"' });
    if (c.minItems !== undefined && c.maxItems !== undefined && c.minItems > c.maxItems) out.push({ path: ['constraints', i, 'minItems'], message: 'minItems is larger than maxItems' });
  });
  if (catalog.retry && catalog.retry.capMs < catalog.retry.firstDelayMs) out.push({ path: ['retry', 'capMs'], message: 'capMs is smaller than firstDelayMs' });
  const checkCauses = (entries: Record<string, { causes: Array<{ id: string }> }> | undefined, field: string): void => {
    for (const [key, entry] of Object.entries(entries ?? {})) {
      const ids = new Set<string>();
      entry.causes.forEach((cause, i) => {
        if (ids.has(cause.id)) out.push({ path: [field, key, 'causes', i, 'id'], message: `cause id "${cause.id}" is used twice in ${field}.${key}` });
        ids.add(cause.id);
      });
    }
  };
  checkCauses(catalog.statuses, 'statuses');
  checkCauses(catalog.codes, 'codes');
  return out;
}

/** Parses and checks one catalog. Never throws; `catalog` is set only when there are no errors. */
export function loadCatalog(text: string, fileName: string): LoadResult {
  if (text.length > MAX_CATALOG_BYTES) {
    return { errors: [{ file: fileName, line: 1, column: 1, message: `catalog is ${Math.round(text.length / 1024)} KB; catalogs are limited to ${MAX_CATALOG_BYTES / 1024} KB` }] };
  }
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const positions = new Positions(source);
  const at = (offset: number, message: string): CatalogError => ({ file: fileName, ...positions.at(offset), message });
  const parseErrors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(source, parseErrors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  } catch (err) {
    return { errors: [at(0, `could not read the catalog: ${err instanceof Error ? err.message : String(err)}`)] };
  }
  if (parseErrors.length > 0 || !root) {
    const errors = parseErrors.slice(0, 20).map((e) => at(e.offset, `syntax error: ${describeParseError(printParseErrorCode(e.error))}`));
    return { errors: errors.length ? errors : [at(0, 'the file holds no JSON value')] };
  }
  const duplicates: Array<{ offset: number; message: string }> = [];
  findDuplicateKeys(root, [], duplicates);
  const value = getNodeValue(root) as unknown;
  const problems = validateSchema(value, CATALOG_SCHEMA);
  const errors: CatalogError[] = [
    ...duplicates.map((d) => at(d.offset, d.message)),
    ...problems.map((p) => at(offsetOf(root!, p.path, p.atKey === true), `${pathText(p.path)}: ${p.message}`)),
  ];
  if (errors.length === 0) {
    for (const p of checkMeaning(value as Catalog)) errors.push(at(offsetOf(root, p.path, false), `${pathText(p.path)}: ${p.message}`));
  }
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  if (errors.length > 0) return { errors };
  // jsonc-parser builds objects without a prototype; plain ones compare and print as users expect.
  return { catalog: { ...(JSON.parse(JSON.stringify(value)) as Catalog), source: fileName }, errors: [] };
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'malformed number',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: 'expected ":"',
    CommaExpected: 'expected ","',
    CloseBraceExpected: 'expected "}"',
    CloseBracketExpected: 'expected "]"',
    EndOfFileExpected: 'unexpected text after the end of the catalog',
    InvalidCommentToken: 'malformed comment',
    UnexpectedEndOfComment: 'comment is not closed',
    UnexpectedEndOfString: 'string is not closed',
    UnexpectedEndOfNumber: 'number is cut short',
    InvalidUnicode: 'malformed \\u escape',
    InvalidEscapeCharacter: 'unknown escape character',
    InvalidCharacter: 'character not allowed in a string',
  };
  return words[code] ?? code;
}

/** Reads and loads one file; a missing or unreadable file is an error at 1:1. */
export function loadCatalogFile(path: string): LoadResult {
  try {
    const size = statSync(path).size;
    if (size > MAX_CATALOG_BYTES) return { errors: [{ file: path, line: 1, column: 1, message: `catalog is ${Math.round(size / 1024)} KB; catalogs are limited to ${MAX_CATALOG_BYTES / 1024} KB` }] };
    return loadCatalog(readFileSync(path, 'utf8'), path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { errors: [{ file: path, line: 1, column: 1, message: code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(err)})` }] };
  }
}

/**
 * The folder of the shipped catalogs. The bundle runs from dist/, the transpiled tests from
 * out/src/catalog/: walk up from here until a `catalogs/` folder holding waves.jsonc appears.
 */
export function findBuiltinCatalogDir(start: string = __dirname): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'catalogs');
    if (existsSync(join(candidate, 'waves.jsonc'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface LoadedCatalogs {
  catalogs: Catalog[];
  errors: CatalogError[];
}

export function loadBuiltinCatalogs(dir: string | undefined = findBuiltinCatalogDir()): LoadedCatalogs {
  if (!dir) return { catalogs: [], errors: [{ file: 'catalogs', line: 1, column: 1, message: 'the built-in catalogs folder was not found' }] };
  return loadCatalogFiles(BUILTIN_CATALOG_FILES.map((f) => join(dir, f)));
}

export function loadCatalogFiles(paths: readonly string[]): LoadedCatalogs {
  const catalogs: Catalog[] = [];
  const errors: CatalogError[] = [];
  for (const p of paths) {
    const r = loadCatalogFile(p);
    if (r.catalog) catalogs.push(r.catalog);
    errors.push(...r.errors);
  }
  return { catalogs, errors };
}

/**
 * User catalogs from the `apiDoctor.catalogs` setting or the `catalogs` entry of `.api-doctor.jsonc`:
 * relative paths are resolved against `baseDir` (the workspace folder or the config file's folder).
 */
export function loadUserCatalogs(paths: readonly string[], baseDir: string): LoadedCatalogs {
  return loadCatalogFiles(paths.filter((p) => typeof p === 'string' && p.trim() !== '').map((p) => resolve(baseDir, p.trim())));
}

/** User catalogs replace built-in ones with the same id; later user catalogs replace earlier ones. */
export function mergeCatalogs(builtin: readonly Catalog[], user: readonly Catalog[]): Catalog[] {
  const byId = new Map<string, Catalog>();
  for (const c of [...builtin, ...user]) {
    byId.delete(c.id);
    byId.set(c.id, c);
  }
  return [...byId.values()];
}
