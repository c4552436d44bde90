/**
 * "API Doctor: Send Request at Cursor": the request site under the cursor when the analyzer knows
 * one, else the URL string literal there; unknown parts of the URL are asked for, then it is sent.
 */
import * as vscode from 'vscode';
import { AUTO_KEY, emptyDraft, splitQuery, type RequestDraft } from '../../protocol/request';
import type { PanelProvider } from '../panel/panelProvider';
import { draftFromArgs } from './draftFromArgs';
import { fillTemplate, urlAtCursor } from './urlAtCursor';

/** The analyzer's request site at an offset, as `apiDoctor.sendRequest` arguments (the editor side provides it). */
export type SiteAtCursor = (doc: vscode.TextDocument, offset: number) => Promise<unknown>;

export async function sendRequestAtCursor(panel: PanelProvider, siteAt?: SiteAtCursor): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Put the cursor on a request or a URL in an editor first.');
    return;
  }
  const doc = editor.document;
  const pos = editor.selection.active;
  let draft: RequestDraft | undefined;
  const site = siteAt ? await siteAt(doc, doc.offsetAt(pos)) : undefined;
  const fromSite = draftFromArgs(site);
  const found = fromSite && fromSite.url ? { template: fromSite.url, method: fromSite.method } : urlAtCursor(doc.lineAt(pos.line).text, pos.character);
  if (!found) {
    void vscode.window.showInformationMessage('No request or URL under the cursor.');
    return;
  }
  const holes = [...new Set([...found.template.matchAll(/\{([\w.-]+)\}/g)].map((m) => m[1]))];
  const values: Record<string, string> = {};
  for (const hole of holes) {
    const v = await vscode.window.showInputBox({
      title: `Send Request at Cursor: value for {${hole}}`,
      prompt: `The URL has a part only known at run time (${hole}). Keys are added from secret storage, not typed here.`,
      ignoreFocusOut: true,
    });
    if (v === undefined) return;
    values[hole] = v;
  }
  const { base, rows } = splitQuery(fillTemplate(found.template, values));
  draft = { ...(fromSite ?? emptyDraft()), method: found.method as RequestDraft['method'], url: base, query: [...(fromSite?.query ?? []), ...rows], key: AUTO_KEY };
  await panel.sendFromHost(draft);
}
