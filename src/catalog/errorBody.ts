/**
 * Finds the error code and message in a response body, whatever shape it has: FastAPI-style
 * `{"detail": "..."}` or `{"detail": {"code", "message"}}`, `{"error": ...}`, `{"code", "message"}`,
 * storage XML (`<Error><Code>NoSuchKey</Code>`), HTML error pages, plain text, or nothing.
 */

export type BodyKind = 'empty' | 'json' | 'json-truncated' | 'xml' | 'html' | 'text' | 'binary';

export interface ErrorBody {
  kind: BodyKind;
  /** Machine codes found, most specific first (`detail.code`, `error.code`, `code`, XML `<Code>`). */
  codes: string[];
  /** Human messages found (`detail` string, `message`, `error` string, XML `<Message>`, a short text body). */
  messages: string[];
  /** A request id the body itself carries (`request_id`, XML `<RequestId>`). */
  requestId?: string;
  /** The body as text (bytes decoded as UTF-8), for the ticket. */
  text: string;
}

const MAX_SCAN = 256 * 1024;

export function bodyText(body: string | Uint8Array | undefined): { text: string; binary: boolean } {
  if (body === undefined) return { text: '', binary: false };
  if (typeof body === 'string') return { text: body, binary: false };
  const head = body.subarray(0, 1024);
  // NUL bytes or a high share of control bytes: audio, ZIP, images.
  let control = 0;
  for (const b of head) if (b === 0 || (b < 32 && b !== 9 && b !== 10 && b !== 13)) control++;
  if (head.length > 0 && (head.includes(0) || control / head.length > 0.1)) return { text: `[${body.length} bytes of binary data]`, binary: true };
  return { text: new TextDecoder('utf-8', { fatal: false }).decode(body.subarray(0, MAX_SCAN)), binary: false };
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function push(list: string[], v: string | undefined): void {
  if (v && !list.includes(v)) list.push(v.length > 500 ? v.slice(0, 500) + '…' : v);
}

/** Reads an error object of the common shapes into codes and messages, one level deep at a time. */
function readJsonError(value: unknown, codes: string[], messages: string[], depth: number): string | undefined {
  if (depth > 3 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    // FastAPI validation errors: {"detail": [{"loc": [...], "msg": "...", "type": "..."}]}
    for (const item of value.slice(0, 5)) {
      if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        push(codes, str(o.type) ?? str(o.code));
        const loc = Array.isArray(o.loc) ? o.loc.join('.') : undefined;
        const msg = str(o.msg) ?? str(o.message);
        push(messages, msg && loc ? `${loc}: ${msg}` : msg);
      } else push(messages, str(item));
    }
    return undefined;
  }
  const o = value as Record<string, unknown>;
  let requestId = str(o.request_id) ?? str(o.requestId) ?? str(o.requestID) ?? str(o.trace_id);
  for (const field of ['detail', 'error', 'errors']) {
    const v = o[field];
    // OAuth and many others put a code in `error` ("invalid_token") and the prose elsewhere.
    if (typeof v === 'string' && field === 'error' && /^[a-z][a-z0-9]*([_.-][a-z0-9]+)+$/i.test(v.trim())) push(codes, v.trim());
    else if (typeof v === 'string') push(messages, str(v));
    else if (v && typeof v === 'object') requestId = readJsonError(v, codes, messages, depth + 1) ?? requestId;
  }
  push(codes, str(o.code) ?? str(o.Code) ?? str(o.error_code) ?? str(o.errorCode) ?? (typeof o.type === 'string' ? str(o.type) : undefined));
  push(messages, str(o.message) ?? str(o.Message) ?? str(o.error_description) ?? str(o.msg) ?? str(o.title));
  return requestId;
}

function xmlTag(text: string, tag: string): string | undefined {
  const open = text.indexOf(`<${tag}>`);
  if (open < 0) return undefined;
  const start = open + tag.length + 2;
  const end = text.indexOf(`</${tag}>`, start);
  const raw = text.slice(start, end < 0 ? Math.min(text.length, start + 300) : end).trim();
  return raw ? raw.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&') : undefined;
}

function htmlTitle(text: string): string | undefined {
  const m = /<title[^>]{0,200}>([^<]{1,300})<\/title>/i.exec(text) ?? /<h1[^>]{0,200}>([^<]{1,300})<\/h1>/i.exec(text);
  return m ? m[1].replace(/\s+/g, ' ').trim() : undefined;
}

export function readErrorBody(body: string | Uint8Array | undefined, contentType = ''): ErrorBody {
  const { text, binary } = bodyText(body);
  if (binary) return { kind: 'binary', codes: [], messages: [], text };
  const scan = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const trimmed = scan.trim();
  const codes: string[] = [];
  const messages: string[] = [];
  if (!trimmed) return { kind: 'empty', codes, messages, text };
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || /json/i.test(contentType)) {
    try {
      const requestId = readJsonError(JSON.parse(trimmed), codes, messages, 0);
      return { kind: 'json', codes, messages, text, ...(requestId ? { requestId } : {}) };
    } catch {
      // Cut short (size cap, dropped connection): pick the common fields out of the text.
      const grab = (field: string): string | undefined => {
        const m = new RegExp(`"${field}"\\s*:\\s*"((?:[^"\\\\]|\\\\.){1,500})"`).exec(trimmed);
        if (!m) return undefined;
        try {
          return JSON.parse(`"${m[1]}"`) as string;
        } catch {
          return m[1];
        }
      };
      push(codes, grab('code'));
      push(messages, grab('detail') ?? grab('message') ?? grab('error'));
      if (trimmed.startsWith('{') || trimmed.startsWith('[')) return { kind: 'json-truncated', codes, messages, text };
    }
  }
  if (trimmed.startsWith('<?xml') || /^<Error[\s>]/.test(trimmed) || (/xml/i.test(contentType) && !/html/i.test(contentType))) {
    push(codes, xmlTag(trimmed, 'Code'));
    push(messages, xmlTag(trimmed, 'Message'));
    const requestId = xmlTag(trimmed, 'RequestId');
    return { kind: 'xml', codes, messages, text, ...(requestId ? { requestId } : {}) };
  }
  if (/^<(!doctype\s+html|html|head|body)[\s>]/i.test(trimmed) || /html/i.test(contentType)) {
    push(messages, htmlTitle(trimmed));
    return { kind: 'html', codes, messages, text };
  }
  // Plain text: a short body is the message; a code-like single word is also a code.
  const firstLine = trimmed.split(/\r?\n/, 1)[0].trim();
  if (/^[A-Za-z][A-Za-z0-9_.-]{2,60}$/.test(firstLine)) push(codes, firstLine);
  push(messages, firstLine.length <= 300 ? firstLine : firstLine.slice(0, 300) + '…');
  return { kind: 'text', codes, messages, text };
}
