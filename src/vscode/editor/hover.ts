/**
 * Hovers: on a finding (what, why, the provider's rule, fix, docs), on a request site (provider,
 * endpoint, auth sent, rate limit, retry policy) and on a status check (what the status means for
 * the provider called nearby). The Markdown comes from the pure builders in hoverMarkdown.ts.
 */
import * as vscode from 'vscode';
import { findProvider } from '../../catalog/match';
import { findStatusCheck } from '../../core/statusChecks';
import type { DiagnosticsController } from '../diagnostics';
import type { EditorCatalogs } from './catalogs';
import { findingHover, siteHover, statusHover } from './hoverMarkdown';
import type { OpenTrees } from './openTrees';
import { siteForOffset } from './siteForOffset';

export class ApiDoctorHover implements vscode.HoverProvider {
  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly trees: OpenTrees,
    private readonly catalogs: EditorCatalogs,
  ) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.diagnostics.wants(doc)) return undefined;
    const offset = doc.offsetAt(position);
    const { sites, enclosing } = await this.trees.sitesFor(doc, offset);
    if (token.isCancellationRequested) return undefined;
    const catalogs = this.catalogs.all;
    const providerAt = (at: number) => {
      const site = siteForOffset(sites, at, enclosing);
      return site?.url ? findProvider(catalogs, site.url) : undefined;
    };
    const parts: vscode.MarkdownString[] = [];
    let range: vscode.Range | undefined;

    for (const f of this.diagnostics.findingsFor(doc)) {
      if (offset < f.start || offset > f.end) continue;
      parts.push(markdown(findingHover(f, providerAt(f.start), vscode.l10n.t)));
      range ??= new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end));
    }

    const check = findStatusCheck(doc.getText(), offset);
    if (check) {
      parts.push(markdown(statusHover(check.status, providerAt(check.start), catalogs, vscode.l10n.t)));
      range ??= new vscode.Range(doc.positionAt(check.start), doc.positionAt(check.end));
    }

    if (parts.length === 0) {
      // Over the callee or the URL of a request: the innermost such call.
      const site = sites
        .filter((s) => offset >= s.span.start && offset <= (s.urlSpan?.end ?? s.span.end))
        .sort((a, b) => b.span.start - a.span.start)[0];
      if (site) {
        parts.push(markdown(siteHover(site, site.url ? findProvider(catalogs, site.url) : undefined, vscode.l10n.t)));
        range = new vscode.Range(doc.positionAt(site.span.start), doc.positionAt(site.urlSpan?.end ?? site.span.end));
      }
    }
    return parts.length > 0 ? new vscode.Hover(parts, range) : undefined;
  }
}

function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text);
  // Links to the README only; no commands, no HTML from catalog text.
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
