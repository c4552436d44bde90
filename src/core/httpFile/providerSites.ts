/**
 * Provider-rule facts for `.http` / `.rest` requests: the request line's URL (with query
 * continuation lines) and a JSON body; `{{var}}` references resolve as for the other rules. A
 * request in a `.http` file is sent once, so it never counts as repeated.
 */
import type { RequestSite } from '../model';
import { addressOf, jsonValueFromParts, queryInUrl, type ProviderSiteFacts } from '../providerSites';
import { lazyFacts } from '../providerLoops';
import type { HttpFile } from './parse';
import { FileVariables, resolveHttpText } from './values';

/** `sites` are the file's request sites, one per request, in the same order as `file.requests`. */
export function httpProviderSites(file: HttpFile, sites: readonly RequestSite[]): ProviderSiteFacts[] {
  const variables = new FileVariables(file.variables);
  return file.requests.map((request, i) => {
    const site = sites[i];
    return lazyFacts({
      method: site.method,
      url: addressOf(site.url),
      span: site.span,
      query: () => queryInUrl(site.url),
      body: () => (request.body ? jsonValueFromParts(resolveHttpText(request.body, variables, 'url')) : undefined),
      inLoop: () => false,
    });
  });
}
