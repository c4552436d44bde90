/** One undici dispatcher per exchange: direct, or through VS Code's configured proxy. */
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import type { ProxySpec } from './types';

export function createDispatcher(timeoutMs: number, proxy?: ProxySpec): Dispatcher {
  const common = {
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    // One exchange at a time: no connection is kept for later, so nothing lingers after a cancel.
    pipelining: 0,
  };
  if (proxy?.url) {
    const tls = { rejectUnauthorized: proxy.strictSSL !== false, timeout: timeoutMs };
    return new ProxyAgent({ ...common, uri: proxy.url, requestTls: tls, proxyTls: tls, connect: { timeout: timeoutMs } });
  }
  return new Agent({ ...common, connect: { timeout: timeoutMs } });
}
