/**
 * Activation loads only dist/extension.js: the Request Runner and the error decoder (dist/runner.js)
 * are loaded by their first use. Registered first in index.ts, before any suite uses the runner.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ApiDoctorExports } from '../../src/extension';

/** Whether this extension host has loaded dist/runner.js (one module cache for every extension). */
function runnerLoaded(extensionPath: string): boolean {
  return require.cache[join(extensionPath, 'dist', 'runner.js')] !== undefined;
}

describe('activation leaves the Request Runner for its first use', () => {
  it('registers the runner commands and the panel without loading dist/runner.js; a command loads it', async () => {
    const ext = vscode.extensions.getExtension<ApiDoctorExports>('api-doctor.api-doctor');
    if (!ext) throw new Error('the API Doctor extension is not loaded');
    const api = await ext.activate();
    assert.equal(runnerLoaded(ext.extensionPath), false);

    const commands = new Set(await vscode.commands.getCommands(true));
    const contributed = (ext.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command);
    assert.deepEqual(contributed.filter((id) => !commands.has(id)), []);
    assert.equal(runnerLoaded(ext.extensionPath), false);

    // History starts empty in a test host, so clearing it changes nothing the later suites see.
    await vscode.commands.executeCommand('apiDoctor.clearHistory');
    assert.equal(runnerLoaded(ext.extensionPath), true);
    const parts = api.runner;
    assert.ok(parts);
    assert.equal(api.runner, parts);
    assert.deepEqual(parts.runner.history(), []);
  });
});
