/**
 * A small JSON Schema (draft-07 subset) validator: the keywords CATALOG_SCHEMA uses and no more.
 * It exists so the loader can report a catalog's mistakes with their place, without shipping a
 * general validator in the bundle. Problems carry the path to the value they concern.
 */

export type JsonPath = Array<string | number>;

export interface SchemaProblem {
  path: JsonPath;
  message: string;
  /** True when the problem is the property name itself (unknown field): point at the key. */
  atKey?: boolean;
}

type Schema = { readonly [k: string]: unknown };

const MAX_PROBLEMS = 50;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function matchesType(v: unknown, type: string): boolean {
  const t = typeOf(v);
  return t === type || (type === 'number' && t === 'integer');
}

function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Schema)[part];
  if (!node || typeof node !== 'object') throw new Error(`unresolved $ref ${ref}`);
  return node as Schema;
}

const patternCache = new Map<string, RegExp>();
function pattern(source: string): RegExp {
  let re = patternCache.get(source);
  if (!re) patternCache.set(source, (re = new RegExp(source, 'u')));
  return re;
}

function describe(v: unknown): string {
  const t = typeOf(v);
  return t === 'integer' ? 'number' : t;
}

export function validateSchema(value: unknown, schema: Schema): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const visit = (v: unknown, s: Schema, path: JsonPath): void => {
    if (problems.length >= MAX_PROBLEMS) return;
    if (typeof s.$ref === 'string') {
      visit(v, resolveRef(schema, s.$ref), path);
      return;
    }
    if (typeof s.type === 'string' && !matchesType(v, s.type)) {
      problems.push({ path, message: `expected ${s.type === 'integer' ? 'a whole number' : `a${/^[aeiou]/.test(s.type) ? 'n' : ''} ${s.type}`}, found ${describe(v)}` });
      return;
    }
    if (Array.isArray(s.enum) && !s.enum.includes(v as never)) {
      problems.push({ path, message: `must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}` });
      return;
    }
    if (typeof v === 'string') {
      if (typeof s.minLength === 'number' && v.length < s.minLength) problems.push({ path, message: s.minLength === 1 ? 'must not be empty' : `must be at least ${s.minLength} characters` });
      if (typeof s.maxLength === 'number' && v.length > s.maxLength) problems.push({ path, message: `must be at most ${s.maxLength} characters` });
      if (typeof s.pattern === 'string' && !pattern(s.pattern).test(v)) problems.push({ path, message: `${JSON.stringify(v.length > 60 ? v.slice(0, 60) + '…' : v)} does not have the expected form (${s.pattern})` });
    }
    if (typeof v === 'number') {
      if (typeof s.minimum === 'number' && v < s.minimum) problems.push({ path, message: `must be at least ${s.minimum}` });
      if (typeof s.maximum === 'number' && v > s.maximum) problems.push({ path, message: `must be at most ${s.maximum}` });
    }
    if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems) problems.push({ path, message: `needs at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}` });
      if (typeof s.maxItems === 'number' && v.length > s.maxItems) problems.push({ path, message: `has ${v.length} items, at most ${s.maxItems} allowed` });
      if (s.items && typeof s.items === 'object') v.forEach((item, i) => visit(item, s.items as Schema, [...path, i]));
    }
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const name of (s.required ?? []) as string[]) {
        if (!(name in obj)) problems.push({ path, message: `missing required field "${name}"` });
      }
      const patterns = Object.entries((s.patternProperties ?? {}) as Record<string, Schema>);
      for (const [name, child] of Object.entries(obj)) {
        if (Object.prototype.hasOwnProperty.call(props, name)) {
          visit(child, props[name], [...path, name]);
          continue;
        }
        const byPattern = patterns.find(([p]) => pattern(p).test(name));
        if (byPattern) visit(child, byPattern[1], [...path, name]);
        else if (s.additionalProperties === false) {
          const expected = patterns.length > 0 ? `a key of the form ${patterns.map(([p]) => p).join(' or ')}` : `one of ${Object.keys(props).join(', ')}`;
          problems.push({ path: [...path, name], atKey: true, message: `unknown field "${name}" (expected ${expected})` });
        } else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
          visit(child, s.additionalProperties as Schema, [...path, name]);
        }
      }
    }
  };
  visit(value, schema, []);
  return problems.slice(0, MAX_PROBLEMS);
}
