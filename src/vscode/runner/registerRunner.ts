/**
 * Creates the Request Runner's parts (key store, runner, panel) and registers its view and
 * commands. Returns them so the extension can hand them to its tests.
 */
import * as vscode from 'vscode';
import type { Catalog } from '../../catalog/types';
import { Commands, Views } from '../ids';
import { KeyStore } from '../keys/keyStore';
import { manageApiKeys } from '../keys/manageApiKeys';
import { setApiKey } from '../keys/setApiKey';
import { PanelProvider } from '../panel/panelProvider';
import { PickedFiles } from '../panel/pickedFiles';
import { readSettings } from '../settings';
import { exportHistory } from './exportHistory';
import { loadHistory, saveHistory } from './historyStore';
import { hostsForKey } from './keyChoice';
import { readRunnerSettings } from './readRunnerSettings';
import { RequestRunner } from './requestRunner';
import { resendLastRequest } from './resendLastRequest';
import { sendRequestAtCursor, type SiteAtCursor } from './sendRequestAtCursor';
import { sendRequestCommand } from './sendRequestCommand';

export interface RequestRunnerParts {
  keys: KeyStore;
  runner: RequestRunner;
  panel: PanelProvider;
}

export function registerRequestRunner(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  catalogs: () => readonly Catalog[],
  siteAt?: SiteAtCursor,
): RequestRunnerParts {
  const keys = new KeyStore(context.secrets, context.globalState, (id) => hostsForKey(id, catalogs()));
  const files = new PickedFiles();
  const runner = new RequestRunner({
    catalogs,
    keyIds: () => keys.list().map((k) => k.id),
    keyValue: (id) => keys.get(id),
    settings: () => {
      const editor = readSettings();
      return { ...readRunnerSettings(), secretParamNames: editor.secretParamNames, rules: editor.rules };
    },
    filePath: (id) => files.path(id),
    loadHistory: () => loadHistory(context.globalState),
    saveHistory: (items) => saveHistory(context.globalState, items),
    log: (line) => log.info(line),
  });
  const panel = new PanelProvider(context.extensionUri, String(context.extension.packageJSON.version), runner, keys, files, log);
  const setKey = async (args?: unknown) => {
    try {
      const id = await setApiKey(keys, catalogs(), args);
      if (id && args === undefined) void vscode.window.showInformationMessage(`API key stored for ${keys.list().find((k) => k.id === id)?.label ?? id}.`);
      return id;
    } catch (e) {
      // The message never holds the key: it comes from checkKey's fixed sentences.
      void vscode.window.showErrorMessage(`The key was not stored: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };
  context.subscriptions.push(
    keys,
    panel,
    vscode.window.registerWebviewViewProvider(Views.panel, panel),
    vscode.commands.registerCommand(Commands.openPanel, () => panel.show()),
    vscode.commands.registerCommand(Commands.sendRequest, (args?: unknown) => sendRequestCommand(panel, runner, keys, args)),
    vscode.commands.registerCommand(Commands.sendRequestAtCursor, () => sendRequestAtCursor(panel, siteAt)),
    vscode.commands.registerCommand(Commands.resendLastRequest, () => resendLastRequest(panel, runner)),
    vscode.commands.registerCommand(Commands.setApiKey, setKey),
    vscode.commands.registerCommand(Commands.manageApiKeys, (args?: unknown) => manageApiKeys(keys, () => setKey(), args)),
    vscode.commands.registerCommand(Commands.exportHistory, (target?: unknown) => exportHistory(runner, target instanceof vscode.Uri ? target : undefined)),
    vscode.commands.registerCommand(Commands.clearHistory, async () => {
      await runner.clearHistory();
      panel.refreshHistory();
    }),
  );
  return { keys, runner, panel };
}
