/**
 * JSON string literals as abstract strings. Every decoded character keeps the document range it
 * was written in, so a range inside a string is exact where no escape sits in it. Substitutions
 * that a tool fills in at run time become holes: VS Code's `${env:NAME}` (and `${input:…}`,
 * `${config:…}`, `${workspaceFolder}`), devcontainer `${localEnv:NAME}`, shell `$NAME` / `${NAME}`
 * in scripts, and `{{name}}` variables of REST Client settings and Postman collections.
 */
import type { HoleOrigin, HolePart, Span, StringPart } from '../model';
import { isSecretEnvName, isSecretIdentifier } from '../secretNames';

/**
 * A decoded string literal and where each character was written. Most literals have no escapes,
 * so the offsets are only stored for those that do (a literal of a megabyte file must stay cheap).
 */
export class DecodedString {
  constructor(
    readonly value: string,
    /** Offset of the first character (after the opening quote). */
    private readonly base: number,
    /** For a literal with escapes: `starts[i]` is where character i starts, `starts[length]` the closing quote. */
    private readonly starts?: Int32Array,
  ) {}

  get exact(): boolean {
    return this.starts === undefined;
  }

  startOf(i: number): number {
    return this.starts ? this.starts[i] : this.base + i;
  }

  endOf(i: number): number {
    return this.starts ? this.starts[i + 1] : this.base + i + 1;
  }

  /** Characters `from`..`to` are written without escapes. */
  exactBetween(from: number, to: number): boolean {
    return this.endOf(to - 1) - this.startOf(from) === to - from;
  }

  span(from: number, to: number): Span {
    return { start: this.startOf(from), end: this.endOf(to - 1) };
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A string node's value with its offsets; `undefined` for a malformed literal. */
export function decodeJsonString(text: string, offset: number, length: number): DecodedString | undefined {
  if (length < 2 || text[offset] !== '"' || text[offset + length - 1] !== '"') return undefined;
  const raw = text.slice(offset + 1, offset + length - 1);
  if (!raw.includes('\\')) return new DecodedString(raw, offset + 1);
  let value = '';
  const starts: number[] = [];
  const end = offset + length - 1;
  for (let i = offset + 1; i < end; ) {
    starts.push(i);
    const c = text[i];
    if (c !== '\\') {
      value += c;
      i++;
      continue;
    }
    if (i + 1 >= end) return undefined;
    const e = text[i + 1];
    if (e === 'u') {
      const hex = text.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
      value += String.fromCharCode(parseInt(hex, 16));
      i += 6;
      continue;
    }
    if (!(e in SIMPLE_ESCAPES)) return undefined;
    value += SIMPLE_ESCAPES[e];
    i += 2;
  }
  starts.push(end);
  return new DecodedString(value, offset + 1, Int32Array.from(starts));
}

const HOLE = /\$\{(env|localEnv|containerEnv|input|config|command):([^}]+)\}|\$\{(\w+)\}|\$([A-Z_][A-Z0-9_]*)\b|\{\{\s*([^{}]+?)\s*\}\}/g;

/** The parts of characters `from`..`to`: literal runs (exact where unescaped) and substitution holes. */
export function partsOf(d: DecodedString, from = 0, to = d.value.length): StringPart[] {
  const value = d.value.slice(from, to);
  const parts: StringPart[] = [];
  const literal = (a: number, b: number): void => {
    let i = a;
    while (i < b) {
      // A run of unescaped characters is one exact piece; each escape is a piece of its own.
      let j = i + 1;
      const exact = d.exactBetween(i, i + 1);
      if (exact) while (j < b && d.exactBetween(j, j + 1)) j++;
      parts.push({ kind: 'literal', value: d.value.slice(i, j), span: d.span(i, j), exact, quote: '"' });
      i = j;
    }
  };
  let at = from;
  if (value.includes('$') || value.includes('{{')) {
    for (const m of value.matchAll(HOLE)) {
      const i = from + (m.index ?? 0);
      literal(at, i);
      at = i + m[0].length;
      parts.push(hole(origin(m), d.span(i, at)));
    }
  }
  literal(at, to);
  return parts;
}

function origin(m: RegExpMatchArray): HoleOrigin {
  const [, kind, name, braced, bare, mustache] = m;
  if (kind === 'env' || kind === 'localEnv' || kind === 'containerEnv') return { kind: 'env', name };
  if (kind) return { kind: 'variable', name };
  if (braced) return /^[A-Z_][A-Z0-9_]*$/.test(braced) ? { kind: 'env', name: braced } : { kind: 'other', name: braced };
  if (bare) return { kind: 'env', name: bare };
  return { kind: 'variable', name: mustache };
}

function hole(origin: HoleOrigin, span: Span): HolePart {
  const secret = origin.kind === 'env' ? isSecretEnvName(origin.name) : isSecretIdentifier(origin.name);
  return { kind: 'hole', origin, secret, span };
}
