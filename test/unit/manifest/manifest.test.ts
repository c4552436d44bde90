import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every string literal `'apiDoctor.xxx'` registered as a command in src/ (read as text: no vscode import here). */
function registeredCommands(): Set<string> {
  const ids = readFileSync(join(root, 'src', 'vscode', 'ids.ts'), 'utf8');
  return new Set([...ids.matchAll(/'(apiDoctor\.[A-Za-z.]+)'/g)].map((m) => m[1]));
}

describe('package.json', () => {
  it('declares every command the code defines, and the code defines every declared command', () => {
    const declared = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
    const views = new Set<string>(Object.values(manifest.contributes.views).flat().map((v) => (v as { id: string }).id));
    const code = [...registeredCommands()].filter((id) => !views.has(id));
    assert.deepEqual([...declared].sort(), code.sort());
  });

  it('declares every setting the code reads, each with a default', () => {
    const props = manifest.contributes.configuration.properties as Record<string, { default?: unknown }>;
    const ids = readFileSync(join(root, 'src', 'vscode', 'ids.ts'), 'utf8');
    const settingsBlock = /export const Settings = \{([\s\S]*?)\}/.exec(ids)?.[1] ?? '';
    const read = [...settingsBlock.matchAll(/:\s*'([A-Za-z.]+)'/g)].map((m) => `apiDoctor.${m[1]}`);
    assert.ok(read.length > 0);
    assert.deepEqual(read.filter((k) => !(k in props)), []);
    for (const [key, prop] of Object.entries(props)) assert.ok('default' in prop, `${key} has no default`);
  });

  it('never activates on every event', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
  });

  it('has a CHANGELOG whose newest release is the package version', () => {
    const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    const newest = /^## \[(\d+\.\d+\.\d+)\]/m.exec(changelog)?.[1];
    assert.equal(newest, manifest.version);
    assert.match(changelog, /^## \[Unreleased\]/m);
  });

  it('keeps engines.vscode and @types/vscode in step and no newer than code-server 1.139', () => {
    const engine = manifest.engines.vscode.replace(/^\^/, '');
    const types = manifest.devDependencies['@types/vscode'].replace(/^\^/, '');
    assert.equal(types, engine);
    const [major, minor] = engine.split('.').map(Number);
    assert.ok(major === 1 && minor <= 139);
  });
});
