/**
 * Registers "API Doctor: Decode HTTP Error…" at activation; the command's flow and view
 * (decodeErrorCommand.ts, in dist/runner.js) are loaded the first time it runs.
 */
import * as vscode from 'vscode';
import type { Catalog } from '../../catalog/types';
import { Commands } from '../ids';
import type { RunnerBundle } from '../lazy';
import type { DecodedErrorView } from './decodeErrorCommand';

export type { DecodedErrorView } from './decodeErrorCommand';

export interface LazyDecodeError extends vscode.Disposable {
  /** The diagnosis view, loaded on the first call (the host tests press its button through it). */
  view(): DecodedErrorView;
}

export function registerDecodeError(catalogs: () => readonly Catalog[], load: () => RunnerBundle): LazyDecodeError {
  let built: ReturnType<RunnerBundle['createDecodeError']> | undefined;
  const command = () => (built ??= load().createDecodeError(catalogs));
  const registration = vscode.commands.registerCommand(Commands.decodeError, () => command().run());
  return {
    view: () => command().view,
    dispose: () => {
      registration.dispose();
      built?.dispose();
    },
  };
}
