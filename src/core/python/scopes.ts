/**
 * Python name bindings per scope (module, function, lambda, class), so that a use of a name can be
 * followed to its single value: a name assigned exactly once in its scope and never rebound
 * (augmented assignment, loop target, `with … as`, import, walrus) resolves to that value.
 * Built from the collection pass's captures; lookups never walk `parent` links.
 */
import type { SyntaxNode } from '../parser';
import { dottedText, named, unwrap } from './syntax';

interface NameRecord {
  values: SyntaxNode[];
  /** Bindings that are not a plain `name = value`. */
  other: number;
  parameter: boolean;
}

interface Scope {
  id: number;
  start: number;
  end: number;
  kind: 'module' | 'function' | 'class';
  names: Map<string, NameRecord>;
}

export type Binding =
  | { kind: 'parameter' }
  | { kind: 'value'; value: SyntaxNode; key: string }
  | { kind: 'unknown' };

function record(map: Map<string, NameRecord>, name: string): NameRecord {
  let r = map.get(name);
  if (!r) {
    r = { values: [], other: 0, parameter: false };
    map.set(name, r);
  }
  return r;
}

/** The innermost value of `a = b = value`. */
function assignedValue(assignment: SyntaxNode): SyntaxNode | undefined {
  let right = assignment.childForFieldName('right') ?? undefined;
  while (right?.type === 'assignment') right = right.childForFieldName('right') ?? undefined;
  return right;
}

export class Scopes {
  private readonly scopes: Scope[];
  /** `self.key = value` and other attribute targets, by their text, file-wide. */
  private readonly attributes = new Map<string, NameRecord>();

  constructor(textLength: number) {
    this.scopes = [{ id: -1, start: 0, end: textLength, kind: 'module', names: new Map() }];
  }

  addScope(node: SyntaxNode): void {
    const kind = node.type === 'class_definition' ? 'class' : 'function';
    this.scopes.push({ id: node.id, start: node.startIndex, end: node.endIndex, kind, names: new Map() });
    if (kind === 'function') {
      const params = node.childForFieldName('parameters');
      for (const p of named(params)) {
        const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? named(p).find((c) => c.type === 'identifier');
        if (id?.type === 'identifier') record(this.scopes[this.scopes.length - 1].names, id.text).parameter = true;
      }
    }
  }

  /** Index of each scope's enclosing scope (after `seal`). */
  private parents: number[] = [];

  /** Call once every scope is added. */
  seal(): void {
    this.scopes.sort((a, b) => a.start - b.start || b.end - a.end);
    const open: number[] = [];
    this.parents = this.scopes.map((s, i) => {
      while (open.length > 0 && this.scopes[open[open.length - 1]].end < s.end) open.pop();
      const parent = open.length > 0 ? open[open.length - 1] : -1;
      open.push(i);
      return parent;
    });
  }

  /** Scopes that contain the node (not the node itself), innermost first. */
  private chain(node: SyntaxNode): Scope[] {
    const start = node.startIndex;
    const end = node.endIndex;
    const id = node.id;
    // The last scope that starts at or before the node, then up through its parents.
    let lo = 0;
    let hi = this.scopes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.scopes[mid].start <= start) lo = mid;
      else hi = mid - 1;
    }
    const out: Scope[] = [];
    for (let i = lo; i >= 0; i = this.parents[i]) {
      const s = this.scopes[i];
      if (s.start <= start && s.end >= end && s.id !== id) out.push(s);
    }
    return out;
  }

  scopeOf(node: SyntaxNode): Scope {
    return this.chain(node)[0];
  }

  /** Notes a binding of every name in a target (`a`, `a, b`, `[a, *b]`, `self.x`). */
  bindTarget(target: SyntaxNode, value: SyntaxNode | undefined, at: SyntaxNode = target): void {
    const t = unwrap(target);
    if (t.type === 'identifier') {
      const r = record(this.scopeOf(at).names, t.text);
      if (value) r.values.push(value);
      else r.other++;
    } else if (t.type === 'attribute') {
      const key = dottedText(t);
      if (!key) return;
      const r = record(this.attributes, key);
      if (value) r.values.push(value);
      else r.other++;
    } else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'list_splat_pattern', 'as_pattern_target'].includes(t.type)) {
      for (const c of named(t)) this.bindTarget(c, undefined, at);
    }
  }

  assignment(node: SyntaxNode, left = node.childForFieldName('left') ?? undefined, first = node.childForFieldName('right') ?? undefined): void {
    // `x: int` declares without binding.
    if (!left || !first) return;
    const value = first.type === 'assignment' ? assignedValue(node) : first;
    if (!value) return;
    this.bindTarget(left, left.type === 'identifier' || left.type === 'attribute' ? value : undefined, node);
    // `a = b = v`: every target takes the value.
    let right: SyntaxNode | null = first;
    while (right?.type === 'assignment') {
      const l = right.childForFieldName('left');
      if (l) this.bindTarget(l, value, node);
      right = right.childForFieldName('right');
    }
  }

  /** A name bound by something other than a plain assignment (import, def, augmented assignment…). */
  rebind(nameNode: SyntaxNode, at: SyntaxNode = nameNode): void {
    this.bindTarget(nameNode, undefined, at);
  }

  /** A module-level name written from inside a function (`global X`). */
  rebindModule(name: string): void {
    record(this.scopes.find((s) => s.id === -1)!.names, name).other++;
  }

  lookup(id: SyntaxNode): Binding {
    if (id.type === 'attribute') {
      const key = dottedText(id);
      const r = key ? this.attributes.get(key) : undefined;
      if (r && r.values.length === 1 && r.other === 0) return { kind: 'value', value: r.values[0], key: `attr:${key}` };
      return { kind: 'unknown' };
    }
    if (id.type !== 'identifier') return { kind: 'unknown' };
    const chain = this.chain(id);
    for (let i = 0; i < chain.length; i++) {
      const s = chain[i];
      // Class bodies are not visible from the methods inside them.
      if (s.kind === 'class' && i > 0) continue;
      const r = s.names.get(id.text);
      if (!r) continue;
      if (r.parameter) return { kind: 'parameter' };
      if (r.values.length === 1 && r.other === 0) return { kind: 'value', value: r.values[0], key: `${s.id}:${id.text}` };
      return { kind: 'unknown' };
    }
    return { kind: 'unknown' };
  }
}
