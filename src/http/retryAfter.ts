/** Retry-After comes as seconds (`120`) or as an HTTP date; both become milliseconds from now. */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | null {
  const v = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // Only the date forms HTTP allows; Date.parse alone would also accept "5" or "tomorrow"-like noise.
  if (!/[A-Za-z]{3}.*\d{4}|\d{4}-\d{2}-\d{2}/.test(v)) return null;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** "42 s", "3 min", "11 days": for messages about waits. */
export function describeWait(ms: number): string {
  const s = Math.round(ms / 1000);
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}
