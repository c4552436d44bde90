/**
 * `api-doctor send URL ...`: sends one request with the runner and explains an error answer with
 * the catalogs. The key comes from an environment variable and never appears in the output.
 * Exit codes: 0 answer below 400, 1 answer of 400 or more, 2 bad arguments, 4 no answer.
 */
import type { Command } from './command';
import { existsSync, statSync } from 'node:fs';
import { loadBuiltinCatalogs } from '../catalog/load';
import { genericCatalog } from '../catalog/match';
import { isSecretName, redactUrl } from '../catalog/redact';
import { DEFAULT_RETRY_POLICY } from '../catalog/retryPlan';
import type { Catalog, Diagnosis } from '../catalog/types';
import { bodyForDisplay, describeDiagnosis, describeResponse } from '../http/describe';
import { scrubSecrets } from '../http/redactExchange';
import { catalogRetryDecision, chooseCatalogs, diagnoseOutcome } from '../http/diagnose';
import { sendWithRetry, type RetryResult } from '../http/retry';
import { describeWait } from '../http/retryAfter';
import type { HttpRequest, KeySpec } from '../http/types';

export const SEND_USAGE =
  'usage: api-doctor send URL [--method M] [--header "K: V"]... [--data TEXT|@file] [--key-env VAR]\n' +
  '                       [--provider ID] [--retry N] [--timeout MS] [--format text|json]';

export const EXIT_HTTP_ERROR = 1;
export const EXIT_USAGE = 2;
export const EXIT_NO_ANSWER = 4;

class SendUsageError extends Error {}

interface SendArgs {
  url: string;
  method?: string;
  headers: Array<[string, string]>;
  data?: string;
  keyEnv?: string;
  provider?: string;
  retries: number;
  timeoutMs: number;
  format: 'text' | 'json';
}

function wholeNumber(v: string | undefined, name: string, max: number): number {
  const n = Number(v);
  if (v === undefined || !/^\d+$/.test(v) || n > max) throw new SendUsageError(`${name} needs a whole number up to ${max}`);
  return n;
}

export function parseSendArgs(args: readonly string[]): SendArgs {
  const out: SendArgs = { url: '', headers: [], retries: 0, timeoutMs: 30_000, format: 'text' };
  const value = (i: number, name: string): string => {
    const v = args[i];
    if (v === undefined) throw new SendUsageError(`${name} needs a value`);
    return v;
  };
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    switch (a) {
      case '--method': case '-X': out.method = value(++i, a).toUpperCase(); break;
      case '--header': case '-H': {
        const h = value(++i, a);
        const colon = h.indexOf(':');
        if (colon <= 0) throw new SendUsageError(`--header needs "Name: value", got "${h.slice(0, 40)}"`);
        out.headers.push([h.slice(0, colon).trim(), h.slice(colon + 1).trim()]);
        break;
      }
      case '--data': case '-d': out.data = value(++i, a); break;
      case '--key-env': out.keyEnv = value(++i, a); break;
      case '--provider': out.provider = value(++i, a); break;
      case '--retry': out.retries = wholeNumber(args[++i], '--retry', 10); break;
      case '--timeout': out.timeoutMs = Math.max(1, wholeNumber(args[++i], '--timeout', 600_000)); break;
      case '--format': {
        const f = value(++i, a);
        if (f !== 'text' && f !== 'json') throw new SendUsageError(`unknown format "${f}" (text or json)`);
        out.format = f;
        break;
      }
      default:
        if (a.startsWith('-')) throw new SendUsageError(`unknown option ${a}`);
        urls.push(a);
    }
  }
  if (urls.length !== 1) throw new SendUsageError(urls.length ? 'give one URL only' : 'no URL given');
  out.url = urls[0];
  if (out.method && !/^[A-Z]+$/.test(out.method)) throw new SendUsageError(`"${out.method}" is not an HTTP method`);
  return out;
}

function buildRequest(a: SendArgs, provider: Catalog | undefined): { request: HttpRequest; key: string | null } {
  let parsed: URL;
  try {
    parsed = new URL(a.url);
  } catch {
    // Masked before it is cut: a key in the query of a mistyped URL must not be echoed.
    throw new SendUsageError(`"${redactUrl(a.url).slice(0, 80)}" is not a URL`);
  }
  const headers = [...a.headers];
  let body: HttpRequest['body'];
  if (a.data !== undefined) {
    if (a.data.startsWith('@')) {
      const path = a.data.slice(1);
      if (!existsSync(path) || !statSync(path).isFile()) throw new SendUsageError(`--data @${path}: no such file`);
      body = { filePath: path };
    } else {
      body = a.data;
      const hasType = headers.some(([k]) => k.toLowerCase() === 'content-type');
      if (!hasType && /^\s*[[{]/.test(a.data)) headers.push(['Content-Type', 'application/json']);
    }
  }
  let key: KeySpec | undefined;
  let keyValue: string | null = null;
  if (a.keyEnv) {
    keyValue = process.env[a.keyEnv] ?? '';
    if (!keyValue.trim()) throw new SendUsageError(`the environment variable ${a.keyEnv} is not set or empty`);
    key = {
      value: keyValue,
      // The URL the user typed may receive the key; after a redirect only the provider's own hosts may.
      hosts: [parsed.host, ...(provider?.match.hosts ?? [])],
      scheme: provider?.auth?.scheme ?? 'Bearer',
      header: provider?.auth?.header ?? 'Authorization',
    };
  }
  const request: HttpRequest = {
    method: a.method ?? (body !== undefined ? 'POST' : 'GET'),
    url: a.url, headers, body, timeoutMs: a.timeoutMs, key,
  };
  return { request, key: keyValue };
}

function jsonDocument(result: RetryResult, diagnosis: Diagnosis | null, elapsedMs: number): unknown {
  const base = { attempts: result.attempts, stopped: result.stopped, note: result.note, elapsedMs };
  if (!result.outcome.ok) {
    const f = result.outcome.failure;
    return { status: null, headers: {}, body: null, ...base, diagnosis: null, failure: { kind: f.kind, message: f.message, detail: f.detail } };
  }
  const r = result.outcome.response;
  const shown = bodyForDisplay(r);
  return {
    status: r.status, statusText: r.statusText, url: r.url, headers: r.headers,
    body: shown.text, bodyEncoding: shown.binary ? 'base64' : 'text', contentType: r.contentType,
    sizeBytes: r.sizeBytes, truncated: r.truncated, redirects: r.redirects, warnings: r.warnings,
    ...base, diagnosis,
  };
}

function decodedOr(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Credentials typed into the URL (`?api_key=…`) or a `--header` (`Authorization: Bearer …`)
 * instead of `--key-env`: a server may echo them, so they are scrubbed from the output like the key.
 */
export function typedSecrets(url: string, headers: ReadonlyArray<readonly [string, string]>): string[] {
  const out: string[] = [];
  for (const [name, value] of headers) {
    if (isSecretName(name)) out.push(value, value.replace(/^[A-Za-z][\w.-]*\s+/, ''));
  }
  const q = url.indexOf('?');
  if (q >= 0) {
    for (const pair of url.slice(q + 1).split('#')[0].split('&')) {
      const eq = pair.indexOf('=');
      if (eq > 0 && isSecretName(decodedOr(pair.slice(0, eq)))) out.push(pair.slice(eq + 1), decodedOr(pair.slice(eq + 1)));
    }
  }
  // Longest first, so a value is not cut up by a shorter one inside it.
  return out.sort((a, b) => b.length - a.length);
}

export async function runSend(args: string[]): Promise<number> {
  let secrets: string[] = [];
  const write = (stream: NodeJS.WriteStream, text: string) => stream.write(scrubSecrets(text, secrets));
  try {
    const parsed = parseSendArgs(args);
    secrets = typedSecrets(parsed.url, parsed.headers);
    const loaded = loadBuiltinCatalogs();
    const chosen = chooseCatalogs(loaded.catalogs, parsed.url, parsed.provider);
    if (!chosen) {
      const ids = loaded.catalogs.map((c) => c.id).join(', ');
      throw new SendUsageError(`unknown provider "${parsed.provider}"${ids ? ` (known: ${ids})` : ''}`);
    }
    const { catalogs, provider } = chosen;
    const { request, key } = buildRequest(parsed, provider);
    if (key) secrets = [key, ...secrets];
    const policy = provider?.retry ?? genericCatalog(catalogs)?.retry ?? DEFAULT_RETRY_POLICY;
    const started = Date.now();
    const result = await sendWithRetry(request, {
      retries: parsed.retries,
      policy,
      serverErrorRetries: policy.serverErrorRetries,
      classify: catalogRetryDecision(request, catalogs),
      onWait: (ms, attempt) => {
        if (parsed.format === 'text') write(process.stderr, `attempt ${attempt} failed; waiting ${describeWait(ms)} before the next one\n`);
      },
    });
    const elapsedMs = Date.now() - started;
    const diagnosis = diagnoseOutcome(result.outcome, request, catalogs, result.attempts.length);
    if (parsed.format === 'json') write(process.stdout, JSON.stringify(jsonDocument(result, diagnosis, elapsedMs)) + '\n');
    if (!result.outcome.ok) {
      const f = result.outcome.failure;
      write(process.stderr, `api-doctor send: ${f.message}\n`);
      // A request that cannot be sent as written is the caller's input, like a bad argument.
      return f.kind === 'invalid-request' || f.kind === 'invalid-url' ? EXIT_USAGE : EXIT_NO_ANSWER;
    }
    if (parsed.format === 'text') {
      write(process.stdout, describeResponse(result.outcome.response, result.attempts.length) + '\n');
      if (diagnosis) write(process.stdout, describeDiagnosis(diagnosis) + '\n');
      if (result.note) write(process.stdout, `\n${result.note}\n`);
    }
    return result.outcome.response.status >= 400 ? EXIT_HTTP_ERROR : 0;
  } catch (err) {
    if (err instanceof SendUsageError) {
      write(process.stderr, `api-doctor send: ${err.message}\n${SEND_USAGE}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}

/** The entry for main.ts's COMMANDS table. */
export const sendCommand: Command = {
  summary: 'send    send one request, key from an environment variable, errors explained',
  run: (args) => runSend(args),
};
