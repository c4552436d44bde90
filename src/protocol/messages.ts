/**
 * Messages between the extension and the panel's webview. Both sides import this module; every
 * message that arrives is checked with the guards below before it is used.
 */

/** View → host. */
export type ViewMessage =
  | { type: 'ready' }
  | { type: 'runCommand'; command: PanelCommand };

/** Host → view. */
export type HostMessage = { type: 'init'; version: string; findings: number };

/** Commands the panel may ask the host to run; nothing outside this list is accepted. */
export const PANEL_COMMANDS = ['apiDoctor.showOutput'] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isViewMessage(v: unknown): v is ViewMessage {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'ready':
      return Object.keys(v).length === 1;
    case 'runCommand':
      return typeof v.command === 'string' && (PANEL_COMMANDS as readonly string[]).includes(v.command);
    default:
      return false;
  }
}

export function isHostMessage(v: unknown): v is HostMessage {
  return isRecord(v) && v.type === 'init' && typeof v.version === 'string' && typeof v.findings === 'number';
}
