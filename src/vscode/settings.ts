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
  });
}
