/**
 * Finds an HTTP status check at a position in code: `res.status === 429`, `response.status == 401`,
 * `status_code != 403`, `[429, 503].includes(res.status)`, `case 401:` under a switch on a status,
 * and named constants (`http.StatusTooManyRequests`, `HTTPStatus.TOO_MANY_REQUESTS`,
 * `StatusCodes.UNAUTHORIZED`, `requests.codes.too_many_requests`). Lexical and per line, so it
 * works the same in every language the editor lints and on half-typed code.
 */

export interface StatusCheck {
  status: number;
  /** The number or constant under the cursor (UTF-16 offsets). */
  start: number;
  end: number;
}

/** Names of status constants, lower-cased without `_`, as Go, Python and JS libraries spell them. */
const NAMED_STATUS: Record<string, number> = {
  continue: 100, switchingprotocols: 101, ok: 200, created: 201, accepted: 202, nocontent: 204,
  partialcontent: 206, multiplechoices: 300, movedpermanently: 301, found: 302, seeother: 303,
  notmodified: 304, temporaryredirect: 307, permanentredirect: 308, badrequest: 400,
  unauthorized: 401, paymentrequired: 402, forbidden: 403, notfound: 404, methodnotallowed: 405,
  notacceptable: 406, proxyauthrequired: 407, proxyauthenticationrequired: 407, requesttimeout: 408,
  conflict: 409, gone: 410, lengthrequired: 411, preconditionfailed: 412,
  requestentitytoolarge: 413, payloadtoolarge: 413, contenttoolarge: 413, requesturitoolong: 414,
  uritoolong: 414, unsupportedmediatype: 415, requestedrangenotsatisfiable: 416,
  rangenotsatisfiable: 416, expectationfailed: 417, teapot: 418, imateapot: 418,
  misdirectedrequest: 421, unprocessableentity: 422, unprocessablecontent: 422, locked: 423,
  faileddependency: 424, tooearly: 425, upgraderequired: 426, preconditionrequired: 428,
  toomanyrequests: 429, requestheaderfieldstoolarge: 431, unavailableforlegalreasons: 451,
  internalservererror: 500, notimplemented: 501, badgateway: 502, serviceunavailable: 503,
  gatewaytimeout: 504, httpversionnotsupported: 505, insufficientstorage: 507,
  networkauthenticationrequired: 511,
};

/** Where status constants live: Go `http.Status…`, Python `HTTPStatus.` / `codes.`, JS `StatusCodes.`. */
const CONSTANT = /\b(?:http\.Status(\w+)|(?:HTTPStatus|StatusCodes|HttpStatus|HttpStatusCode|status|codes)\.([A-Za-z_]\w*))/g;
/** A word that says the compared value is a response status. */
const STATUS_WORD = /(?:\bstatus(?:Code|_code|code)?\b|\.status\b|\.statusCode\b|\.StatusCode\b|\.status_code\b|\.code\b)/i;
const NUMBER = /\b([1-5]\d\d)\b/g;

export function findStatusCheck(text: string, offset: number): StatusCheck | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  const col = offset - lineStart;

  for (const m of line.matchAll(CONSTANT)) {
    const name = (m[1] ?? m[2]).replace(/_/g, '').toLowerCase();
    // FastAPI/Starlette spell the number into the name: `status.HTTP_429_TOO_MANY_REQUESTS`.
    const numbered = /^http([1-5]\d\d)/.exec(name);
    const status = numbered ? Number(numbered[1]) : NAMED_STATUS[name];
    const start = m.index ?? 0;
    if (status !== undefined && col >= start && col <= start + m[0].length) {
      return { status, start: lineStart + start, end: lineStart + start + m[0].length };
    }
  }

  for (const m of line.matchAll(NUMBER)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (col < start || col > end) continue;
    if (insideStringOrComment(line, start)) return undefined;
    const status = Number(m[1]);
    if (isComparedToStatus(line, start, end) || isCaseOfStatusSwitch(text, lineStart, line)) {
      return { status, start: lineStart + start, end: lineStart + end };
    }
    return undefined;
  }
  return undefined;
}

/** `x.status === 429`, `429 == status_code`, `status in (429, 503)`, `[429, 503].includes(res.status)`. */
function isComparedToStatus(line: string, start: number, end: number): boolean {
  const before = line.slice(0, start);
  const after = line.slice(end);
  if (/(?:===|!==|==|!=|>=|<=|<|>)\s*$/.test(before) && STATUS_WORD.test(before)) return true;
  if (/^\s*(?:===|!==|==|!=|>=|<=|<|>)/.test(after) && STATUS_WORD.test(after.split(/&&|\|\||\band\b|\bor\b/)[0])) return true;
  // A list of statuses compared with a status: `in (429, 503)`, `[429, 503].includes(res.status)`.
  if (/\bin\s*[([{][\d\s,]*$/.test(before) && STATUS_WORD.test(before)) return true;
  if (/[[(][\d\s,]*$/.test(before) && /^[\d\s,]*[\])]\s*\.(?:includes|has|indexOf)\(\s*[^)]*?(?:status|code)/i.test(after)) return true;
  return false;
}

/** `case 401:` or `case 401, 403:` whose switch (or Python `match`) is on a status, up to 80 lines up. */
function isCaseOfStatusSwitch(text: string, lineStart: number, line: string): boolean {
  if (!/^\s*case\s+[\d\s,|]+:?/.test(line)) return false;
  let end = lineStart - 1;
  for (let n = 0; n < 80 && end > 0; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const previous = text.slice(start, end);
    if (/^\s*(?:switch|match)\b/.test(previous) || /\bswitch\s*[({]?/.test(previous)) return STATUS_WORD.test(previous);
    end = start - 1;
  }
  return false;
}

/** A quote or comment opener before the number on the line (good enough on one line). */
function insideStringOrComment(line: string, index: number): boolean {
  const before = line.slice(0, index);
  if (/\/\/|(^|\s)#/.test(before)) return true;
  let quote: string | undefined;
  for (const c of before) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
  }
  return quote !== undefined;
}
