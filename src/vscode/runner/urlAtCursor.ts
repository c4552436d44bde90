/**
 * The fallback for "Send Request at Cursor" when no request site covers the cursor: the URL string
 * literal under the cursor, its unknown parts (`${x}`, `{x}`, `{{x}}`, f-string fields) found so the
 * user can be asked for them, and a method guessed from the same line. Pure.
 */

export interface UrlAtCursor {
  /** The URL with each unknown part written as `{name}`. */
  template: string;
  /** Names of the unknown parts, in order, without repeats. */
  holes: string[];
  method: string;
}

const QUOTES = ['"', "'", '`'];

export function urlAtCursor(line: string, column: number): UrlAtCursor | undefined {
  for (let i = 0; i < line.length; i++) {
    const q = line[i];
    if (!QUOTES.includes(q)) continue;
    let j = i + 1;
    while (j < line.length && line[j] !== q) j += line[j] === '\\' ? 2 : 1;
    if (column >= i && column <= j + 1) {
      const text = line.slice(i + 1, j);
      if (!/^(https?:\/\/|\$\{|\{)/i.test(text)) return undefined;
      return toTemplate(text, method(line));
    }
    i = j;
  }
  return undefined;
}

function toTemplate(text: string, m: string): UrlAtCursor | undefined {
  const holes: string[] = [];
  const name = (raw: string) => {
    const n = raw.trim().replace(/^process\.env\./, '').replace(/[^\w.-]/g, '_').slice(0, 40) || 'value';
    if (!holes.includes(n)) holes.push(n);
    return `{${n}}`;
  };
  const template = text
    .replace(/\$\{([^}]*)\}/g, (_m, x: string) => name(x))
    .replace(/\{\{([^}]*)\}\}/g, (_m, x: string) => name(x))
    .replace(/\{([^{}]*)\}/g, (_m, x: string) => name(x));
  if (!/^(https?:\/\/|\{)/i.test(template)) return undefined;
  return { template, holes, method: m };
}

function method(line: string): string {
  const m = /\.(get|post|put|patch|delete|head|options)\s*\(/i.exec(line) ??
    /method\s*[:=]\s*["'`](get|post|put|patch|delete|head|options)["'`]/i.exec(line) ??
    /-X\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/i.exec(line) ??
    /^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S/.exec(line);
  return m ? m[1].toUpperCase() : 'GET';
}

/** The template with each `{name}` replaced by its value (URL-encoded unless it is the scheme and host). */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([\w.-]+)\}/g, (m, n: string, offset: number) => {
    const v = values[n];
    if (v === undefined) return m;
    return offset === 0 ? v : encodeURIComponent(v);
  });
}
