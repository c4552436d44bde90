/** The shipped catalogs, loaded once for the decoder tests; a load error fails loudly. */
import { loadBuiltinCatalogs } from '../../../src/catalog/load';
import type { Catalog } from '../../../src/catalog/types';

let cached: Catalog[] | undefined;

export function builtinCatalogs(): Catalog[] {
  if (!cached) {
    const r = loadBuiltinCatalogs();
    if (r.errors.length) throw new Error(`shipped catalogs have errors: ${JSON.stringify(r.errors)}`);
    cached = r.catalogs;
  }
  return cached;
}

/** A fixed clock: tickets and HTTP-date Retry-After values are computed against it. */
export const NOW = new Date('2026-11-25T18:00:00.000Z');

/** True when a `sk_` key is still readable in the text (`sk_live_***` and `sk_live_...` in prose are fine). */
export function leaksKey(text: string): boolean {
  return /\bsk_(?:live_|test_)?[A-Za-z0-9]{6,}/.test(text);
}
