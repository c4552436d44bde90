/**
 * Where the tool that reads a configuration value substitutes environment variables, so a fix can
 * replace a literal key by a reference: VS Code resolves `${env:NAME}` in launch configurations
 * (`env`, `environment`, `args`, `runtimeArgs`), tasks (`command`, `args`, `options.env`) and
 * `terminal.integrated.env.*`; Dev Containers resolve `${localEnv:NAME}` in `containerEnv` and
 * `remoteEnv`. Everywhere else a reference would be read as literal text, so there is no fix.
 */
import type { Node } from 'jsonc-parser';
import { findNodeAtLocation } from 'jsonc-parser';

import type { PathStep } from './facts';

export type Substitution = 'env' | 'localEnv';

const PLATFORMS = new Set(['windows', 'linux', 'osx']);

export function substitutionAt(path: readonly PathStep[], root: Node): Substitution | undefined {
  return launchOrTask(path, root) ?? terminal(path) ?? devcontainer(path, root);
}

function launchOrTask(path: readonly PathStep[], root: Node): Substitution | undefined {
  // launch.json, or a `launch` block in settings.json / a .code-workspace file.
  for (const base of [['configurations'], ['launch', 'configurations']]) {
    const rest = after(path, base);
    if (rest && typeof rest[0] === 'number' && isLaunchConfiguration(root, [...base, rest[0]]) && launchValue(stripPlatform(rest.slice(1)))) return 'env';
  }
  for (const base of [['tasks'], ['tasks', 'tasks']]) {
    const rest = after(path, base);
    if (rest && typeof rest[0] === 'number' && isTaskFile(root, base) && taskValue(stripPlatform(rest.slice(1)))) return 'env';
  }
  return undefined;
}

function after(path: readonly PathStep[], base: readonly PathStep[]): PathStep[] | undefined {
  if (path.length <= base.length || base.some((s, i) => path[i] !== s)) return undefined;
  return path.slice(base.length);
}

function stripPlatform(rest: PathStep[]): PathStep[] {
  return typeof rest[0] === 'string' && PLATFORMS.has(rest[0]) ? rest.slice(1) : rest;
}

function isLaunchConfiguration(root: Node, path: PathStep[]): boolean {
  const config = findNodeAtLocation(root, path);
  return config?.type === 'object' && findNodeAtLocation(config, ['type'])?.type === 'string' && findNodeAtLocation(config, ['request'])?.type === 'string';
}

function isTaskFile(root: Node, base: PathStep[]): boolean {
  const holder = base.length === 1 ? root : findNodeAtLocation(root, base.slice(0, -1));
  return holder !== undefined && findNodeAtLocation(holder, ['version'])?.type === 'string';
}

function launchValue(rest: PathStep[]): boolean {
  const [a, b, c] = rest;
  if (a === 'env') return rest.length === 2 && typeof b === 'string';
  if (a === 'environment') return rest.length === 3 && typeof b === 'number' && c === 'value';
  return (a === 'args' || a === 'runtimeArgs') && rest.length === 2 && typeof b === 'number';
}

function taskValue(rest: PathStep[]): boolean {
  const [a, b, c] = rest;
  if (a === 'command') return rest.length === 1;
  if (a === 'args') return rest.length === 2 && typeof b === 'number';
  return a === 'options' && b === 'env' && rest.length === 3 && typeof c === 'string';
}

function terminal(path: readonly PathStep[]): Substitution | undefined {
  const rest = path[0] === 'settings' ? path.slice(1) : path;
  return rest.length === 2 && typeof rest[0] === 'string' && /^terminal\.integrated\.env\.(linux|osx|windows)$/.test(rest[0]) ? 'env' : undefined;
}

function devcontainer(path: readonly PathStep[], root: Node): Substitution | undefined {
  if (path.length !== 2 || (path[0] !== 'containerEnv' && path[0] !== 'remoteEnv')) return undefined;
  const container = ['image', 'build', 'dockerFile', 'dockerfile', 'dockerComposeFile'].some((k) => findNodeAtLocation(root, [k]) !== undefined);
  return container ? 'localEnv' : undefined;
}
