/**
 * The request runner's settings, normalised from raw values by pure functions: anything malformed
 * falls back to the default, which mirrors package.json.
 */
export interface RunnerSettings {
  timeoutMs: number;
  maxResponseBytes: number;
  maxRetries: number;
  historySize: number;
  /** VS Code's `http.proxy` (empty: none) and `http.proxyStrictSSL`. */
  proxy: string;
  proxyStrictSSL: boolean;
}

export interface RawRunnerSettings {
  timeoutMs?: unknown;
  maxResponseBytes?: unknown;
  maxRetries?: unknown;
  historySize?: unknown;
  proxy?: unknown;
  proxyStrictSSL?: unknown;
}

function whole(v: unknown, fallback: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? Math.floor(v) : fallback;
}

export function normaliseRunnerSettings(raw: RawRunnerSettings): RunnerSettings {
  return {
    timeoutMs: whole(raw.timeoutMs, 30_000, 1000, 600_000),
    maxResponseBytes: whole(raw.maxResponseBytes, 10 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    maxRetries: whole(raw.maxRetries, 3, 0, 10),
    historySize: whole(raw.historySize, 50, 0, 500),
    proxy: typeof raw.proxy === 'string' && /^https?:\/\/\S+$/i.test(raw.proxy.trim()) ? raw.proxy.trim() : '',
    proxyStrictSSL: typeof raw.proxyStrictSSL === 'boolean' ? raw.proxyStrictSSL : true,
  };
}
