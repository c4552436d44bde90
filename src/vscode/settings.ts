/** The one place that reads `apiDoctor.*` settings; raw values are normalised by pure functions. */
import * as vscode from 'vscode';
import { CONFIG_SECTION, Settings } from './ids';
import { normaliseSettings, type ApiDoctorSettings } from '../core/settings';

export function readSettings(scope?: vscode.ConfigurationScope): ApiDoctorSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  return normaliseSettings({
    enable: config.get(Settings.enable),
    run: config.get(Settings.run),
    secretParamNames: config.get(Settings.secretParamNames),
    rules: config.get(Settings.rules),
    languages: config.get(Settings.languages),
    ignore: config.get(Settings.ignore),
    clients: config.get(Settings.clients),
  });
}

/**
 * The `apiDoctor.catalogs` paths of every workspace folder, resolved against the folder. Empty in
 * a restricted workspace: a catalog from an untrusted folder could point keys at its own hosts.
 */
export function readCatalogPaths(): string[] {
  if (!vscode.workspace.isTrusted) return [];
  const paths: string[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const raw = vscode.workspace.getConfiguration(CONFIG_SECTION, folder.uri).get<unknown>(Settings.catalogs);
    for (const p of Array.isArray(raw) ? raw : []) {
      if (typeof p === 'string' && p.trim()) paths.push(vscode.Uri.joinPath(folder.uri, p.trim()).fsPath);
    }
  }
  return paths;
}
