/**
 * Turns a request into code a user can paste: curl, JavaScript fetch, Python requests, and a
 * `.http` file. The key is always read from an environment variable; the generated text never
 * holds the key itself, and other secrets in it are masked.
 */
import { isSecretName, redactBody, redactText } from '../catalog/redact';
import { isSecretParamName } from '../core/secretNames';
import { headerEntries } from './preflight';
import { scrubSecrets } from './redactExchange';
import type { RequestBody } from './types';

export interface CodegenRequest {
  method: string;
  url: string;
  headers?: Record<string, string> | Array<[string, string]>;
  body?: RequestBody;
  /** Provider id (`waves`) or name: the key's variable becomes `WAVES_API_KEY`. */
  provider?: string | null;
  /** Overrides the variable name. */
  keyEnvVar?: string;
  /** How the runner sends the key; also used to recognise a typed-in key header. */
  key?: { value?: string; scheme?: string; header?: string };
}

export type CodeFormat = 'curl' | 'fetch' | 'python' | 'http';

/** A string as literal pieces and environment variable references. */
type Piece = { text: string } | { env: string };

export function keyEnvVarName(provider?: string | null): string {
  const p = (provider ?? '').toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return p && p !== 'HTTP' ? `${p}_API_KEY` : 'API_KEY';
}

function envNameForHeader(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'SECRET';
}

interface Prepared {
  method: string;
  url: Piece[];
  headers: Array<[string, Piece[]]>;
  /** Text body (secrets masked), or a note for binary and file bodies. */
  body: { text: string; json: unknown | undefined } | { binary: string } | null;
  envVars: string[];
}

function prepare(req: CodegenRequest): Prepared {
  const keyVar = req.keyEnvVar ?? keyEnvVarName(req.provider);
  const secrets = req.key?.value ? [req.key.value] : [];
  const scrub = (t: string) => scrubSecrets(t, secrets);
  const keyHeader = (req.key?.header ?? 'Authorization').toLowerCase();
  const scheme = req.key?.scheme ?? 'Bearer';
  const envVars = new Set<string>();

  // The URL: secret query values become the key variable; everything else is masked text.
  const url: Piece[] = [];
  const q = req.url.indexOf('?');
  url.push({ text: scrub(redactText(q < 0 ? req.url : req.url.slice(0, q))) });
  if (q >= 0) {
    const pairs = req.url.slice(q + 1).split('&');
    pairs.forEach((pair, i) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      url.push({ text: i === 0 ? '?' : '&' });
      if (eq >= 0 && isSecretParamName(safeDecode(name))) {
        url.push({ text: `${name}=` }, { env: keyVar });
        envVars.add(keyVar);
      } else url.push({ text: scrub(redactText(pair)) });
    });
  }

  const headers: Array<[string, Piece[]]> = [];
  let keyHeaderSeen = false;
  for (const [name, value] of headerEntries(req.headers)) {
    const lower = name.toLowerCase();
    if (lower === keyHeader || lower === 'authorization' || lower === 'x-api-key') {
      const m = /^\s*([A-Za-z][A-Za-z0-9._-]*)\s+\S/.exec(value);
      const word = lower === 'x-api-key' ? '' : (m?.[1] ?? (lower === keyHeader ? scheme : ''));
      headers.push([name, word ? [{ text: `${word} ` }, { env: keyVar }] : [{ env: keyVar }]]);
      envVars.add(keyVar);
      keyHeaderSeen ||= lower === keyHeader;
    } else if (isSecretName(name) || lower === 'cookie' || lower === 'proxy-authorization') {
      const v = envNameForHeader(name);
      headers.push([name, [{ env: v }]]);
      envVars.add(v);
    } else headers.push([name, [{ text: scrub(redactText(value)) }]]);
  }
  if (req.key && !keyHeaderSeen) {
    const name = req.key.header ?? 'Authorization';
    headers.unshift([name, scheme ? [{ text: `${scheme} ` }, { env: keyVar }] : [{ env: keyVar }]]);
    envVars.add(keyVar);
  }

  let body: Prepared['body'] = null;
  if (typeof req.body === 'string' && req.body.length) {
    const text = scrub(redactBody(req.body));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    // redactBody pretty-prints JSON; keep the user's own text when nothing was masked.
    const unchanged = text === req.body || (json !== undefined && safeJson(req.body) === JSON.stringify(json));
    body = { text: unchanged ? req.body : text, json };
  } else if (req.body instanceof Uint8Array) body = { binary: 'body.bin' };
  else if (req.body && typeof req.body === 'object') body = { binary: req.body.filePath.split(/[\\/]/).pop() || 'body.bin' };
  return { method: req.method.toUpperCase(), url: merge(url), headers, body, envVars: [...envVars] };
}

/** Joins neighbouring literal pieces so each language writes one string literal for them. */
function merge(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if ('text' in p && last && 'text' in last) out[out.length - 1] = { text: last.text + p.text };
    else out.push(p);
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function safeJson(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return undefined;
  }
}

// ---- curl (POSIX shell) ----
function shSingle(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
function shPieces(pieces: Piece[]): string {
  if (pieces.every((p) => 'text' in p)) return shSingle(pieces.map((p) => ('text' in p ? p.text : '')).join(''));
  return `"${pieces.map((p) => ('text' in p ? p.text.replace(/[\\$`"]/g, '\\$&') : `\${${p.env}}`)).join('')}"`;
}

function toCurl(p: Prepared): string {
  const lines = [`curl${p.method === 'GET' && !p.body ? '' : ` -X ${p.method}`} ${shPieces(p.url)}`];
  for (const [name, value] of p.headers) lines.push(`  -H ${shPieces([{ text: `${name}: ` }, ...value])}`);
  if (p.body && 'text' in p.body) lines.push(`  --data-raw ${shSingle(p.body.text)}`);
  else if (p.body) lines.push(`  --data-binary @${shSingle(p.body.binary)}`);
  return lines.join(' \\\n') + '\n';
}

// ---- JavaScript fetch ----
function jsPieces(pieces: Piece[]): string {
  if (pieces.every((p) => 'text' in p)) return JSON.stringify(pieces.map((p) => ('text' in p ? p.text : '')).join(''));
  return '`' + pieces.map((p) => ('text' in p ? p.text.replace(/[\\`]/g, '\\$&').replace(/\$\{/g, '\\${') : `\${process.env.${p.env}}`)).join('') + '`';
}

function toFetch(p: Prepared): string {
  const out: string[] = [];
  if (p.body && 'binary' in p.body) out.push(`import { readFile } from "node:fs/promises";`, '');
  out.push(`const response = await fetch(${jsPieces(p.url)}, {`, `  method: ${JSON.stringify(p.method)},`);
  if (p.headers.length) {
    out.push('  headers: {');
    for (const [name, value] of p.headers) out.push(`    ${JSON.stringify(name)}: ${jsPieces(value)},`);
    out.push('  },');
  }
  if (p.body && 'text' in p.body) {
    out.push(p.body.json !== undefined && typeof p.body.json === 'object' && p.body.json !== null
      ? `  body: JSON.stringify(${JSON.stringify(p.body.json, null, 2).replace(/\n/g, '\n  ')}),`
      : `  body: ${JSON.stringify(p.body.text)},`);
  } else if (p.body) out.push(`  body: await readFile(${JSON.stringify(p.body.binary)}),`);
  out.push('});', 'console.log(response.status, await response.text());');
  return out.join('\n') + '\n';
}

// ---- Python requests ----
function pyString(s: string): string {
  return JSON.stringify(s);
}
function pyPieces(pieces: Piece[]): string {
  return pieces.map((p) => ('text' in p ? pyString(p.text) : `os.environ[${pyString(p.env)}]`)).join(' + ');
}
function pyLiteral(v: unknown, indent: string): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number' || typeof v === 'string') return JSON.stringify(v);
  const inner = indent + '    ';
  if (Array.isArray(v)) return v.length ? `[\n${v.map((x) => inner + pyLiteral(x, inner)).join(',\n')},\n${indent}]` : '[]';
  const entries = Object.entries(v as Record<string, unknown>);
  return entries.length ? `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pyLiteral(x, inner)}`).join(',\n')},\n${indent}}` : '{}';
}

function toPython(p: Prepared): string {
  const out = ['import os', '', 'import requests', '', 'response = requests.request(', `    ${pyString(p.method)},`, `    ${pyPieces(p.url)},`];
  const isJson = p.body && 'text' in p.body && p.body.json !== undefined && typeof p.body.json === 'object';
  const headers = isJson ? p.headers.filter(([n]) => n.toLowerCase() !== 'content-type') : p.headers;
  if (headers.length) {
    out.push('    headers={');
    for (const [name, value] of headers) out.push(`        ${pyString(name)}: ${pyPieces(value)},`);
    out.push('    },');
  }
  if (p.body && 'text' in p.body) out.push(isJson ? `    json=${pyLiteral(p.body.json, '    ')},` : `    data=${pyString(p.body.text)},`);
  else if (p.body) out.push(`    data=open(${pyString(p.body.binary)}, "rb"),`);
  out.push('    timeout=30,', ')', 'print(response.status_code, response.text)');
  return out.join('\n') + '\n';
}

// ---- .http file (REST Client and httpYac syntax) ----
function httpPieces(pieces: Piece[]): string {
  return pieces.map((p) => ('text' in p ? p.text : `{{$processEnv ${p.env}}}`)).join('');
}

function toHttpFile(p: Prepared): string {
  const out = ['###', `${p.method} ${httpPieces(p.url)} HTTP/1.1`];
  for (const [name, value] of p.headers) out.push(`${name}: ${httpPieces(value)}`);
  if (p.body && 'text' in p.body) out.push('', p.body.text);
  else if (p.body) out.push('', `< ./${p.body.binary}`);
  return out.join('\n') + '\n';
}

export function generateCode(req: CodegenRequest, format: CodeFormat): string {
  const p = prepare(req);
  switch (format) {
    case 'curl': return toCurl(p);
    case 'fetch': return toFetch(p);
    case 'python': return toPython(p);
    case 'http': return toHttpFile(p);
  }
}

/** The environment variables the generated code reads, for a note beside it. */
export function envVarsFor(req: CodegenRequest): string[] {
  return prepare(req).envVars;
}

