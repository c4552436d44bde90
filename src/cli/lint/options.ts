/** The options of `api-doctor lint`, read from the command line; any mistake is a UsageError. */
import { UsageError } from '../command';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface LintOptions {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  /** `--config`: one config file for every path instead of looking for `.api-doctor.jsonc`. */
  config: string | undefined;
  /** Worker threads; 'auto' uses every core but stays in-process for small inputs. */
  jobs: number | 'auto';
  maxFileSize: number;
  /** `--max-file-ms`: time one file may take before its worker is stopped and the file reported as skipped; 0 = no limit. */
  maxFileMs: number;
  /** `--verbose`: name every skipped file with its reason. */
  verbose: boolean;
  /** `--stats`: one line on stderr with files, bytes, threads and time. */
  stats: boolean;
  help: boolean;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
/** Ordinary files take milliseconds; only pathological input comes near this. */
export const DEFAULT_MAX_FILE_MS = 5000;

export const LINT_USAGE = `usage: api-doctor lint [paths...] [options]

Lints the HTTP calls in the given files and folders (default: the current folder).

options:
  --format text|json|sarif  output format (default: text)
  --fix                     apply the safe fixes, write the files, then report what remains
  --config <file>           use this config file instead of the nearest .api-doctor.jsonc
  --jobs <n>|auto           threads (default: auto = one per core, one for small inputs)
  --max-file-size <size>    skip larger files, e.g. 500kb or 2mb (default: 1mb)
  --max-file-ms <ms>        stop and report as skipped a file that takes longer (default: 5000;
                            0 = no limit, and small inputs are linted without worker threads)
  --verbose                 name every skipped file with the reason
  --stats                   print files, size, threads and time on stderr
  -h, --help                show this help

exit codes: 0 no findings, 1 findings, 2 usage or config error, 3 internal error`;

export function parseLintArgs(args: readonly string[]): LintOptions {
  const options: LintOptions = {
    paths: [], format: 'text', fix: false, config: undefined, jobs: 'auto', maxFileSize: DEFAULT_MAX_FILE_SIZE,
    maxFileMs: DEFAULT_MAX_FILE_MS, verbose: false, stats: false, help: false,
  };
  let onlyPaths = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      options.paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = args[++i];
      if (v === undefined || (v.startsWith('-') && v !== '-')) throw new UsageError(`${name} needs a value`);
      return v;
    };
    const flag = (): true => {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
      return true;
    };
    switch (name) {
      case '--':
        onlyPaths = true;
        break;
      case '--format': case '-f':
        options.format = parseFormat(value());
        break;
      case '--fix':
        options.fix = flag();
        break;
      case '--config': case '-c':
        options.config = value();
        break;
      case '--jobs': case '-j':
        options.jobs = parseJobs(value());
        break;
      case '--max-file-size':
        options.maxFileSize = parseSize(value());
        break;
      case '--max-file-ms':
        options.maxFileMs = parseMilliseconds(value());
        break;
      case '--verbose':
        options.verbose = flag();
        break;
      case '--stats':
        options.stats = flag();
        break;
      case '--help': case '-h':
        options.help = flag();
        break;
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }
  if (options.paths.length === 0) options.paths.push('.');
  return options;
}

function parseFormat(v: string): OutputFormat {
  if (v === 'text' || v === 'json' || v === 'sarif') return v;
  throw new UsageError(`unknown format "${v}" (use text, json or sarif)`);
}

function parseJobs(v: string): number | 'auto' {
  if (v === 'auto') return 'auto';
  if (/^[1-9]\d{0,3}$/.test(v)) return Number(v);
  throw new UsageError(`--jobs needs a whole number from 1 or "auto", not "${v}"`);
}

function parseMilliseconds(v: string): number {
  if (/^\d{1,9}$/.test(v)) return Number(v);
  throw new UsageError(`--max-file-ms needs a whole number of milliseconds (0 = no limit), not "${v}"`);
}

/** `1048576`, `500kb`, `2mb` (binary units; case and a space before the unit do not matter). */
function parseSize(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib)?$/i.exec(v.trim());
  if (!m) throw new UsageError(`--max-file-size needs a size such as 500kb or 2mb, not "${v}"`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  return Math.floor(Number(m[1]) * (unit === 'm' ? 1024 * 1024 : unit === 'k' ? 1024 : 1));
}
