/** Small runtime checks the message guards are built from. Limits keep a bad message from costing memory. */

export const MAX_TEXT = 5_000_000;
export const MAX_SHORT = 8_192;
export const MAX_ROWS = 200;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isText(v: unknown, max = MAX_SHORT): v is string {
  return typeof v === 'string' && v.length <= max;
}

/** Ids pair requests with replies: short, printable, never empty. */
export function isId(v: unknown): v is string {
  return typeof v === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(v);
}

export function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER;
}

export function isArrayOf<T>(v: unknown, item: (x: unknown) => x is T, max = MAX_ROWS): v is T[] {
  return Array.isArray(v) && v.length <= max && v.every(item);
}

export function isOneOf<T extends string>(v: unknown, values: readonly T[]): v is T {
  return typeof v === 'string' && (values as readonly string[]).includes(v);
}

export function isNullable<T>(v: unknown, item: (x: unknown) => x is T): v is T | null {
  return v === null || item(v);
}

/** True when `v` has exactly these keys (optional ones may be missing); extra keys make a message malformed. */
export function hasOnlyKeys(v: Record<string, unknown>, required: readonly string[], optional: readonly string[] = []): boolean {
  for (const k of required) if (!(k in v)) return false;
  for (const k of Object.keys(v)) if (!required.includes(k) && !optional.includes(k)) return false;
  return true;
}
