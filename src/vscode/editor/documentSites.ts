/**
 * The request sites of a syntax tree, as the editor shows them (hovers, code lens, provider of a
 * status check), read with the analyzer's own front end. Pure: the tree is the document's cached one.
 */
import { collectFacts } from '../../core/javascript/facts';
import type { Grammar, Tree } from '../../core/parser';
import { goRequestSites } from '../../core/go/analyze';
import { pythonRequestSites } from '../../core/python/analyze';
import { shellRequestSites } from '../../core/shell/analyze';
import type { ApiDoctorSettings } from '../../core/settings';
import { summariseSite, type SiteSummary } from './siteSummary';

const JAVASCRIPT_GRAMMARS = new Set<Grammar>(['javascript', 'typescript', 'tsx']);

export function sitesInTree(tree: Tree, grammar: Grammar, settings: Pick<ApiDoctorSettings, 'clients' | 'secretParamNames'>): SiteSummary[] {
  if (grammar === 'python') return pythonRequestSites(tree, tree.rootNode.text, settings.clients).map((s) => summariseSite(s, settings.secretParamNames));
  if (grammar === 'bash') return shellRequestSites(tree, tree.rootNode.text).map((s) => summariseSite(s, settings.secretParamNames));
  if (grammar === 'go') return goRequestSites(tree).map((s) => summariseSite(s, settings.secretParamNames));
  // Other languages join here as the analyzer gains their front ends.
  if (!JAVASCRIPT_GRAMMARS.has(grammar)) return [];
  return collectFacts(tree, settings.clients).sites.map((s) => summariseSite(s, settings.secretParamNames));
}
