/**
 * Reads an HTTP exchange as people paste it: a raw response (`HTTP/1.1 429 ...`, headers, blank
 * line, body), `curl -i` or `curl -v` output, browser devtools' copied headers (`Request URL:`,
 * `Status Code:`), optionally preceded by the request (`POST https://... `, its headers and body).
 */

export interface PastedExchange {
  method?: string;
  url?: string;
  status?: number;
  /** Response headers in order. */
  headers: Array<[string, string]>;
  /** Response body as pasted. */
  body: string;
  requestHeaders: Array<[string, string]>;
  requestBody?: string;
}

const METHODS = 'GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE';
const REQUEST_LINE = new RegExp(`^(${METHODS})\\s+(\\S+)(?:\\s+HTTP/[\\d.]+)?$`, 'i');
const STATUS_LINE = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/i;
const DEVTOOLS_STATUS = /^(?:Status(?: Code)?|:status):\s*(\d{3})\b/i;
const HEADER_LINE = /^(:?[A-Za-z0-9!#$%&'*+.^_`|~-]+):[ \t]*(.*)$/;

type Section = 'start' | 'request-headers' | 'request-body' | 'response-headers' | 'response-body';

function hostUrl(host: string, target: string, tls: boolean | undefined): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return target;
  return `${tls === false ? 'http' : 'https'}://${host}${target.startsWith('/') ? '' : '/'}${target}`;
}

export function parsePastedExchange(text: string): PastedExchange {
  const out: PastedExchange = { headers: [], body: '', requestHeaders: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let section: Section = 'start';
  const requestBody: string[] = [];
  const responseBody: string[] = [];
  let host: string | undefined;
  let target: string | undefined;
  let tls: boolean | undefined;

  const startResponse = (status: number): void => {
    out.status = status;
    out.headers = [];
    responseBody.length = 0;
    section = 'response-headers';
  };

  for (const raw of lines) {
    // curl -v marks request lines with "> ", response lines with "< ", its own notes with "* ".
    let line = raw;
    let direction: '>' | '<' | undefined;
    if (/^[<>]( |$)/.test(raw)) {
      direction = raw[0] as '>' | '<';
      line = raw.slice(2);
    } else if (/^\* /.test(raw)) {
      if (/port 443\b|SSL connection|TLS/i.test(raw)) tls = true;
      else if (/Connected to .* port 80\b/.test(raw)) tls = false;
      continue;
    } else if (/^[{}] \[\d+ bytes? data\]$/.test(raw)) continue;
    const trimmed = line.trim();

    // A status line starts the response anywhere (a second one, after a redirect or `100 Continue`,
    // starts over); devtools' `Status Code:` only outside bodies.
    const status = STATUS_LINE.exec(trimmed) ?? (section === 'response-body' || section === 'request-body' ? null : DEVTOOLS_STATUS.exec(trimmed));
    if (status) {
      startResponse(Number(status[1]));
      continue;
    }

    if (section === 'start') {
      if (!trimmed) continue;
      const request = REQUEST_LINE.exec(trimmed);
      if (request) {
        out.method = request[1].toUpperCase();
        target = request[2];
        section = 'request-headers';
        continue;
      }
      const devtools = /^Request (URL|Method):\s*(\S+)/i.exec(trimmed);
      if (devtools) {
        if (devtools[1].toLowerCase() === 'url') out.url = devtools[2];
        else out.method = devtools[2].toUpperCase();
        continue;
      }
      if (HEADER_LINE.test(trimmed) && !/^[{[]/.test(trimmed)) {
        // Headers with no status line before them: taken as response headers, status still unknown.
        section = 'response-headers';
      } else {
        section = 'response-body';
      }
    }

    if (section === 'request-headers') {
      if (!trimmed) {
        section = 'request-body';
        continue;
      }
      const h = HEADER_LINE.exec(trimmed);
      if (h) {
        if (h[1].toLowerCase() === 'host') host = h[2].trim();
        out.requestHeaders.push([h[1], h[2]]);
        continue;
      }
      section = 'request-body';
    }
    if (section === 'request-body') {
      if (direction === '<') {
        section = 'response-headers';
      } else {
        requestBody.push(line);
        continue;
      }
    }
    if (section === 'response-headers') {
      if (!trimmed) {
        section = 'response-body';
        continue;
      }
      const devtools = /^Request (URL|Method):\s*(\S+)/i.exec(trimmed);
      if (devtools) {
        if (devtools[1].toLowerCase() === 'url') out.url = devtools[2];
        else out.method = devtools[2].toUpperCase();
        continue;
      }
      // Devtools' own lines, not headers the server sent.
      if (/^(Remote Address|Referrer Policy)\s*:/i.test(trimmed)) continue;
      const h = HEADER_LINE.exec(trimmed);
      if (h) {
        if (!h[1].startsWith(':')) out.headers.push([h[1], h[2]]);
        continue;
      }
      section = 'response-body';
    }
    responseBody.push(line);
  }

  if (!out.url && target) out.url = host ? hostUrl(host, target, tls) : target;
  const reqBody = requestBody.join('\n').trim();
  if (reqBody) out.requestBody = reqBody;
  out.body = responseBody.join('\n').replace(/^\n+|\s+$/g, '');
  return out;
}

/**
 * What the user typed or pasted, ready for the decoder: a bare status (`429`) is accepted too.
 * `status` stays undefined when none was found; the caller asks for it.
 */
export function readPastedError(text: string): PastedExchange {
  const bare = /^\s*(\d{3})\s*$/.exec(text);
  if (bare) return { status: Number(bare[1]), headers: [], body: '', requestHeaders: [] };
  // "429 Too Many Requests" as a first line, without the HTTP/1.1 in front.
  if (/^\s*[1-5]\d\d[ \t]+[A-Za-z]/.test(text)) return parsePastedExchange(`HTTP/1.1 ${text.trimStart()}`);
  return parsePastedExchange(text);
}

