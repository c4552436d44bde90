/** Checks made before anything is sent: the URL, header syntax and the shape of the key. */

export interface KeyCheck {
  /** The key as it will be sent (surrounding whitespace removed). */
  key: string;
  /** Problems that stop the request: the server would reject the key anyway. */
  problems: string[];
  /** Things fixed silently, worth telling the user about. */
  warnings: string[];
}

export function checkKey(value: string, scheme = 'Bearer'): KeyCheck {
  const key = value.trim();
  const problems: string[] = [];
  const warnings: string[] = [];
  if (key !== value) warnings.push('The key had spaces or a line break around it; they were removed before sending.');
  if (!key) problems.push('The key is empty.');
  if (/\s/.test(key)) problems.push('The key contains a space or line break inside it; copy it again from the dashboard.');
  if (/["'`\u201c\u201d\u2018\u2019]/.test(key)) problems.push('The key contains quote marks; store the key without quotes.');
  if (scheme && key.toLowerCase().startsWith(`${scheme.toLowerCase()} `)) {
    problems.push(`The key already starts with "${scheme}"; store only the key, the runner adds "${scheme} ".`);
  }
  // Control characters and non-ASCII letters cannot travel in a header value unchanged.
  if (/[\u0000-\u001f\u007f]/.test(value.replace(/^\s+|\s+$/g, '')) || /[^\u0000-\u007f]/.test(key)) {
    problems.push('The key contains characters that cannot be sent in a header.');
  }
  return { key, problems: [...new Set(problems)], warnings };
}

/** The header value for a key, with exactly one space between scheme and key. */
export function authorizationValue(key: string, scheme = 'Bearer'): string {
  return scheme ? `${scheme} ${key}` : key;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Header problems that would let a value split into two headers or that undici refuses. */
export function checkHeaders(headers: Array<[string, string]>): string[] {
  const problems: string[] = [];
  for (const [name, value] of headers) {
    if (!TOKEN.test(name)) problems.push(`The header name "${printable(name)}" has characters a header name cannot hold.`);
    if (/[\r\n\u0000]/.test(value)) problems.push(`The value of header "${printable(name)}" contains a line break or NUL character.`);
    else if (/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) problems.push(`The value of header "${printable(name)}" contains control characters.`);
  }
  return problems;
}

function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).slice(0, 60);
}

export function parseHttpUrl(url: string): URL | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${printable(url).slice(0, 80)}" is not a URL.`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `The runner sends http and https requests only, not ${parsed.protocol.replace(':', '')}.`;
  return parsed;
}

export function headerEntries(headers: Record<string, string> | Array<[string, string]> | undefined): Array<[string, string]> {
  if (!headers) return [];
  return Array.isArray(headers) ? headers.map(([k, v]) => [k, v]) : Object.entries(headers);
}
