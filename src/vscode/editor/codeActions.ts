/**
 * Quick fixes for API Doctor's diagnostics (the finding's own fix, disable for this line or file,
 * the rule's documentation) and `source.fixAll.apiDoctor` for `editor.codeActionsOnSave`.
 */
import * as vscode from 'vscode';
import { grammarForLanguage } from '../../core/analyze';
import { backoffFixAt } from '../../core/javascript/backoffFix';
import { pythonBackoffFixAt } from '../../core/python/backoffFix';
import { RETRY_WITHOUT_BACKOFF } from '../../core/rules/retryWithoutBackoff';
import type { Finding, Fix, TextEdit } from '../../core/types';
import { ruleIdOf, type DiagnosticsController } from '../diagnostics';
import { Commands } from '../ids';
import { fixAllEdits } from './fixAll';
import type { OpenTrees } from './openTrees';
import { disableForFileEdit, disableForLineEdit } from './suppressions';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('apiDoctor');

export class ApiDoctorCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly diagnostics: DiagnosticsController,
    private readonly trees: OpenTrees,
  ) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    if (context.only) {
      // `source`, `source.fixAll` and `source.fixAll.apiDoctor` (editor.codeActionsOnSave) all want fix-all.
      if (context.only.contains(FIX_ALL_KIND)) {
        const action = await this.fixAllAction(doc);
        return action ? [action] : [];
      }
      if (!context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    }
    const findings = this.diagnostics.findingsFor(doc);
    const text = doc.getText();
    const actions: vscode.CodeAction[] = [];
    const seenRules = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      const ruleId = ruleIdOf(diagnostic);
      if (!ruleId) continue;
      const finding = findings.find((f) => f.ruleId === ruleId && sameRange(doc, f, diagnostic.range));
      const own = finding?.fix ?? (finding && ruleId === RETRY_WITHOUT_BACKOFF ? await this.backoffFix(doc, finding) : undefined);
      if (own) {
        const fix = new vscode.CodeAction(own.title, vscode.CodeActionKind.QuickFix);
        fix.edit = toWorkspaceEdit(doc, own.edits);
        fix.diagnostics = [diagnostic];
        fix.isPreferred = true;
        actions.push(fix);
      }
      const offset = doc.offsetAt(diagnostic.range.start);
      const line = new vscode.CodeAction(vscode.l10n.t('Disable {0} for this line', ruleId), vscode.CodeActionKind.QuickFix);
      line.edit = toWorkspaceEdit(doc, [disableForLineEdit(text, offset, ruleId, doc.languageId)]);
      line.diagnostics = [diagnostic];
      actions.push(line);
      if (seenRules.has(ruleId)) continue;
      seenRules.add(ruleId);
      const file = new vscode.CodeAction(vscode.l10n.t('Disable {0} in this file', ruleId), vscode.CodeActionKind.QuickFix);
      file.edit = toWorkspaceEdit(doc, [disableForFileEdit(text, ruleId, doc.languageId)]);
      file.diagnostics = context.diagnostics.filter((d) => ruleIdOf(d) === ruleId);
      actions.push(file);
      const docs = new vscode.CodeAction(vscode.l10n.t('Show documentation for {0}', ruleId), vscode.CodeActionKind.QuickFix);
      docs.command = { command: Commands.showRuleDocs, title: docs.title, arguments: [ruleId] };
      actions.push(docs);
    }
    if (findings.filter((f) => f.fix).length > 1 && context.diagnostics.some((d) => ruleIdOf(d))) {
      const all = await this.fixAllAction(doc, vscode.CodeActionKind.QuickFix);
      if (all) actions.push(all);
    }
    return actions;
  }

  /** Backoff for a retry loop: built here because it needs the loop's syntax, not only the finding. */
  private async backoffFix(doc: vscode.TextDocument, finding: Finding): Promise<Fix | undefined> {
    const grammar = grammarForLanguage(doc.languageId);
    if (grammar !== 'javascript' && grammar !== 'typescript' && grammar !== 'tsx' && grammar !== 'python') return undefined;
    const tree = await this.trees.treeFor(doc);
    if (!tree) return undefined;
    try {
      if (grammar === 'python') return pythonBackoffFixAt(tree, doc.getText(), finding, this.diagnostics.current.clients);
      return backoffFixAt(tree, doc.getText(), finding, grammar !== 'javascript', this.diagnostics.current.clients);
    } finally {
      tree.delete();
    }
  }

  /** All safe fixes of the document at once; undefined when there is nothing to fix. */
  async fixAllAction(doc: vscode.TextDocument, kind: vscode.CodeActionKind = FIX_ALL_KIND): Promise<vscode.CodeAction | undefined> {
    const edits = fixAllEdits(await this.diagnostics.lintNow(doc));
    if (edits.length === 0) return undefined;
    const action = new vscode.CodeAction(vscode.l10n.t('Fix all auto-fixable API Doctor problems'), kind);
    action.edit = toWorkspaceEdit(doc, edits);
    return action;
  }
}

function sameRange(doc: vscode.TextDocument, f: Finding, range: vscode.Range): boolean {
  return doc.offsetAt(range.start) === f.start && doc.offsetAt(range.end) === f.end;
}

export function toWorkspaceEdit(doc: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
  return edit;
}
