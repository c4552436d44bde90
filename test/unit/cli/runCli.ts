/**
 * Runs the built command line (`dist/cli.js`, made by `npm run build`) as a child process, the
 * way a user or CI does, and makes throw-away folders for the tests that need files on disk.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The repository root (tests run from out/test/unit/cli). */
export const REPO = resolve(__dirname, '../../../..');
export const CLI = join(REPO, 'dist', 'cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Another copy of the bundle (the internal-error test runs one without its grammars). */
  cli?: string;
  env?: Record<string, string>;
}

export function runCli(args: readonly string[], cwd = REPO, options: RunOptions = {}): CliResult {
  const env = { ...process.env, ...options.env };
  const r = spawnSync(process.execPath, [options.cli ?? CLI, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A new temporary folder holding `files` (path → content); remove it with `removeTree`. */
export function makeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'api-doctor-cli-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** The `file` fields of a `--format json` run, in output order. */
export function jsonFiles(result: CliResult): string[] {
  return (JSON.parse(result.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file);
}

/** Makes the lint command use worker threads only, so a test knows the worker path ran. */
export const WORKERS_ONLY = { API_DOCTOR_LINT_ON_WORKERS_ONLY: '1' };

/** A line of code with one key-in-url finding. */
export const LEAKY = 'fetch("https://api.example.com/v1/items?api_key=abc123");\n';
/** A line of code with nothing to report. */
export const CLEAN = 'fetch("https://api.example.com/v1/items?page=2");\n';
