/** Redirect rules: where the next hop goes, with which method, and who may see credentials. */

export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface NextHop {
  url: URL;
  method: string;
  /** 303, and 301/302 after a POST, switch to GET and send no body. */
  dropBody: boolean;
}

/** The next hop, or a reason it cannot be followed (the 3xx response is then the answer). */
export function nextHop(method: string, status: number, location: string | undefined, current: URL): NextHop | string {
  if (!location) return `The server answered ${status} without a Location header.`;
  let url: URL;
  try {
    url = new URL(location, current);
  } catch {
    return `The server redirected to "${location.slice(0, 80)}", which is not a URL.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `The server redirected to a ${url.protocol} address; only http and https are followed.`;
  const m = method.toUpperCase();
  if ((status === 303 && m !== 'HEAD') || ((status === 301 || status === 302) && m === 'POST')) {
    return { url, method: 'GET', dropBody: true };
  }
  return { url, method: m, dropBody: false };
}

/**
 * Whether a host may receive the key. An entry with a port (`127.0.0.1:8787`) must match host and
 * port; an entry without one matches the host name on any port; `*.example.com` matches subdomains.
 */
export function hostAllowed(url: URL, hosts: readonly string[]): boolean {
  const hostname = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const host = url.host.toLowerCase();
  return hosts.some((raw) => {
    const h = raw.trim().toLowerCase();
    if (!h) return false;
    if (h.startsWith('*.')) return hostname.endsWith(h.slice(1)) && hostname.length > h.length - 1;
    return h.includes(':') && !h.startsWith('[') && h.split(':').length === 2 ? h === host : h.replace(/^\[|\]$/g, '') === hostname;
  });
}

/** Headers that carry credentials the user typed; they never follow a redirect to another origin. */
export const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);
