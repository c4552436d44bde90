/**
 * The signature of `vscode.l10n.t`, so that the pure Markdown builders can be localised by the
 * editor and run in plain Node tests with `formatMessage`.
 */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** `{0}`-style substitution, as `vscode.l10n.t` does it without a bundle. */
export const formatMessage: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
