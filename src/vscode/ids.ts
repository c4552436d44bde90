/** Every command, view and setting id the extension uses, declared once (checked against package.json). */
export const CONFIG_SECTION = 'apiDoctor';

export const Commands = {
  showOutput: 'apiDoctor.showOutput',
  openPanel: 'apiDoctor.openPanel',
  sendRequest: 'apiDoctor.sendRequest',
  sendRequestAtCursor: 'apiDoctor.sendRequestAtCursor',
  resendLastRequest: 'apiDoctor.resendLastRequest',
  setApiKey: 'apiDoctor.setApiKey',
  manageApiKeys: 'apiDoctor.manageApiKeys',
  exportHistory: 'apiDoctor.exportHistory',
  clearHistory: 'apiDoctor.clearHistory',
  scanWorkspace: 'apiDoctor.scanWorkspace',
  clearWorkspaceFindings: 'apiDoctor.clearWorkspaceFindings',
  showRuleDocs: 'apiDoctor.showRuleDocs',
  fixAll: 'apiDoctor.fixAll',
  openExample: 'apiDoctor.openExample',
  decodeError: 'apiDoctor.decodeError',
} as const;

export const Views = {
  container: 'apiDoctor',
  panel: 'apiDoctor.panel',
} as const;

export const Settings = {
  enable: 'enable',
  run: 'run',
  secretParamNames: 'secretParamNames',
  rules: 'rules',
  languages: 'languages',
  ignore: 'ignore',
  clients: 'clients',
  catalogs: 'catalogs',
  requestTimeoutMs: 'request.timeoutMs',
  requestMaxResponseBytes: 'request.maxResponseBytes',
  requestMaxRetries: 'request.maxRetries',
  historySize: 'history.size',
} as const;

export const DIAGNOSTIC_SOURCE = 'API Doctor';
