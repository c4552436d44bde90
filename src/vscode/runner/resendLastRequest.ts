/** "API Doctor: Re-send Last Request": the last request sent in this window, else the newest history entry. */
import * as vscode from 'vscode';
import type { PanelProvider } from '../panel/panelProvider';
import type { RequestRunner } from './requestRunner';

export async function resendLastRequest(panel: PanelProvider, runner: RequestRunner): Promise<void> {
  const request = runner.lastRequest ?? runner.history()[0]?.request;
  if (!request) {
    void vscode.window.showInformationMessage('No request has been sent yet.');
    return;
  }
  await panel.sendFromHost(request);
}
