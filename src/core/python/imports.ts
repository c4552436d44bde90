/**
 * What the names of a Python file stand for: `import requests as rq` makes `rq.get` mean
 * `requests.get`; `from urllib.request import urlopen` makes `urlopen` mean `urllib.request.urlopen`.
 * Unknown heads stay as written, so a snippet without imports (`requests.get(…)`) still reads right.
 */
import type { SyntaxNode } from '../parser';
import { dottedPath } from './syntax';

export class Imports {
  /** Local name → full dotted name. */
  private readonly names = new Map<string, string>();
  /** Top-level modules imported in any form (`requests`, `urllib3`, `os`…). */
  readonly modules = new Set<string>();

  /** Reads an `import_statement` or `import_from_statement`; returns the local names it binds. */
  add(node: SyntaxNode): SyntaxNode[] {
    const bound: SyntaxNode[] = [];
    if (node.type === 'import_statement') {
      for (const n of node.childrenForFieldName('name')) {
        if (!n) continue;
        if (n.type === 'dotted_name') {
          // `import urllib.request` binds `urllib`, which then reaches `urllib.request`.
          const first = n.namedChildren[0];
          if (first) {
            this.names.set(first.text, first.text);
            bound.push(first);
          }
          this.modules.add(n.text.split('.')[0]);
        } else if (n.type === 'aliased_import') {
          const full = n.childForFieldName('name')?.text;
          const alias = n.childForFieldName('alias');
          if (full && alias) {
            this.names.set(alias.text, full);
            this.modules.add(full.split('.')[0]);
            bound.push(alias);
          }
        }
      }
    } else if (node.type === 'import_from_statement') {
      const moduleName = node.childForFieldName('module_name')?.text;
      if (!moduleName || moduleName.startsWith('.')) return bound;
      this.modules.add(moduleName.split('.')[0]);
      for (const n of node.childrenForFieldName('name')) {
        if (!n) continue;
        if (n.type === 'dotted_name') {
          this.names.set(n.text, `${moduleName}.${n.text}`);
          bound.push(n);
        } else if (n.type === 'aliased_import') {
          const name = n.childForFieldName('name')?.text;
          const alias = n.childForFieldName('alias');
          if (name && alias) {
            this.names.set(alias.text, `${moduleName}.${name}`);
            bound.push(alias);
          }
        }
      }
    }
    return bound;
  }

  /** `rq.get` → `requests.get`, `urlopen` → `urllib.request.urlopen`; undefined for non-names. */
  canonical(node: SyntaxNode): string | undefined {
    const path = dottedPath(node);
    if (!path) return undefined;
    const head = this.names.get(path[0]) ?? path[0];
    return [head, ...path.slice(1)].join('.');
  }

  /** Whether a local name was bound by an import. */
  isImported(name: string): boolean {
    return this.names.has(name);
  }

  /** The full name a local name was imported as. */
  fullName(name: string): string | undefined {
    return this.names.get(name);
  }
}

/** Whether `import os` binds `os` (the Python fix for a hard-coded key needs it). */
export function importsOs(imports: Imports): boolean {
  return imports.fullName('os') === 'os';
}

