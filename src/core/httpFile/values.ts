/**
 * Turns `.http` text with `{{…}}` references into abstract strings. File variables (`@name = value`)
 * resolve to their value (its literal pieces point at the declaration); `{{$processEnv NAME}}`,
 * `{{$dotenv NAME}}` and httpYac's `{{process.env.NAME}}` are environment holes; anything else
 * (environment-file variables, request variables, system variables, script) is a hole named by
 * what is written.
 */
import type { HoleOrigin, HolePart, Span, StringPart } from '../model';
import { isSecretEnvName, isSecretIdentifier } from '../secretNames';
import { findKnownKey } from '../keyFormats';
import { variableReferences, type HttpVariable, type TextSpan } from './parse';

/**
 * How `{{var}}` reads: `url` resolves every file variable; `header` keeps a variable that holds one
 * word (a token) as a hole, so `Authorization: {{apiKey}}` reads as "a token with no scheme".
 */
export type ResolveMode = 'url' | 'header';

/** File variables by name. A later definition wins for text after it, as httpYac reads the file. */
export class FileVariables {
  private readonly byName = new Map<string, HttpVariable[]>();

  constructor(variables: readonly HttpVariable[]) {
    for (const v of variables) {
      const list = this.byName.get(v.name.text) ?? [];
      list.push(v);
      this.byName.set(v.name.text, list);
    }
  }

  /** The definition in force at `offset`: the last one before it, else the first in the file. */
  lookup(name: string, offset: number): HttpVariable | undefined {
    const list = this.byName.get(name);
    if (!list) return undefined;
    let found: HttpVariable | undefined;
    for (const v of list) if (v.line.start < offset) found = v;
    return found ?? list[0];
  }
}

const MAX_DEPTH = 8;

export function resolveHttpText(span: TextSpan, variables: FileVariables, mode: ResolveMode): StringPart[] {
  return resolve(span, variables, mode, undefined, new Set());
}

/**
 * `use` is the `{{var}}` in the request that led here (for nested values): holes found inside a
 * variable's value point at that use, which is the text a fix can reuse.
 */
function resolve(span: TextSpan, variables: FileVariables, mode: ResolveMode, use: Span | undefined, seen: Set<string>): StringPart[] {
  const parts: StringPart[] = [];
  let at = 0;
  const literal = (from: number, to: number): void => {
    if (to <= from) return;
    parts.push({ kind: 'literal', value: span.text.slice(from, to), span: { start: span.start + from, end: span.start + to }, exact: true });
  };
  for (const ref of variableReferences(span)) {
    literal(at, ref.start - span.start);
    at = ref.end - span.start;
    const here = use ?? { start: ref.start, end: ref.end };
    parts.push(...reference(ref.expression, here, ref.start, variables, mode, seen));
  }
  literal(at, span.text.length);
  return parts;
}

function reference(expression: string, use: Span, offset: number, variables: FileVariables, mode: ResolveMode, seen: Set<string>): StringPart[] {
  const env = environmentName(expression);
  if (env) return [hole(env, use)];
  if (!/^[A-Za-z_][\w.-]*$/.test(expression)) return [hole({ kind: expression.startsWith('$') ? 'other' : 'variable', name: expression }, use)];
  const variable = variables.lookup(expression, offset);
  if (!variable || seen.has(expression) || seen.size >= MAX_DEPTH) return [hole({ kind: 'variable', name: expression }, use)];
  const inner = resolve(variable.value, variables, mode, use, new Set([...seen, expression]));
  if (mode === 'url' || /[\s:]/.test(variable.value.text)) return inner;
  // A one-word value in a header is the token itself: a hole that knows whether it is a secret.
  if (inner.length === 1 && inner[0].kind === 'hole') return inner;
  const secret = isSecretIdentifier(expression) || findKnownKey(variable.value.text) !== undefined || inner.some((p) => p.kind === 'hole' && p.secret);
  return [{ kind: 'hole', origin: { kind: 'variable', name: expression }, secret, span: use }];
}

/** `$processEnv NAME`, `$dotenv NAME`, `process.env.NAME`, `process.env['NAME']` → an env origin. */
function environmentName(expression: string): HoleOrigin | undefined {
  const system = /^\$(processEnv|dotenv)\s+(%?)([\w.-]+)$/.exec(expression);
  // `%NAME` reads the variable's name from the active environment: a variable, not the env name.
  if (system) return system[2] ? { kind: 'variable', name: system[3] } : { kind: 'env', name: system[3] };
  const node = /^process\.env(?:\.([A-Za-z_]\w*)|\[\s*['"]([^'"]+)['"]\s*\])$/.exec(expression);
  if (node) return { kind: 'env', name: node[1] ?? node[2] };
  return undefined;
}

function hole(origin: HoleOrigin, span: Span): HolePart {
  const name = origin.name.replace(/^\$/, '');
  const secret = origin.kind === 'env' ? isSecretEnvName(name) : isSecretIdentifier(name);
  return { kind: 'hole', origin, secret, span };
}
