/**
 * Loads a separately bundled part of the extension on first use. Activation only loads
 * dist/extension.js (the linter); the Request Runner and the error decoder live in dist/runner.js
 * (undici and the panel are more than half of the code) and are read when a user first asks for
 * them. `require` is synchronous, so a command handler or a webview resolver can call it directly.
 */
import { join } from 'node:path';

/** What dist/runner.js exports (see runnerEntry.ts, its entry point). */
export type RunnerBundle = typeof import('./runnerEntry');

/**
 * `file` is a bundle beside this one in dist/. The name is joined at run time so that esbuild
 * leaves the `require` alone instead of pulling the file into the activation bundle.
 */
export function loadOnFirstUse<T>(file: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(join(__dirname, file)) as T);
}
