/**
 * A parser for `.http` / `.rest` files as written for the REST Client and httpYac extensions.
 * There is no tree-sitter grammar for them; the format is line-based:
 *
 *   @host = https://api.example.com          file variable
 *   # comment, // comment, # @name metadata
 *   ### optional title                        request separator
 *   POST {{host}}/v1/items?limit=5 HTTP/1.1   request line (method optional: GET)
 *     ?page=2                                 query continuation lines (REST Client)
 *   Authorization: Bearer {{token}}           headers, up to the first blank line
 *
 *   { "body": "…" }                           body, up to the next separator
 *
 * Every piece keeps its UTF-16 offset in the document so rules can point at it and edit it.
 */

export interface TextSpan {
  text: string;
  start: number;
}

export interface HttpVariable {
  name: TextSpan;
  value: TextSpan;
  /** The whole `@name = value` line, without its line break. */
  line: TextSpan;
}

export interface HttpHeader {
  name: TextSpan;
  value: TextSpan;
  line: TextSpan;
}

export interface HttpRequest {
  method: string;
  /** The method as written, when it is written. */
  methodSpan?: TextSpan;
  /** The URL on the request line; continuation lines (`?a=1`, `&b=2`) are in `urlContinuations`. */
  url: TextSpan;
  urlContinuations: TextSpan[];
  headers: HttpHeader[];
  body?: TextSpan;
  /** From the request line to the end of its last header (or body). */
  start: number;
  end: number;
  /** Offset just after the last header line's break (or the request line's), where a header can be inserted. */
  headerInsertOffset: number;
  /** The line break the file uses there (`\n` or `\r\n`). */
  eol: string;
}

export interface HttpFile {
  variables: HttpVariable[];
  requests: HttpRequest[];
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'GRAPHQL']);

interface Line {
  text: string;
  start: number;
  /** The offset after the line break (the next line's start). */
  next: number;
  eol: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  const re = /\r\n|\n|\r/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    lines.push({ text: text.slice(start, m.index), start, next: m.index + m[0].length, eol: m[0] });
    start = m.index + m[0].length;
  }
  if (start < text.length || lines.length === 0) lines.push({ text: text.slice(start), start, next: text.length, eol: '' });
  return lines;
}

const isSeparator = (t: string) => /^\s*###/.test(t);
const isComment = (t: string) => /^\s*(#|\/\/)/.test(t);
const isBlank = (t: string) => t.trim().length === 0;

/** `text` with the leading and trailing whitespace removed, and where it starts. */
function trimmed(text: string, start: number): TextSpan {
  const lead = text.length - text.trimStart().length;
  return { text: text.trim(), start: start + lead };
}

function parseVariable(line: Line): HttpVariable | undefined {
  const m = /^(\s*)@([A-Za-z_][\w.-]*)\s*=\s?(.*)$/.exec(line.text);
  if (!m) return undefined;
  const nameStart = line.start + m[1].length + 1;
  const valueOffset = line.text.length - m[3].length;
  return {
    name: { text: m[2], start: nameStart },
    value: trimmed(m[3], line.start + valueOffset),
    line: { text: line.text, start: line.start },
  };
}

function parseRequestLine(line: Line): { method: string; methodSpan?: TextSpan; url: TextSpan } | undefined {
  const lead = line.text.length - line.text.trimStart().length;
  const body = line.text.slice(lead);
  const m = /^([A-Za-z]+)\s+(\S.*)$/.exec(body);
  let method = 'GET';
  let methodSpan: TextSpan | undefined;
  let rest = body;
  let restStart = line.start + lead;
  if (m && METHODS.has(m[1].toUpperCase())) {
    method = m[1].toUpperCase();
    methodSpan = { text: m[1], start: restStart };
    rest = m[2];
    restStart = line.start + lead + body.length - m[2].length;
  }
  // A trailing `HTTP/1.1` or `HTTP/2` is the protocol, not part of the URL.
  const protocol = /\s+HTTP\/\d(\.\d)?\s*$/i.exec(rest);
  const urlText = (protocol ? rest.slice(0, protocol.index) : rest).trimEnd();
  if (!/^(https?:\/\/|wss?:\/\/|\{\{|\/|[\w.-]+(:\d+)?\/)/i.test(urlText)) return undefined;
  return { method, methodSpan, url: { text: urlText, start: restStart } };
}

export function parseHttpFile(text: string): HttpFile {
  const lines = splitLines(text);
  const variables: HttpVariable[] = [];
  const requests: HttpRequest[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line.text) || isSeparator(line.text) || isComment(line.text)) {
      i++;
      continue;
    }
    // An httpYac script block (`{{` … `}}` on lines of their own) is code, not a request.
    if (/^\s*\{\{[+@]?\s*$/.test(line.text)) {
      i++;
      while (i < lines.length && !/^\s*\}\}\s*$/.test(lines[i].text) && !isSeparator(lines[i].text)) i++;
      i++;
      continue;
    }
    const variable = parseVariable(line);
    if (variable) {
      variables.push(variable);
      i++;
      continue;
    }
    const requestLine = parseRequestLine(line);
    if (!requestLine) {
      // Not something this format knows here (stray text): skip to the next separator.
      while (i < lines.length && !isSeparator(lines[i].text)) i++;
      continue;
    }
    const request: HttpRequest = {
      ...requestLine,
      urlContinuations: [],
      headers: [],
      start: line.start + (line.text.length - line.text.trimStart().length),
      end: line.start + line.text.length,
      headerInsertOffset: line.next,
      eol: line.eol || '\n',
    };
    i++;
    while (i < lines.length && /^\s*[?&]/.test(lines[i].text)) {
      request.urlContinuations.push(trimmed(lines[i].text, lines[i].start));
      request.end = lines[i].start + lines[i].text.length;
      request.headerInsertOffset = lines[i].next;
      i++;
    }
    while (i < lines.length && !isBlank(lines[i].text) && !isSeparator(lines[i].text)) {
      const l = lines[i];
      i++;
      if (isComment(l.text)) continue;
      const colon = l.text.indexOf(':');
      if (colon <= 0) continue;
      const name = trimmed(l.text.slice(0, colon), l.start);
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name.text)) continue;
      request.headers.push({ name, value: trimmed(l.text.slice(colon + 1), l.start + colon + 1), line: { text: l.text, start: l.start } });
      request.end = l.start + l.text.length;
      request.headerInsertOffset = l.next;
      if (l.eol) request.eol = l.eol;
    }
    // The body runs from after the blank line to the next separator (trailing blank lines dropped).
    if (i < lines.length && isBlank(lines[i].text)) {
      let j = i + 1;
      let last = -1;
      while (j < lines.length && !isSeparator(lines[j].text)) {
        if (!isBlank(lines[j].text)) last = j;
        j++;
      }
      if (last >= 0) {
        const start = lines[i + 1].start;
        const end = lines[last].start + lines[last].text.length;
        request.body = { text: text.slice(start, end), start };
        request.end = end;
      }
      i = j;
    }
    requests.push(request);
  }
  return { variables, requests };
}

/** The `{{…}}` references in a piece of text, with their offsets. */
export function variableReferences(span: TextSpan): { expression: string; start: number; end: number }[] {
  const refs: { expression: string; start: number; end: number }[] = [];
  const re = /\{\{\s*([^{}]*?)\s*\}\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(span.text))) refs.push({ expression: m[1], start: span.start + m.index, end: span.start + m.index + m[0].length });
  return refs;
}
