/**
 * Provider-rule facts for JavaScript/TypeScript request sites: the body as a plain value (object
 * literals, `JSON.stringify({…})`, constants, JSON text) and whether the call repeats in a loop
 * (`for`, `while`, `ids.map(…)`, `forEach`, `Promise.all(ids.map(…))`, or a function called there).
 * Body and loop are read lazily: only for sites whose URL a catalog cares about.
 */
import type { SyntaxNode, Tree } from '../parser';
import type { RequestSite, Span } from '../model';
import { addressOf, jsonValueFromParts, literalText, siteQuery, type ProviderSiteFacts, type StaticEntry, type StaticValue } from '../providerSites';
import { calleeCalledInLoop, lazyFacts, loopSearch, type LoopSearch } from '../providerLoops';
import { declaredValue, resolveObject, resolveString, span, unwrap, type ResolveContext } from './values';
import { unquote } from './symbols';

const MAX_DEPTH = 8;
const LOOP_STATEMENTS = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);
const FUNCTIONS = new Set(['function_declaration', 'generator_function_declaration', 'function_expression', 'function', 'generator_function', 'arrow_function', 'method_definition']);
/** Array methods that call their callback once per item. */
const PER_ITEM = new Set(['map', 'forEach', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex']);

export function jsProviderSites(tree: Tree, sites: readonly RequestSite[], ctx: ResolveContext, text: string): ProviderSiteFacts[] {
  return sites.map((site) => {
    const node = () => tree.rootNode.descendantForIndex(site.span.start, site.span.end);
    return lazyFacts({
      method: site.method,
      url: addressOf(site.url),
      span: site.span,
      query: () => siteQuery(site.url, site.query),
      body: () => {
        if (!site.body) return undefined;
        const b = tree.rootNode.descendantForIndex(site.body.start, site.body.end);
        return b ? bodyValue(b, ctx) : undefined;
      },
      inLoop: () => {
        const n = node();
        return n ? inLoop(n, tree, text, loopSearch()) : false;
      },
    });
  });
}


/** A body: a value, where a string holding JSON text is read as JSON. */
export function bodyValue(node: SyntaxNode, ctx: ResolveContext): StaticValue {
  const n = unwrap(node);
  if (n.type === 'string' || n.type === 'template_string' || n.type === 'identifier') {
    const s = resolveString(n, ctx);
    const json = jsonValueFromParts(s.parts);
    if (json) return json;
  }
  return jsValue(n, ctx, 0);
}

function jsValue(raw: SyntaxNode, ctx: ResolveContext, depth: number): StaticValue {
  const node = unwrap(raw);
  const at = span(node);
  if (depth > MAX_DEPTH) return { kind: 'unknown', span: at };
  switch (node.type) {
    case 'string':
    case 'template_string': {
      const value = literalText(resolveString(node, ctx).parts);
      return value === undefined ? { kind: 'unknown', span: at } : { kind: 'scalar', value, span: at };
    }
    case 'number': {
      const value = Number(node.text.replace(/_/g, ''));
      return Number.isFinite(value) ? { kind: 'scalar', value, span: at } : { kind: 'unknown', span: at };
    }
    case 'true': return { kind: 'scalar', value: true, span: at };
    case 'false': return { kind: 'scalar', value: false, span: at };
    case 'null': return { kind: 'scalar', value: null, span: at };
    case 'array': {
      const items: StaticValue[] = [];
      for (const c of node.namedChildren) {
        if (!c || c.type === 'comment') continue;
        // `[...ids]`: as many items as the list has at run time.
        if (c.type === 'spread_element') return { kind: 'unknown', span: at };
        items.push(jsValue(c, ctx, depth + 1));
      }
      return { kind: 'array', items, span: at };
    }
    case 'object':
      return objectValue(node, ctx, depth);
    case 'identifier': {
      const dv = declaredValue(node, ctx);
      if (!dv) return { kind: 'unknown', span: at };
      if (dv.property !== undefined) {
        const entry = resolveObject(dv.value, ctx)?.find((e) => e.key === dv.property);
        return entry?.value ? atUse(jsValue(entry.value, ctx, depth + 1), at) : { kind: 'unknown', span: at };
      }
      return atUse(jsValue(dv.value, ctx, depth + 1), at);
    }
    case 'member_expression': {
      const obj = node.childForFieldName('object');
      const prop = node.childForFieldName('property')?.text;
      const entry = obj && prop ? resolveObject(obj, ctx)?.find((e) => e.key === prop) : undefined;
      return entry?.value ? atUse(jsValue(entry.value, ctx, depth + 1), at) : { kind: 'unknown', span: at };
    }
    case 'call_expression': {
      // JSON.stringify({…}) sends the object's JSON: the same fields.
      const fn = node.childForFieldName('function');
      const arg = node.childForFieldName('arguments')?.namedChildren[0];
      if (fn && fn.text.replace(/\s+/g, '') === 'JSON.stringify' && arg) return jsValue(arg, ctx, depth + 1);
      return { kind: 'unknown', span: at };
    }
    case 'new_expression': {
      const ctor = node.childForFieldName('constructor')?.text;
      const arg = node.childForFieldName('arguments')?.namedChildren[0];
      if (ctor === 'URLSearchParams' && arg) return jsValue(arg, ctx, depth + 1);
      return { kind: 'unknown', span: at };
    }
  }
  return { kind: 'unknown', span: at };
}

/** A value read through a name is shown at the name, unless it is a list or object written elsewhere. */
function atUse(v: StaticValue, use: Span): StaticValue {
  return v.kind === 'scalar' || v.kind === 'unknown' ? { ...v, span: use } : v;
}

function objectValue(node: SyntaxNode, ctx: ResolveContext, depth: number): StaticValue {
  const entries: StaticEntry[] = [];
  let open = false;
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'pair') {
      const k = c.childForFieldName('key');
      const v = c.childForFieldName('value');
      const key = k ? keyOf(k, ctx) : undefined;
      if (key === undefined || !v) open = true;
      else entries.push({ key, value: jsValue(v, ctx, depth + 1) });
    } else if (c.type === 'shorthand_property_identifier') {
      entries.push({ key: c.text, value: atUse(jsValue(c, ctx, depth + 1), span(c)) });
    } else if (c.type === 'spread_element') {
      const inner = c.namedChildren[0];
      const spread = inner ? jsValue(inner, ctx, depth + 1) : undefined;
      if (spread?.kind === 'object') {
        entries.push(...spread.entries);
        open ||= spread.open;
      } else open = true;
    } else if (c.type !== 'comment') open = true;
  }
  return { kind: 'object', entries, open, span: span(node) };
}

function keyOf(key: SyntaxNode, ctx: ResolveContext): string | undefined {
  if (key.type === 'property_identifier' || key.type === 'number') return key.text;
  if (key.type === 'string') return unquote(key.text);
  if (key.type === 'computed_property_name' && key.namedChildren[0]) return literalText(resolveString(key.namedChildren[0], ctx).parts);
  return undefined;
}

/**
 * True when the call runs once per item: inside a loop's body or condition, in a callback of an
 * array method that calls it per item, or in a function that such a place calls.
 */
function inLoop(call: SyntaxNode, tree: Tree, text: string, search: LoopSearch): boolean {
  let child = call;
  for (let n = call.parent; n; child = n, n = n.parent) {
    if (LOOP_STATEMENTS.has(n.type)) {
      // `for (const x of await list())`: the list is read once.
      if (n.type === 'for_in_statement' && n.childForFieldName('right')?.id === child.id) continue;
      return true;
    }
    if (!FUNCTIONS.has(n.type)) continue;
    const args = n.parent;
    const caller = args?.type === 'arguments' ? args.parent : null;
    if (caller?.type === 'call_expression' && isPerItemCall(caller)) return true;
    // A named function: does a loop call it?
    const name = functionName(n);
    return name !== undefined && calleeCalledInLoop(name, n, tree, text, search, (c, s) => inLoop(c, tree, text, s));
  }
  return false;
}

function isPerItemCall(call: SyntaxNode): boolean {
  const fn = call.childForFieldName('function');
  if (!fn) return false;
  if (fn.type === 'member_expression') {
    const prop = fn.childForFieldName('property')?.text;
    if (prop && PER_ITEM.has(prop)) return true;
  }
  // Array.from({ length: n }, () => fetch(…))
  return fn.text.replace(/\s+/g, '') === 'Array.from';
}

/** `function exportOne`, `const exportOne = async () =>`, `exportOne() {…}` in a class. */
function functionName(fn: SyntaxNode): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  const parent = fn.parent;
  if (parent?.type === 'variable_declarator') return parent.childForFieldName('name')?.text;
  if (parent?.type === 'pair') return parent.childForFieldName('key')?.text;
  return undefined;
}
