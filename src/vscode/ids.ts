/** Every command, view and setting id the extension uses, declared once (checked against package.json). */
export const CONFIG_SECTION = 'apiDoctor';

export const Commands = {
  showOutput: 'apiDoctor.showOutput',
  openPanel: 'apiDoctor.openPanel',
} as const;

export const Views = {
  container: 'apiDoctor',
  panel: 'apiDoctor.panel',
} as const;

export const Settings = {
  enable: 'enable',
  run: 'run',
  secretParamNames: 'secretParamNames',
} as const;

export const DIAGNOSTIC_SOURCE = 'API Doctor';
