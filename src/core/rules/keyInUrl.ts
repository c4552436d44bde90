import type { UrlArgument } from '../javascript/requestSites';
import { isSecretParamName } from '../secretNames';
import type { Finding } from '../types';

export const KEY_IN_URL = 'key-in-url';

/**
 * A credential in a URL's query string ends up in server logs, proxies, browser history and
 * Referer headers, and many APIs reject it outright (401). Flags `name=value` pairs whose name
 * says it is a secret; the range covers the pair inside the string.
 */
export function checkKeyInUrl(urls: readonly UrlArgument[], extraNames: readonly string[] = []): Finding[] {
  const findings: Finding[] = [];
  for (const url of urls) {
    let seenQuery = false;
    for (const piece of url.pieces) {
      let i = 0;
      while (i < piece.text.length) {
        if (!seenQuery) {
          const q = piece.text.indexOf('?', i);
          if (q < 0) break;
          seenQuery = true;
          i = q + 1;
          continue;
        }
        const amp = piece.text.indexOf('&', i);
        const stop = amp < 0 ? piece.text.length : amp;
        const pair = piece.text.slice(i, stop);
        const eq = pair.indexOf('=');
        const name = eq < 0 ? '' : pair.slice(0, eq);
        const hash = pair.indexOf('#');
        if (eq > 0 && !name.includes('\u0000') && isSecretParamName(decodeURIComponentSafe(name), extraNames)) {
          // The value may continue into a `${…}` substitution: end the range after it.
          let end = piece.start + stop;
          if (amp < 0 && piece !== url.pieces[url.pieces.length - 1]) {
            const next = url.pieces[url.pieces.indexOf(piece) + 1];
            end = substitutionEnd(url, next.start);
          }
          findings.push({
            ruleId: KEY_IN_URL,
            severity: 'warning',
            message:
              `The query parameter "${name}" sends a credential in the URL. URLs are written to server and proxy logs, ` +
              'browser history and Referer headers, and many APIs reject keys there (401). Send it in the Authorization header instead.',
            start: piece.start + i,
            end,
          });
        }
        if (hash >= 0) break;
        i = stop + 1;
      }
    }
  }
  return findings;
}

function substitutionEnd(url: UrlArgument, substitutionStart: number): number {
  const node = url.node.namedChildren.find((c) => c?.startIndex === substitutionStart);
  return node ? node.endIndex : substitutionStart;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
