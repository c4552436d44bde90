/** The `api-doctor` command: the same analyzer as the editor, for terminals and CI. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze, languageForFileName } from '../core/analyze';
import { LineIndex } from '../core/lineIndex';

const USAGE = 'usage: api-doctor lint [paths...] [--format text|json]';

class UsageError extends Error {}

interface CliFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: string;
  message: string;
}

function collectFiles(path: string, out: string[]): void {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`no such file or folder: ${path}`);
  if (stat.isFile()) {
    out.push(path);
    return;
  }
  for (const name of readdirSync(path).sort()) {
    if (name === 'node_modules' || name === '.git') continue;
    const child = join(path, name);
    const s = statSync(child, { throwIfNoEntry: false });
    if (s?.isDirectory()) collectFiles(child, out);
    else if (s?.isFile() && languageForFileName(name)) out.push(child);
  }
}

async function lint(args: string[]): Promise<number> {
  let format = 'text';
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format') {
      format = args[++i] ?? '';
      if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" (text or json)`);
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else paths.push(a);
  }
  const files: string[] = [];
  for (const p of paths.length ? paths : ['.']) collectFiles(p, files);
  const findings: CliFinding[] = [];
  for (const file of files) {
    const languageId = languageForFileName(file);
    if (!languageId) continue;
    const text = readFileSync(file, 'utf8');
    const index = new LineIndex(text);
    for (const f of await analyze(text, languageId)) {
      const s = index.positionAt(f.start);
      const e = index.positionAt(f.end);
      findings.push({
        file, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1,
        ruleId: f.ruleId, severity: f.severity, message: f.message,
      });
    }
  }
  if (format === 'json') process.stdout.write(JSON.stringify({ version: 1, findings }) + '\n');
  else {
    for (const f of findings) process.stdout.write(`${relative('.', f.file) || f.file}:${f.line}:${f.column}: ${f.severity} ${f.ruleId}: ${f.message}\n`);
    process.stdout.write(`${findings.length} finding${findings.length === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}\n`);
  }
  return findings.length > 0 ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'lint':
        return await lint(rest);
      case '--help': case '-h': case 'help':
        process.stdout.write(USAGE + '\n');
        return 0;
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`api-doctor: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`api-doctor: ${err instanceof Error ? err.message : String(err)}\n`);
    return 3;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
