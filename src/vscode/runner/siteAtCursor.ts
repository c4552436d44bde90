/** The analyzer's request site under the cursor, as `apiDoctor.sendRequest` arguments (URL holes as `{name}`). */
import type * as vscode from 'vscode';
import type { SiteSummary } from '../editor/siteSummary';

export interface SiteSource {
  sitesFor(doc: vscode.TextDocument, offset?: number): Promise<{ sites: SiteSummary[] }>;
}

export function siteAtCursor(source: SiteSource): (doc: vscode.TextDocument, offset: number) => Promise<unknown> {
  return async (doc, offset) => {
    const { sites } = await source.sitesFor(doc, offset);
    const inside = sites.filter((s) => s.span.start <= offset && offset <= s.span.end);
    const site = inside.sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];
    if (!site?.url) return undefined;
    // Headers with unknown parts would be sent as `{name}`: leave them out, as credentials are.
    const headers = Object.fromEntries(site.headers.filter((h) => !h.dynamic).map((h) => [h.name, h.value]));
    return { method: site.method, url: site.url, headers };
  };
}
