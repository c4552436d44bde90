/**
 * The editor side of restrictedSend.ts: reads `workspace.isTrusted` and asks with a modal warning.
 * Hosts allowed with "don't ask again" are remembered until the window reloads, never stored.
 */
import * as vscode from 'vscode';
import { restrictedSendQuestion } from './restrictedSend';

export class RestrictedSendGate {
  private readonly allowedHosts = new Set<string>();

  /** True when the request may go out: a trusted workspace, or the user confirmed. */
  async mayContact(url: string): Promise<boolean> {
    const question = restrictedSendQuestion(url, vscode.workspace.isTrusted, this.allowedHosts);
    if (!question) return true;
    const choice = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, question.send, question.sendForSession);
    if (choice === question.sendForSession) this.allowedHosts.add(question.host);
    return choice === question.send || choice === question.sendForSession;
  }
}
