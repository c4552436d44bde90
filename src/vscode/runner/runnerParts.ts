/**
 * Builds the Request Runner's parts (key store, runner, panel) and its command handlers. Part of
 * dist/runner.js: registerRunner.ts calls this the first time the panel or one of its commands is
 * used, so undici and the panel are not loaded at activation.
 */
import * as vscode from 'vscode';
import type { Catalog } from '../../catalog/types';
import { KeyStore } from '../keys/keyStore';
import { manageApiKeys } from '../keys/manageApiKeys';
import { setApiKey } from '../keys/setApiKey';
import { PanelProvider } from '../panel/panelProvider';
import { PickedFiles } from '../panel/pickedFiles';
import { readSettings } from '../settings';
import { exportHistory } from './exportHistory';
import { loadHistory, saveHistory } from './historyStore';
import { hostsForKey } from './keyChoice';
import type { Analyze } from './lintComposed';
import { readRunnerSettings } from './readRunnerSettings';
import type { RunnerCommand } from './registerRunner';
import { RequestRunner } from './requestRunner';
import { resendLastRequest } from './resendLastRequest';
import { RestrictedSendGate } from './restrictedSendGate';
import { sendRequestAtCursor, type SiteAtCursor } from './sendRequestAtCursor';
import { sendRequestCommand } from './sendRequestCommand';

export interface RequestRunnerParts {
  keys: KeyStore;
  runner: RequestRunner;
  panel: PanelProvider;
}

export interface RunnerDependencies {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  catalogs: () => readonly Catalog[];
  /** The activation bundle's analyzer: pre-flight lints the composed request with it. */
  analyze: Analyze;
  siteAt?: SiteAtCursor;
}

export function createRunnerParts({ context, log, catalogs, analyze, siteAt }: RunnerDependencies): RequestRunnerParts & vscode.Disposable & {
  commands: Record<RunnerCommand, (arg?: unknown) => unknown>;
} {
  const keys = new KeyStore(context.secrets, context.globalState, (id) => hostsForKey(id, catalogs()));
  const files = new PickedFiles();
  const gate = new RestrictedSendGate();
  const runner = new RequestRunner({
    catalogs,
    analyze,
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
    // In a restricted workspace the user confirms each host before anything is sent.
    mayContact: (url) => gate.mayContact(url),
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
  return {
    keys,
    runner,
    panel,
    commands: {
      openPanel: () => panel.show(),
      sendRequest: (args) => sendRequestCommand(panel, runner, keys, args),
      sendRequestAtCursor: () => sendRequestAtCursor(panel, siteAt),
      resendLastRequest: () => resendLastRequest(panel, runner),
      setApiKey: setKey,
      manageApiKeys: (args) => manageApiKeys(keys, () => setKey(), args),
      exportHistory: (target) => exportHistory(runner, target instanceof vscode.Uri ? target : undefined),
      clearHistory: async () => {
        await runner.clearHistory();
        panel.refreshHistory();
      },
    },
    dispose: () => {
      panel.dispose();
      keys.dispose();
    },
  };
}
