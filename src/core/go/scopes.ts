/**
 * Names and what they are bound to in a Go file: package-level `const`/`var`, and per function its
 * parameters, `:=` and `var` declarations and `=` assignments. A name written once resolves to its
 * value; a name written twice (or a loop variable) stays unknown; a parameter is a run-time value.
 */
import type { SyntaxNode } from '../parser';
import { callParts, dottedText, named, plainString } from './syntax';

export type Binding =
  | { kind: 'value'; value: SyntaxNode; key: string }
  | { kind: 'env'; name: string }
  | { kind: 'parameter' }
  | { kind: 'unknown' };

/**
 * Where functions start and end, to find the scopes around an offset without walking up the tree
 * (each `parent` read is a walk down from the root inside WASM).
 */
export class FunctionSpans {
  private readonly starts: number[];
  private readonly ends: number[];

  constructor(functions: readonly SyntaxNode[]) {
    this.starts = functions.map((f) => f.startIndex);
    this.ends = functions.map((f) => f.endIndex);
  }

  /** The starts of the functions around an offset, innermost first, then -1 for the package. */
  chain(at: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.starts.length; i++) if (this.starts[i] <= at && at < this.ends[i]) out.push(this.starts[i]);
    out.sort((a, b) => b - a);
    out.push(-1);
    return out;
  }

  scopeOf(n: SyntaxNode): number {
    return this.chain(n.startIndex)[0];
  }
}

interface Entry {
  writes: number;
  value?: SyntaxNode;
  env?: string;
  parameter?: boolean;
}

export class Scopes {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly functions: FunctionSpans) {}

  private entry(scope: number, name: string): Entry {
    const k = `${scope}:${name}`;
    let e = this.entries.get(k);
    if (!e) {
      e = { writes: 0 };
      this.entries.set(k, e);
    }
    return e;
  }

  /** `name := value`, `const name = value`, `var name = value`; a value of undefined marks an unknown write. */
  define(nameNode: SyntaxNode, value: SyntaxNode | undefined, scope = this.functions.scopeOf(nameNode)): void {
    const name = nameNode.text;
    if (name === '_') return;
    const e = this.entry(scope, name);
    e.writes++;
    e.value = value;
  }

  defineEnv(nameNode: SyntaxNode, env: string): void {
    const e = this.entry(this.functions.scopeOf(nameNode), nameNode.text);
    e.writes++;
    e.env = env;
  }

  parameter(nameNode: SyntaxNode, scope: number): void {
    const e = this.entry(scope, nameNode.text);
    e.parameter = true;
    e.writes++;
  }

  /** `name = value` somewhere: the name no longer has one value (unless it had none, `var x string`). */
  assign(nameNode: SyntaxNode, value: SyntaxNode | undefined): void {
    for (const scope of this.functions.chain(nameNode.startIndex)) {
      const e = this.entries.get(`${scope}:${nameNode.text}`);
      if (!e) continue;
      if (e.writes === 1 && !e.value && !e.env && !e.parameter && value) e.value = value;
      else e.writes++;
      return;
    }
  }

  lookup(use: SyntaxNode): Binding {
    const name = use.text;
    for (const scope of this.functions.chain(use.startIndex)) {
      const e = this.entries.get(`${scope}:${name}`);
      if (!e) continue;
      if (e.parameter) return { kind: 'parameter' };
      if (e.writes !== 1) return { kind: 'unknown' };
      if (e.env !== undefined) return { kind: 'env', name: e.env };
      return e.value ? { kind: 'value', value: e.value, key: `${scope}:${name}` } : { kind: 'unknown' };
    }
    return { kind: 'unknown' };
  }

  /** Reads every declaration, parameter and assignment of the file. */
  collect(decls: SyntaxNode[], params: SyntaxNode[], assigns: SyntaxNode[], loopVars: SyntaxNode[]): void {
    for (const d of decls) {
      if (d.type === 'const_spec' || d.type === 'var_spec') {
        const names = d.childrenForFieldName('name').filter((x): x is SyntaxNode => !!x);
        const values = named(d.childForFieldName('value'));
        names.forEach((n, i) => this.define(n, values.length === names.length ? values[i] : undefined));
      } else if (d.type === 'short_var_declaration') {
        const left = named(d.childForFieldName('left'));
        const right = named(d.childForFieldName('right'));
        // `key, ok := os.LookupEnv("KEY")`
        const lookup = right.length === 1 && left.length === 2 ? lookupEnvName(right[0]) : undefined;
        left.forEach((n, i) => {
          if (n.type !== 'identifier') return;
          if (lookup !== undefined && i === 0) this.defineEnv(n, lookup);
          else this.define(n, right.length === left.length ? right[i] : undefined);
        });
      }
    }
    for (const p of params) {
      const scope = this.functions.scopeOf(p);
      for (const n of p.childrenForFieldName('name')) if (n) this.parameter(n, scope);
    }
    for (const v of loopVars) if (v.type === 'identifier') this.define(v, undefined);
    for (const a of assigns) {
      const left = named(a.childForFieldName('left'));
      const right = named(a.childForFieldName('right'));
      const op = a.childForFieldName('operator')?.text;
      left.forEach((n, i) => {
        if (n.type !== 'identifier') return;
        this.assign(n, op === '=' && right.length === left.length ? right[i] : undefined);
      });
    }
  }
}

/** `os.LookupEnv("X")` → X. */
export function lookupEnvName(n: SyntaxNode): string | undefined {
  const c = callParts(n);
  if (!c || dottedText(c.fn) !== 'os.LookupEnv') return undefined;
  return plainString(c.args[0]);
}
