/**
 * Provider-rule facts for Go request sites (`net/http`, resty): the URL with `url.Values` query,
 * a JSON body passed as `strings.NewReader(`…`)` / `bytes.NewBufferString(…)`, and whether the
 * call repeats (a `for` loop, a goroutine started in one, or a function called there).
 */
import type { SyntaxNode, Tree } from '../parser';
import { addressOf, jsonValueFromParts, siteQuery, type ProviderSiteFacts, type StaticValue } from '../providerSites';
import { calleeCalledInLoop, lazyFacts, loopSearch, type LoopSearch } from '../providerLoops';
import type { GoFacts, GoSite } from './facts';
import { callParts, dottedText, unwrap } from './syntax';
import { resolveString, type ResolveContext } from './values';

/** Wrappers that turn text into a request body without changing it. */
const READERS = new Set(['strings.NewReader', 'bytes.NewBufferString', 'bytes.NewReader', 'bytes.NewBuffer', '[]byte']);

export function goProviderSites(tree: Tree, facts: GoFacts, text: string): ProviderSiteFacts[] {
  return facts.goSites.filter((s) => s.site.url).map((gs) => lazyFacts({
    method: gs.site.method,
    url: addressOf(gs.site.url),
    span: gs.site.span,
    query: () => siteQuery(gs.site.url, gs.site.query),
    body: () => body(gs, facts.ctx),
    inLoop: () => inLoop(gs.call, tree, text, loopSearch()),
  }));
}


function body(gs: GoSite, ctx: ResolveContext): StaticValue | undefined {
  const parts = callParts(gs.call);
  if (!parts || gs.client !== 'net/http') return undefined;
  const full = dottedText(parts.fn);
  // http.NewRequest(method, url, body), http.NewRequestWithContext(ctx, method, url, body), http.Post(url, type, body)
  const index = full === 'http.NewRequest' ? 2 : full === 'http.NewRequestWithContext' ? 3 : /\.Post$/.test(full ?? '') ? 2 : -1;
  let node: SyntaxNode | undefined = index >= 0 ? parts.args[index] : undefined;
  for (let d = 0; node && d < 3; d++) {
    const inner = callParts(unwrap(node));
    const name = inner ? (dottedText(inner.fn) ?? inner.fn.text) : undefined;
    if (!inner || !name || !READERS.has(name) || !inner.args[0]) break;
    node = inner.args[0];
  }
  return node ? jsonValueFromParts(resolveString(node, ctx).parts) : undefined;
}

function inLoop(call: SyntaxNode, tree: Tree, text: string, search: LoopSearch): boolean {
  for (let n = call.parent; n; n = n.parent) {
    if (n.type === 'for_statement') return true;
    // A closure runs where it is written (`go func() {…}()` in a loop); a named function where it is called.
    if (n.type === 'function_declaration' || n.type === 'method_declaration') {
      const name = n.childForFieldName('name')?.text;
      return name !== undefined && calleeCalledInLoop(name, n, tree, text, search, (c, s) => inLoop(c, tree, text, s));
    }
  }
  return false;
}
