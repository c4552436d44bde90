/**
 * Provider-rule facts for Python request sites: `json={…}` / `data=json.dumps({…})` / a JSON
 * string as a plain value, `params={…}`, and whether the call repeats (`for`, `while`, a
 * comprehension, `map(lambda …)`, `asyncio.gather(*(… for …))`, or a function called there).
 */
import type { SyntaxNode, Tree } from '../parser';
import type { Span } from '../model';
import { addressOf, jsonValueFromParts, siteQuery, type ProviderSiteFacts, type StaticEntry, type StaticValue } from '../providerSites';
import { calleeCalledInLoop, lazyFacts, loopSearch, type LoopSearch } from '../providerLoops';
import type { PythonFacts, PythonSite } from './facts';
import { named, numberValue, plainString, span, unwrap } from './syntax';
import { resolveDict, resolveString, type ResolveContext } from './values';

const MAX_DEPTH = 8;
const BODY_KEYWORDS = ['json', 'data', 'content', 'body'];
const COMPREHENSIONS = new Set(['list_comprehension', 'generator_expression', 'set_comprehension', 'dictionary_comprehension']);

export function pythonProviderSites(tree: Tree, facts: PythonFacts, text: string): ProviderSiteFacts[] {
  return facts.pySites.filter((s) => !s.shape.config).map((ps) => lazyFacts({
    method: ps.site.method,
    url: addressOf(ps.site.url),
    span: ps.site.span,
    query: () => siteQuery(ps.site.url, ps.site.query),
    body: () => body(ps, facts.ctx),
    inLoop: () => inLoop(ps.call, tree, text, loopSearch()),
  }));
}


function body(ps: PythonSite, ctx: ResolveContext): StaticValue | undefined {
  const keyword = BODY_KEYWORDS.find((k) => k !== ps.shape.queryKeyword && ps.shape.args.keywords.has(k));
  const node = keyword ? ps.shape.args.keywords.get(keyword) : undefined;
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === 'string' || n.type === 'concatenated_string' || n.type === 'identifier') {
    const json = jsonValueFromParts(resolveString(n, ctx).parts);
    if (json) return json;
  }
  return pyValue(n, ctx, 0);
}

function pyValue(raw: SyntaxNode, ctx: ResolveContext, depth: number): StaticValue {
  const node = unwrap(raw);
  const at = span(node);
  if (depth > MAX_DEPTH) return { kind: 'unknown', span: at };
  switch (node.type) {
    case 'string':
    case 'concatenated_string': {
      const value = plainString(node);
      return value === undefined ? { kind: 'unknown', span: at } : { kind: 'scalar', value, span: at };
    }
    case 'integer':
    case 'float':
    case 'unary_operator': {
      const value = numberValue(node);
      return value === undefined ? { kind: 'unknown', span: at } : { kind: 'scalar', value, span: at };
    }
    case 'true': return { kind: 'scalar', value: true, span: at };
    case 'false': return { kind: 'scalar', value: false, span: at };
    case 'none': return { kind: 'scalar', value: null, span: at };
    case 'list':
    case 'tuple': {
      const items: StaticValue[] = [];
      for (const c of named(node)) {
        if (c.type === 'comment') continue;
        if (c.type === 'list_splat') return { kind: 'unknown', span: at };
        items.push(pyValue(c, ctx, depth + 1));
      }
      return { kind: 'array', items, span: at };
    }
    case 'dictionary': {
      const entries: StaticEntry[] = [];
      let open = false;
      for (const c of named(node)) {
        if (c.type === 'pair') {
          const key = plainString(c.childForFieldName('key'));
          const v = c.childForFieldName('value');
          if (key === undefined || !v) open = true;
          else entries.push({ key, value: pyValue(v, ctx, depth + 1) });
        } else if (c.type === 'dictionary_splat') {
          const inner = named(c)[0];
          const spread = inner ? pyValue(inner, ctx, depth + 1) : undefined;
          if (spread?.kind === 'object') {
            entries.push(...spread.entries);
            open ||= spread.open;
          } else open = true;
        } else if (c.type !== 'comment') open = true;
      }
      return { kind: 'object', entries, open, span: at };
    }
    case 'call': {
      const fn = node.childForFieldName('function')?.text.replace(/\s+/g, '');
      const first = named(node.childForFieldName('arguments'))[0];
      // json.dumps({…}) sends the dict's JSON; dict(a=1) is a dict.
      if ((fn === 'json.dumps' || fn === 'dumps') && first && first.type !== 'keyword_argument') return pyValue(first, ctx, depth + 1);
      if (fn === 'dict') {
        const entries = resolveDict(node, ctx);
        if (entries) return { kind: 'object', entries: entries.map((e) => ({ key: e.key, value: pyValue(e.value, ctx, depth + 1) })), open: false, span: at };
      }
      return { kind: 'unknown', span: at };
    }
    case 'identifier':
    case 'attribute': {
      const b = ctx.scopes.lookup(node);
      if (b.kind !== 'value') return { kind: 'unknown', span: at };
      return atUse(pyValue(b.value, ctx, depth + 1), at);
    }
  }
  return { kind: 'unknown', span: at };
}

function atUse(v: StaticValue, use: Span): StaticValue {
  return v.kind === 'scalar' || v.kind === 'unknown' ? { ...v, span: use } : v;
}

/** True when the call runs once per item of a loop, a comprehension, `map(…)`, or a function called there. */
function inLoop(call: SyntaxNode, tree: Tree, text: string, search: LoopSearch): boolean {
  let child = call;
  for (let n = call.parent; n; child = n, n = n.parent) {
    if (n.type === 'for_statement') {
      // `for x in requests.get(…).json()`: the list is read once.
      if (n.childForFieldName('right')?.id === child.id) continue;
      return true;
    }
    if (n.type === 'while_statement') return true;
    if (COMPREHENSIONS.has(n.type)) {
      // The first `for … in <iterable>` is read once; the element expression runs per item.
      const firstClause = named(n).find((c) => c.type === 'for_in_clause');
      if (firstClause && child.id === firstClause.id) continue;
      return true;
    }
    if (n.type === 'lambda') {
      const args = n.parent;
      const caller = args?.type === 'argument_list' ? args.parent : null;
      if (caller?.type === 'call' && caller.childForFieldName('function')?.text === 'map') return true;
      return false;
    }
    if (n.type === 'function_definition') {
      const name = n.childForFieldName('name')?.text;
      return name !== undefined && calleeCalledInLoop(name, n, tree, text, search, (c, s) => inLoop(c, tree, text, s));
    }
  }
  return false;
}
