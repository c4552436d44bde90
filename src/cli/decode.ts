/**
 * `api-doctor decode`: explains an HTTP error from the command line, from flags or from a pasted
 * exchange (`curl -i ... | api-doctor decode --paste -`).
 */
import { readFileSync } from 'node:fs';
import { decode } from '../catalog/decode';
import { formatDiagnosisText } from '../catalog/format';
import { loadBuiltinCatalogs, loadCatalogFiles, mergeCatalogs } from '../catalog/load';
import { parsePastedExchange } from '../catalog/pastedExchange';
import type { DecodeInput } from '../catalog/types';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, oneLine, type Command } from './command';

export const DECODE_USAGE =
  'usage: api-doctor decode --status N [--method M] [--url U] [--header "K: V"]... [--body TEXT|@file]\n' +
  '         [--request-header "K: V"]... [--request-body TEXT|@file] [--attempt N] [--catalog FILE]...\n' +
  '         [--paste FILE|-] [--format text|json]';

export interface DecodeIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
}

const processIo: DecodeIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

class DecodeUsageError extends Error {}

const OPTIONS_WITH_VALUE = new Set([
  '--status', '--method', '--url', '--header', '--body', '--request-header', '--request-body', '--attempt', '--catalog', '--paste', '--format', '--now',
]);

function readTextArg(value: string, what: string): string {
  if (!value.startsWith('@')) return value;
  try {
    return readFileSync(value.slice(1), 'utf8');
  } catch {
    throw new DecodeUsageError(`cannot read ${what} file ${value.slice(1)}`);
  }
}

function parseHeader(value: string): [string, string] {
  const colon = value.indexOf(':');
  if (colon <= 0) throw new DecodeUsageError(`header "${value.slice(0, 40)}" is not of the form "Name: value"`);
  return [value.slice(0, colon).trim(), value.slice(colon + 1).replace(/^[ \t]/, '')];
}

function positiveInt(value: string, option: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new DecodeUsageError(`${option} needs a whole number from ${min} to ${max}, got "${value}"`);
  return Number(value);
}

export async function runDecode(args: string[], io: DecodeIo = processIo): Promise<number> {
  try {
    const values = new Map<string, string[]>();
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-h' || a === '--help') {
        io.stdout(DECODE_USAGE + '\n');
        return EXIT_OK;
      }
      if (!OPTIONS_WITH_VALUE.has(a)) throw new DecodeUsageError(a.startsWith('-') ? `unknown option ${a}` : `unexpected argument "${a}"`);
      const v = args[++i];
      if (v === undefined) throw new DecodeUsageError(`${a} needs a value`);
      values.set(a, [...(values.get(a) ?? []), v]);
    }
    const one = (name: string): string | undefined => {
      const list = values.get(name);
      if (list && list.length > 1) throw new DecodeUsageError(`${name} given more than once`);
      return list?.[0];
    };

    const format = one('--format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw new DecodeUsageError(`unknown format "${format}" (text or json)`);

    let input: DecodeInput | undefined;
    const paste = one('--paste');
    if (paste !== undefined) {
      const text = paste === '-' ? await io.readStdin() : readTextArg(`@${paste}`, '--paste');
      const p = parsePastedExchange(text);
      input = {
        status: p.status ?? 0, method: p.method, url: p.url, headers: p.headers, body: p.body,
        request: { headers: p.requestHeaders, ...(p.requestBody !== undefined ? { body: p.requestBody } : {}) },
      };
    }
    const status = one('--status');
    if (status !== undefined) input = { ...(input ?? {}), status: positiveInt(status, '--status', 100, 599) };
    if (!input || input.status === 0) throw new DecodeUsageError(paste !== undefined ? 'no status line found in the pasted text; add --status N' : '--status is required');

    const method = one('--method');
    if (method !== undefined) {
      if (!/^[A-Za-z]+$/.test(method)) throw new DecodeUsageError(`"${method}" is not an HTTP method`);
      input.method = method.toUpperCase();
    }
    const url = one('--url');
    if (url !== undefined) input.url = url;
    const headers = (values.get('--header') ?? []).map(parseHeader);
    if (headers.length) input.headers = [...((input.headers as Array<[string, string]>) ?? []), ...headers];
    const body = one('--body');
    if (body !== undefined) input.body = readTextArg(body, '--body');
    const requestHeaders = (values.get('--request-header') ?? []).map(parseHeader);
    const requestBody = one('--request-body');
    if (requestHeaders.length || requestBody !== undefined) {
      input.request = {
        headers: [...((input.request?.headers as Array<[string, string]>) ?? []), ...requestHeaders],
        ...(requestBody !== undefined ? { body: readTextArg(requestBody, '--request-body') } : input.request?.body !== undefined ? { body: input.request.body } : {}),
      };
    }
    const attempt = one('--attempt');
    if (attempt !== undefined) input.attempt = positiveInt(attempt, '--attempt', 1, 100);
    const now = one('--now');
    if (now !== undefined) {
      const t = Date.parse(now);
      if (Number.isNaN(t)) throw new DecodeUsageError(`--now needs an ISO date, got "${now}"`);
      input.now = new Date(t);
    }

    const builtin = loadBuiltinCatalogs();
    const user = loadCatalogFiles(values.get('--catalog') ?? []);
    for (const e of [...builtin.errors, ...user.errors]) io.stderr(`api-doctor: ${e.file}:${e.line}:${e.column}: ${e.message}\n`);
    const diagnosis = decode(input, mergeCatalogs(builtin.catalogs, user.catalogs));
    if (format === 'json') io.stdout(JSON.stringify(diagnosis, null, 2) + '\n');
    else io.stdout(formatDiagnosisText(diagnosis, input.attempt ?? 1) + '\n');
    return EXIT_OK;
  } catch (err) {
    if (err instanceof DecodeUsageError) {
      io.stderr(`api-doctor decode: ${err.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`api-doctor decode: internal error: ${oneLine(err)}\n`);
    return EXIT_INTERNAL;
  }
}

/** The entry for main.ts's COMMANDS table. */
export const decodeCommand: Command = {
  summary: 'decode  explain an HTTP error: causes, fixes, when to retry, a support ticket',
  run: (args) => runDecode(args),
};
