/** The sandbox's per-key limit: N requests in any 60-second window, then 429 with Retry-After. */
export class RateWindow {
  private readonly seen = new Map<string, number[]>();

  constructor(private readonly perMinute: number, private readonly now: () => number = Date.now) {}

  /** Counts one request; returns the seconds to wait when it is over the limit, else null. */
  hit(id: string): number | null {
    const t = this.now();
    const times = (this.seen.get(id) ?? []).filter((x) => t - x < 60_000);
    if (times.length >= this.perMinute) {
      this.seen.set(id, times);
      return Math.max(1, Math.ceil((times[0] + 60_000 - t) / 1000));
    }
    times.push(t);
    this.seen.set(id, times);
    // Bounded memory: a flood of made-up keys cannot grow the map forever.
    if (this.seen.size > 10_000) this.seen.delete(this.seen.keys().next().value as string);
    return null;
  }
}
