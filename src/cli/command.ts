/** What every `api-doctor` subcommand looks like to the dispatcher in main.ts. */
import { looksLikeCredential, maskSecret } from '../core/keyFormats';

export interface Command {
  /** One line for `api-doctor --help`. */
  summary: string;
  /** Runs the subcommand with the arguments after its name; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

/** Exit codes shared by all subcommands (CI scripts rely on them). */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

/** A mistake on the command line: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {}

/** A usage error whose message already says where, `file:line:col: message` lines; printed as is. */
export class LocatedUsageError extends UsageError {}

/** Longest error message printed: some messages quote whole lines of source code. */
const MAX_MESSAGE = 300;

/**
 * The first line of an error's message, cut short: no stack traces or multi-line dumps. Some
 * errors quote the source being linted, so anything that looks like a credential is masked.
 */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  let line = (text.split(/\r?\n/).find((l) => l.trim().length > 0) ?? 'unknown error').trim();
  line = line.replace(/[\w.+/=~-]{16,}/g, (word) => (looksLikeCredential(word) ? maskSecret(word) : word));
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}
