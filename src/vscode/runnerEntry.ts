/**
 * Entry point of dist/runner.js: what the extension loads on first use rather than at activation
 * (see lazy.ts). The Request Runner (undici, key store, panel) and the error decoder's view.
 */
export { createRunnerParts } from './runner/runnerParts';
export { createDecodeError } from './decode/decodeErrorCommand';
