/**
 * Entry point the extension host loads (`extensionTestsPath`): runs the mocha suites bundled into
 * this file and settles with the result. Works under code-server and under @vscode/test-electron.
 */
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // Suites register themselves on import; esbuild bundles them into this file.
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  require('./lazyRunner.test');
  require('./diagnostics.test');
  require('./editorDiagnostics.test');
  require('./editorHover.test');
  require('./editorCodeActions.test');
  require('./editorCodeLens.test');
  require('./editorWorkspaceScan.test');
  require('./editorWalkthrough.test');
  require('./panel.test');
  require('./languages.test');
  require('./providerRules.test');
  require('./decodeError.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
