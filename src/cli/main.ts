/**
 * The `api-doctor` command: the same analyzer as the editor, for terminals and CI. This file only
 * dispatches: a subcommand is one module exporting a `Command`, added with one import and one
 * entry in COMMANDS. Exit codes: 0 clean, 1 findings, 2 usage or config error, 3 internal error.
 */
import { isMainThread } from 'node:worker_threads';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, LocatedUsageError, UsageError, oneLine, type Command } from './command';
import { decodeCommand } from './decode';
import { lintCommand } from './lint/command';
import { sendCommand } from './send';
import { VERSION } from './version';

// Worker threads of the lint pool load this bundle and call this (see lint/pool.ts).
export { runLintWorker } from './lint/pool';
// The editor's worker for whole analyses of large documents (see vscode/editor/analysisWorker.ts).
export { runAnalyzeWorker } from './analyzeWorker';

const COMMANDS: Record<string, Command> = {
  lint: lintCommand,
  decode: decodeCommand,
  send: sendCommand,
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.summary}`);
  return ['usage: api-doctor <command> [options]', '', 'commands:', ...lines, '', 'api-doctor <command> --help for the options of a command; api-doctor --version for the version.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(usage() + '\n');
      return EXIT_OK;
    }
    if (name === '--version' || name === '-v') {
      process.stdout.write(VERSION + '\n');
      return EXIT_OK;
    }
    if (name === undefined) throw new UsageError('no command given (try api-doctor --help)');
    const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) throw new UsageError(`unknown command "${name}" (try api-doctor --help)`);
    return await command.run(rest);
  } catch (err) {
    if (err instanceof LocatedUsageError) {
      // One `file:line:col: message` line per problem, as compilers print them.
      process.stderr.write(`${err.message}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`api-doctor: ${oneLine(err)}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`api-doctor: internal error: ${oneLine(err)}\n`);
    return EXIT_INTERNAL;
  }
}

if (require.main === module && isMainThread) {
  // A closed pipe (`api-doctor lint | head`) is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  process.on('uncaughtException', (err) => {
    process.stderr.write(`api-doctor: internal error: ${oneLine(err)}\n`);
    process.exit(EXIT_INTERNAL);
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
