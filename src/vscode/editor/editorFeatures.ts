/**
 * Creates the editor experience (diagnostics, hovers, quick fixes, code lens, status bar, workspace
 * scan and their commands) and keeps it in step with the settings, live.
 */
import * as vscode from 'vscode';
import { ANALYZED_LANGUAGES } from '../../core/analyze';
import { providerRulesFor } from '../../catalog/providerRules';
import { DiagnosticsController } from '../diagnostics';
import { CONFIG_SECTION, Settings } from '../ids';
import { readCatalogPaths, readSettings } from '../settings';
import { AnalysisWorker } from './analysisWorker';
import { EditorCatalogs } from './catalogs';
import { ApiDoctorCodeActions } from './codeActions';
import { SendRequestLens } from './codeLens';
import { registerEditorCommands } from './commands';
import { ApiDoctorHover } from './hover';
import { OpenTrees } from './openTrees';
import { FindingsStatusBar } from './statusBar';
import { WorkspaceConfigFiles } from './workspaceConfig';
import { WorkspaceScan } from './workspaceScan';

export interface EditorFeatures {
  diagnostics: DiagnosticsController;
  /** The built-in catalogs, loaded on first use; shared with the request runner. */
  catalogs: EditorCatalogs;
  trees: OpenTrees;
  statusBar: FindingsStatusBar;
  scan: WorkspaceScan;
  /** Whole analyses of large documents, off the extension host's thread. */
  analysisWorker: AnalysisWorker;
}

export function registerEditorFeatures(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): EditorFeatures {
  const settings = readSettings();
  const trees = new OpenTrees(() => diagnostics.current);
  const configs = new WorkspaceConfigFiles(log);
  const catalogs = new EditorCatalogs(context.extensionUri, log, () => [...readCatalogPaths(), ...configs.catalogPaths()]);
  const cliBundle = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
  const analysisWorker = new AnalysisWorker(cliBundle);
  const diagnostics: DiagnosticsController = new DiagnosticsController(settings, trees, log, (uri) => configs.configFor(uri), () => providerRulesFor(catalogs.all), {
    pool: analysisWorker,
    catalogPaths: () => catalogs.userCatalogPaths(),
  });
  const codeActions = new ApiDoctorCodeActions(diagnostics, trees);
  const lens = new SendRequestLens(diagnostics, trees);
  const statusBar = new FindingsStatusBar((doc) => diagnostics.skipReason(doc));
  const scan = new WorkspaceScan(diagnostics, configs, log, catalogs, cliBundle);
  statusBar.setEnabled(settings.enable);

  // Every language the analyzer knows; `apiDoctor.languages` narrows it inside the providers.
  const selector: vscode.DocumentSelector = ANALYZED_LANGUAGES.flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ]);
  // Lint again once the config files are read (and whenever one changes).
  void configs.loadAll().then(() => diagnostics.updateSettings(diagnostics.current));
  context.subscriptions.push(
    configs,
    configs.onDidChange(() => {
      catalogs.reload();
      diagnostics.updateSettings(diagnostics.current);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${CONFIG_SECTION}.${Settings.catalogs}`)) catalogs.reload();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => catalogs.reload()),
    trees,
    diagnostics,
    analysisWorker,
    statusBar,
    scan,
    lens,
    vscode.languages.registerHoverProvider(selector, new ApiDoctorHover(diagnostics, trees, catalogs)),
    vscode.languages.registerCodeActionsProvider(selector, codeActions, ApiDoctorCodeActions.metadata),
    vscode.languages.registerCodeLensProvider(selector, lens),
    scan.onDidChangeScanning((on) => statusBar.setScanning(on)),
    diagnostics.onDidChangeFindings(() => statusBar.refresh()),
    ...registerEditorCommands(context.extensionUri, scan, codeActions),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(CONFIG_SECTION)) return;
      const next = readSettings();
      trees.clearSites();
      diagnostics.updateSettings(next);
      statusBar.setEnabled(next.enable);
      lens.refresh();
      if (!next.enable) scan.clear();
    }),
  );
  return { diagnostics, catalogs, trees, statusBar, scan, analysisWorker };
}
