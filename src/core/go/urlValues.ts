/**
 * `url.Values` variables and the query parameters written into them: `url.Values{"k": {v}}`,
 * `u.Query()`, `make(url.Values)`, then `q.Set("k", v)` / `q.Add("k", v)`. They become query
 * parameters of a URL only where `q.Encode()` ends up in one (values.ts); a form body stays a body.
 */
import type { SyntaxNode } from '../parser';
import type { QueryParam } from '../model';
import type { CallInfo } from './facts';
import type { FunctionSpans } from './scopes';
import { calleeReceiver, elementValue, headerValue, named, plainString, span, unwrap } from './syntax';
import { resolveString, type ResolveContext } from './values';

export class UrlValues {
  /** Entries by `scope:name` of the variable. */
  private readonly byKey = new Map<string, QueryParam[]>();
  /** Entries of composite literals, resolved once every name of the file is known. */
  private readonly pending: { entry: QueryParam; value: SyntaxNode }[] = [];

  constructor(private readonly functions: FunctionSpans) {}

  /** Reads `q := url.Values{…}`, `q := u.Query()`, `var q url.Values`. */
  declare(decls: readonly SyntaxNode[]): void {
    for (const d of decls) {
      if (d.type === 'short_var_declaration') {
        const left = named(d.childForFieldName('left'));
        const right = named(d.childForFieldName('right'));
        if (left.length === right.length) left.forEach((n, i) => this.declareOne(n, right[i]));
      } else if (d.type === 'var_spec') {
        const name = d.childForFieldName('name');
        const value = named(d.childForFieldName('value'))[0];
        if (!name) continue;
        if (value) this.declareOne(name, value);
        else if (/^url\.Values$/.test(d.childForFieldName('type')?.text ?? '')) this.byKey.set(this.keyAt(name), []);
      }
    }
  }

  private keyAt(name: SyntaxNode): string {
    return `${this.functions.scopeOf(name)}:${name.text}`;
  }

  private declareOne(name: SyntaxNode, value: SyntaxNode): void {
    const v = unwrap(value);
    const literal = v.type === 'composite_literal' && /^url\.Values$/.test(v.childForFieldName('type')?.text ?? '');
    // `u.Query()`, `req.URL.Query()`, `make(url.Values)`: read from the text, cheaper than the tree.
    if (!literal && !(v.type === 'call_expression' && (/\.Query\(\)$/.test(v.text) || /^make\(url\.Values\b/.test(v.text)))) return;
    const entries: QueryParam[] = [];
    for (const el of named(literal ? v.childForFieldName('body') : null)) {
      if (el.type !== 'keyed_element') continue;
      const k = plainString(elementValue(el.childForFieldName('key')));
      const val = elementValue(el.childForFieldName('value'));
      if (k === undefined || !val) continue;
      const entry: QueryParam = { name: k, value: { parts: [], span: span(val) }, span: span(el), origin: 'params-object' };
      entries.push(entry);
      this.pending.push({ entry, value: headerValue(val) });
    }
    this.byKey.set(this.keyAt(name), entries);
  }

  resolveEntries(ctx: ResolveContext): void {
    for (const { entry, value } of this.pending) entry.value = resolveString(value, ctx);
    this.pending.length = 0;
  }

  /** `q.Set("api_key", k)` and `q.Add(…)` on a url.Values variable. */
  addWrites(calls: readonly CallInfo[], ctx: ResolveContext): void {
    for (const info of calls) {
      if (info.name !== 'Set' && info.name !== 'Add') continue;
      const parts = info.parts;
      if (!parts || parts.args.length !== 2) continue;
      const receiver = calleeReceiver(parts.fn);
      const key = receiver ? this.key(receiver) : undefined;
      const k = plainString(parts.args[0]);
      if (key && k !== undefined) this.byKey.get(key)!.push({ name: k, value: resolveString(parts.args[1], ctx), span: span(info.call), origin: 'search-params' });
    }
  }

  /** The variable a use refers to, when it is a url.Values. */
  key(use: SyntaxNode): string | undefined {
    if (use.type !== 'identifier') return undefined;
    for (const scope of this.functions.chain(use.startIndex)) if (this.byKey.has(`${scope}:${use.text}`)) return `${scope}:${use.text}`;
    return undefined;
  }

  entries(key: string): readonly QueryParam[] {
    return this.byKey.get(key) ?? [];
  }
}
