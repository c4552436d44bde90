/**
 * The provider catalogs the editor uses: the built-in ones, replaced or extended by the user's
 * (`apiDoctor.catalogs` and the `catalogs` entry of `.api-doctor.jsonc`). Read on first use, not
 * at activation, and again after a change; a broken user catalog is logged and the rest apply.
 */
import * as vscode from 'vscode';
import { loadBuiltinCatalogs, loadCatalogFiles, mergeCatalogs } from '../../catalog/load';
import type { Catalog } from '../../catalog/types';

export class EditorCatalogs {
  private loaded: Catalog[] | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    /** The user's catalog files, absolute; empty in a restricted workspace. */
    private readonly userPaths: () => string[] = () => [],
  ) {}

  get all(): readonly Catalog[] {
    if (!this.loaded) {
      const builtin = loadBuiltinCatalogs(vscode.Uri.joinPath(this.extensionUri, 'catalogs').fsPath);
      const user = loadCatalogFiles(this.userPaths());
      for (const e of [...builtin.errors, ...user.errors]) this.log.warn(`Catalog ${e.file}:${e.line}:${e.column}: ${e.message}`);
      this.loaded = mergeCatalogs(builtin.catalogs, user.catalogs);
    }
    return this.loaded;
  }

  /** The user's catalog files (absolute), for work that loads catalogs itself (the scan worker). */
  userCatalogPaths(): string[] {
    return this.userPaths();
  }

  /** Forget what was read; the next use reads the files again. */
  reload(): void {
    this.loaded = undefined;
  }
}
