/**
 * The `.api-doctor.jsonc` that applies to a path: the one given with `--config`, else the nearest
 * one in the path's folder or above. The editor drops a bad entry and goes on; the CLI stops
 * (exit 2) with every problem as `file:line:col: message`, because a gate that runs with half a
 * config would pass or fail for the wrong reasons.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAME, emptyConfig, loadConfig, type ApiDoctorConfig } from '../../core/config';
import { isIgnored } from '../../core/glob';
import { LocatedUsageError } from '../command';

/** Problems in a config file; the message holds one `file:line:col: message` line per problem. */
export class ConfigError extends LocatedUsageError {}

export interface LoadedConfig {
  config: ApiDoctorConfig;
  /** The folder the config's `ignore` globs are relative to; undefined when no config applies. */
  folder: string | undefined;
}

/** Finds and loads configs, each file once. */
export class ConfigFinder {
  private readonly loaded = new Map<string, LoadedConfig>();

  constructor(private readonly explicit: string | undefined) {}

  forPath(path: string): LoadedConfig {
    const found = this.explicit ?? findUp(path);
    if (!found) return { config: emptyConfig(), folder: undefined };
    const key = resolve(found);
    let loaded = this.loaded.get(key);
    if (!loaded) {
      loaded = { config: readConfig(this.explicit ?? shown(found)), folder: dirname(key) };
      this.loaded.set(key, loaded);
    }
    return loaded;
  }
}

/** Whether the config's `ignore` globs exclude `file` (matched relative to the config's folder). */
export function ignoredByConfig(loaded: LoadedConfig, file: string): boolean {
  if (!loaded.folder || loaded.config.ignore.length === 0) return false;
  const rel = relative(loaded.folder, resolve(file));
  if (rel.startsWith('..') || isAbsolute(rel)) return false;
  return isIgnored(rel.split(sep).join('/'), loaded.config.ignore);
}

/** A config found under the working folder is named relative to it, like the linted files. */
function shown(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

function findUp(path: string): string | undefined {
  const stat = statSync(path, { throwIfNoEntry: false });
  let dir = resolve(stat?.isDirectory() ? path : dirname(path));
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function readConfig(file: string): ApiDoctorConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`${file}:1:1: the config file cannot be read`);
  }
  const { config, errors } = loadConfig(text, file);
  if (errors.length > 0) throw new ConfigError(errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
  return config;
}
