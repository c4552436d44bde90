/**
 * Provider-rule facts for curl/wget commands: the URL's path and query, a JSON body given with
 * `-d`/`--data`/`--json`, and whether the command repeats (`for`, `while read`, `xargs curl`).
 */
import type { SyntaxNode, Tree } from '../parser';
import { addressOf, jsonValueFromParts, queryInUrl, type ProviderSiteFacts } from '../providerSites';
import { lazyFacts } from '../providerLoops';
import { hasOption, optionArgs, type ShellArgument } from './commands';
import type { ShellFacts, ShellSite } from './facts';

/** Options whose value is the body as written (not form fields, not URL-encoded pairs). */
const RAW_BODY = ['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--json', '--post-data', '--body-data'];
const LOOPS = new Set(['for_statement', 'c_style_for_statement', 'while_statement']);

export function shellProviderSites(tree: Tree, facts: ShellFacts, text: string): ProviderSiteFacts[] {
  return facts.shSites.filter((s) => s.urlArg).map((ss) => lazyFacts({
    method: ss.site.method,
    url: addressOf(ss.site.url),
    span: ss.site.span,
    query: () => queryInUrl(ss.site.url),
    body: () => body(ss),
    inLoop: () => inLoop(ss, tree, text),
  }));
}

function body(ss: ShellSite): ReturnType<typeof jsonValueFromParts> {
  // `curl -G -d …` sends the data in the query string.
  if (hasOption(ss.command, ['-G', '--get'])) return undefined;
  const data: ShellArgument | undefined = optionArgs(ss.command, RAW_BODY)[0];
  return data ? jsonValueFromParts(data.parts) : undefined;
}

function inLoop(ss: ShellSite, tree: Tree, text: string): boolean {
  const cmd = ss.command;
  // `xargs -I{} curl …/{}/export`: one curl per input line.
  if (/(^|[\s/])xargs(\s|$)/.test(text.slice(cmd.node.startIndex, cmd.toolWord.startIndex))) return true;
  let n: SyntaxNode | null = tree.rootNode.descendantForIndex(cmd.node.startIndex, cmd.node.endIndex);
  for (; n; n = n.parent) if (LOOPS.has(n.type)) return true;
  return false;
}
