/** Reads the runner's settings and VS Code's proxy settings; normalised in runnerSettings.ts. */
import * as vscode from 'vscode';
import { CONFIG_SECTION, Settings } from '../ids';
import { normaliseRunnerSettings, type RunnerSettings } from './runnerSettings';

export function readRunnerSettings(): RunnerSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const http = vscode.workspace.getConfiguration('http');
  return normaliseRunnerSettings({
    timeoutMs: config.get(Settings.requestTimeoutMs),
    maxResponseBytes: config.get(Settings.requestMaxResponseBytes),
    maxRetries: config.get(Settings.requestMaxRetries),
    historySize: config.get(Settings.historySize),
    proxy: http.get('proxy'),
    proxyStrictSSL: http.get('proxyStrictSSL'),
  });
}
