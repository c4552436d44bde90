/**
 * The request sites of a syntax tree, as the editor shows them (hovers, code lens, provider of a
 * status check), read with the analyzer's own front end. Pure: the tree is the document's cached one.
 */
import { collectFacts } from '../../core/javascript/facts';
import type { Grammar, Tree } from '../../core/parser';
import { goRequestSites } from '../../core/go/analyze';
import { pythonRequestSites } from '../../core/python/analyze';
import { shellRequestSites } from '../../core/shell/analyze';
import type { Span } from '../../core/model';
import type { Movable } from '../../core/findingsTracker';
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

/**
 * The sites of the top-level statements around `changed` (the keystroke path, as for findings);
 * undefined where only the whole tree can answer (languages without a region path, or a text the
 * parser could not make a program of).
 */
export function regionSitesInTree(tree: Tree, grammar: Grammar, settings: Pick<ApiDoctorSettings, 'clients' | 'secretParamNames'>, text: string, changed: Span): { items: SiteSummary[]; region: Span } | undefined {
  if (!JAVASCRIPT_GRAMMARS.has(grammar) || tree.rootNode.type === 'ERROR') return undefined;
  const facts = collectFacts(tree, settings.clients, text, changed);
  const region = facts.region!;
  const inRegion = facts.sites.filter((s) => s.span.start >= region.start && s.span.start < region.end);
  return { items: inRegion.map((s) => summariseSite(s, settings.secretParamNames)), region };
}

/** How a site moves with the edits around it (see core/findingsTracker.ts). */
export const MOVABLE_SITES: Movable<SiteSummary> = {
  spans: (s) => (s.urlSpan ? [s.span, s.urlSpan] : [s.span]),
  moved: (s, [span, urlSpan]) => ({ ...s, span, ...(urlSpan ? { urlSpan } : {}) }),
};
