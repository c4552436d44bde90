/**
 * A per-file table of variable declarations, built once from the collection pass, so that a use of
 * a name can be followed to its single value: `const`, or `let`/`var` that is never reassigned.
 *
 * Scopes come from the same query's captures (blocks, functions) in document order, never from
 * walking `parent` links: in this tree-sitter build `parent` descends from the root each time.
 */
import type { SyntaxNode } from '../parser';

export interface Declaration {
  name: string;
  declarator: SyntaxNode;
  /** The initial value; for `const { KEY } = obj` the object (`obj`) with `property` set. */
  value?: SyntaxNode;
  /** Set for a destructured name: the property it was read from. */
  property?: string;
  /** `const`, or a `let`/`var` never assigned again anywhere in the file. */
  single: boolean;
  scopeStart: number;
  scopeEnd: number;
}

export type Lookup =
  | { kind: 'declaration'; declaration: Declaration }
  | { kind: 'parameter' }
  | { kind: 'unknown' };

interface Range {
  start: number;
  end: number;
}

export class SymbolTable {
  /** `${scopeStart} ${name}` → the declarations of that name directly in that scope. */
  private readonly byScope = new Map<string, Declaration[]>();
  /** Every block and function in document order, each with the index of the one around it. */
  private readonly allBlocks: { start: number; end: number; parent: number }[] = [];
  private readonly openBlocks: number[] = [];
  private readonly reassigned = new Set<string>();
  /** Open scopes around the current capture, innermost last. */
  private readonly blocks: Range[] = [];
  private readonly functions: Range[] = [];

  /** Call for every capture in document order before using it, so the open scopes are right. */
  advanceTo(offset: number): void {
    while (this.blocks.length > 0 && this.blocks[this.blocks.length - 1].end <= offset) {
      this.blocks.pop();
      this.openBlocks.pop();
    }
    while (this.functions.length > 0 && this.functions[this.functions.length - 1].end <= offset) this.functions.pop();
  }

  enterBlock(node: SyntaxNode): void {
    this.advanceTo(node.startIndex);
    this.pushBlock({ start: node.startIndex, end: node.endIndex });
  }

  private pushBlock(range: Range): void {
    const parent = this.openBlocks.length > 0 ? this.openBlocks[this.openBlocks.length - 1] : -1;
    this.allBlocks.push({ ...range, parent });
    this.openBlocks.push(this.allBlocks.length - 1);
    this.blocks.push(range);
  }

  /** A function: a scope whose parameters are read only when a lookup needs them. */
  enterFunction(node: SyntaxNode): void {
    this.advanceTo(node.startIndex);
    const range = { start: node.startIndex, end: node.endIndex };
    this.pushBlock(range);
    this.functions.push(range);
    this.addBinder(node);
  }

  enterCatch(node: SyntaxNode): void {
    this.addBinder(node);
  }

  /** Functions and catch clauses in document order, each with the index of the one around it. */
  private readonly functionNodes: { start: number; end: number; node: SyntaxNode; parent: number; names?: string[] }[] = [];
  private readonly openBinders: number[] = [];

  private addBinder(node: SyntaxNode): void {
    const start = node.startIndex;
    while (this.openBinders.length > 0 && this.functionNodes[this.openBinders[this.openBinders.length - 1]].end <= start) this.openBinders.pop();
    const parent = this.openBinders.length > 0 ? this.openBinders[this.openBinders.length - 1] : -1;
    this.functionNodes.push({ start, end: node.endIndex, node, parent });
    this.openBinders.push(this.functionNodes.length - 1);
  }

  /** The innermost function or catch clause around an offset, or -1. */
  private binderAt(at: number): number {
    let lo = 0;
    let hi = this.functionNodes.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.functionNodes[mid].start <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    while (found >= 0 && this.functionNodes[found].end <= at) found = this.functionNodes[found].parent;
    return found;
  }

  /** Whether a function or catch clause binds `name` as a parameter (names computed on first need). */
  private bindsParameter(fn: { node: SyntaxNode; names?: string[] }, name: string): boolean {
    if (!fn.names) {
      const n = fn.node;
      const params = n.type === 'catch_clause' ? n.childForFieldName('parameter') : n.childForFieldName('parameters') ?? n.childForFieldName('parameter');
      fn.names = !params ? [] : params.type === 'identifier' ? [params.text] : boundNames(params);
    }
    return fn.names.includes(name);
  }

  /** Records an assignment target (`x = …`, `x += …`, `x++`): such a `let` has no single value. */
  noteAssignment(target: SyntaxNode | null): void {
    if (target?.type === 'identifier') this.reassigned.add(target.text);
  }

  private current: { end: number; kind: string; scopeStart: number; scopeEnd: number } | undefined;

  /**
   * A `lexical_declaration` or `variable_declaration`; `keyword` is `const`, `let` or `var` (read from
   * the text by the caller). Its declarators follow as separate captures.
   */
  enterDeclaration(declaration: SyntaxNode, keyword: string): void {
    this.advanceTo(declaration.startIndex);
    const scopes = keyword === 'var' ? this.functions : this.blocks;
    const scope = scopes[scopes.length - 1];
    this.current = { end: declaration.endIndex, kind: keyword, scopeStart: scope?.start ?? -1, scopeEnd: scope?.end ?? Number.MAX_SAFE_INTEGER };
  }

  /** A declarator inside the last declaration (a `for (const x of …)` binding has none). */
  addDeclarator(declarator: SyntaxNode, name: SyntaxNode | null, value: SyntaxNode | undefined): void {
    const c = this.current;
    if (!c || declarator.startIndex >= c.end || !name) return;
    const base = { declarator, scopeStart: c.scopeStart, scopeEnd: c.scopeEnd, single: c.kind === 'const' };
    if (name.type === 'identifier') {
      this.push({ ...base, name: name.text, value });
    } else if (name.type === 'object_pattern' && value) {
      for (const p of name.namedChildren) {
        if (p?.type === 'shorthand_property_identifier_pattern') {
          this.push({ ...base, name: p.text, value, property: p.text });
        } else if (p?.type === 'pair_pattern') {
          const key = p.childForFieldName('key');
          const local = p.childForFieldName('value');
          if (key && local?.type === 'identifier') this.push({ ...base, name: local.text, value, property: unquote(key.text) });
        }
      }
    }
  }

  private push(d: Declaration): void {
    const key = `${d.scopeStart} ${d.name}`;
    const list = this.byScope.get(key);
    if (list) {
      // Declared twice in one scope (`var`): no single value. Only the first entry can still be
      // single; walking the whole list on each push made `var a=…;` × 100,000 (a bundle) quadratic.
      list[0].single = false;
      d.single = false;
      list.push(d);
    } else this.byScope.set(key, [d]);
  }

  /** Call after all declarations and assignments are in. */
  seal(): void {
    if (this.reassigned.size === 0) return;
    for (const list of this.byScope.values()) {
      for (const d of list) if (this.reassigned.has(d.name)) d.single = false;
    }
  }

  /** The innermost block or function around an offset, or -1 (module scope). */
  private blockAt(at: number): number {
    let lo = 0;
    let hi = this.allBlocks.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.allBlocks[mid].start <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    while (found >= 0 && this.allBlocks[found].end <= at) found = this.allBlocks[found].parent;
    return found;
  }

  /** What an identifier at `use` refers to. */
  lookup(use: SyntaxNode): Lookup {
    const name = use.text;
    const at = use.startIndex;
    let best: Declaration | undefined;
    for (let i = this.blockAt(at); !best; i = this.allBlocks[i].parent) {
      best = this.byScope.get(`${i >= 0 ? this.allBlocks[i].start : -1} ${name}`)?.[0];
      if (i < 0) break;
    }
    // A parameter of a function inside the declaration's scope (and around the use) shadows it.
    for (let i = this.binderAt(at); i >= 0; i = this.functionNodes[i].parent) {
      const fn = this.functionNodes[i];
      if (best && !(fn.start >= best.scopeStart && fn.end <= best.scopeEnd)) break;
      if (this.bindsParameter(fn, name)) return { kind: 'parameter' };
    }
    return best ? { kind: 'declaration', declaration: best } : { kind: 'unknown' };
  }
}

/** The names a parameter list or pattern binds (identifiers, destructuring, defaults, rest). */
function boundNames(node: SyntaxNode, out: string[] = []): string[] {
  for (const c of node.namedChildren) {
    if (!c) continue;
    switch (c.type) {
      case 'identifier':
      case 'shorthand_property_identifier_pattern':
        out.push(c.text);
        break;
      case 'required_parameter':
      case 'optional_parameter': {
        const p = c.childForFieldName('pattern') ?? c.namedChildren[0];
        if (p?.type === 'identifier') out.push(p.text);
        else if (p) boundNames(p, out);
        break;
      }
      case 'assignment_pattern': {
        const left = c.childForFieldName('left');
        if (left?.type === 'identifier') out.push(left.text);
        else if (left) boundNames(left, out);
        break;
      }
      case 'object_pattern':
      case 'array_pattern':
      case 'rest_pattern':
        boundNames(c, out);
        break;
      case 'pair_pattern': {
        const v = c.childForFieldName('value');
        if (v?.type === 'identifier') out.push(v.text);
        else if (v) boundNames(v, out);
        break;
      }
    }
  }
  return out;
}

export function unquote(s: string): string {
  return /^(['"`]).*\1$/s.test(s) ? s.slice(1, -1) : s;
}
