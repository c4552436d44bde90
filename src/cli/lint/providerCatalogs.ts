/**
 * The provider catalogs a lint run checks requests against: the built-in ones plus the files a
 * config's `catalogs` entry names. Loaded once per thread (worker threads load their own: a hook
 * is a function and cannot cross to a worker, the file list can).
 */
import { loadBuiltinCatalogs, loadCatalogFiles, mergeCatalogs } from '../../catalog/load';
import { providerRulesFor } from '../../catalog/providerRules';
import type { CatalogError } from '../../catalog/types';
import type { ProviderRules } from '../../core/providerSites';

export interface ProviderCatalogs {
  rules: ProviderRules | undefined;
  /** Problems in the user's catalog files (the built-in ones are checked by the tests). */
  errors: CatalogError[];
}

let builtin: ReturnType<typeof loadBuiltinCatalogs> | undefined;
const byFiles = new Map<string, ProviderCatalogs>();

/** The provider rules for the built-in catalogs and these user catalog files (absolute paths). */
export function providerCatalogs(userFiles: readonly string[] = []): ProviderCatalogs {
  const key = userFiles.join('\n');
  let found = byFiles.get(key);
  if (!found) {
    builtin ??= loadBuiltinCatalogs();
    const user = loadCatalogFiles(userFiles);
    found = { rules: providerRulesFor(mergeCatalogs(builtin.catalogs, user.catalogs)), errors: user.errors };
    byFiles.set(key, found);
  }
  return found;
}
