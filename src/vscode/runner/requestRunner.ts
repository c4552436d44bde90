/**
 * The host side of the Request Runner: composes a panel draft into a request (stored key injected
 * only for its own hosts), sends it through src/http with cancel and retry, decodes errors, keeps
 * recent responses for save/open/ticket, and records redacted history. No `vscode` import: the
 * editor parts reach it through RunnerPorts, so it runs in plain Node tests against real servers.
 */
import { checkRequestConstraints } from '../../catalog/constraints';
import { decode } from '../../catalog/decode';
import { findProvider } from '../../catalog/match';
import { redactUrl } from '../../catalog/redact';
import { DEFAULT_RETRY_POLICY } from '../../catalog/retryPlan';
import type { Catalog, Diagnosis } from '../../catalog/types';
import type { RuleLevel } from '../../core/settings';
import { generateCode, type CodeFormat } from '../../http/codegen';
import { RateGuard, keyFingerprint, rateLimitFor } from '../../http/rateGuard';
import { sendWithRetry } from '../../http/retry';
import { sendRequest } from '../../http/send';
import type { HttpRequest, KeySpec, SendOutcome } from '../../http/types';
import type { HostMessage } from '../../protocol/messages';
import { composeUrl, type RequestDraft } from '../../protocol/request';
import type { FailureView, HistoryItem, ResponseView } from '../../protocol/views';
import { addToHistory, historyItem } from './historyEntry';
import { hostsForKey, keyMayGoTo, resolveKeyChoice } from './keyChoice';
import { lintComposed, type Analyze } from './lintComposed';
import { errorLine, failedLine, notSentLine, safeLogLine, sendingLine } from './logLines';
import { preflight, type PreflightResult } from './preflight';
import { notSentMessage } from './restrictedSend';
import { failureView, maskSecrets, responseView } from './responseView';
import type { RunnerSettings } from './runnerSettings';

export interface RunnerPorts {
  catalogs(): readonly Catalog[];
  /** The linter, for pre-flight (the extension passes the analyzer it loaded at activation). */
  analyze: Analyze;
  keyIds(): string[];
  keyValue(id: string): PromiseLike<string | undefined>;
  settings(): RunnerSettings & { secretParamNames: readonly string[]; rules?: Readonly<Record<string, RuleLevel>> };
  /** The path of a file the user picked in this session. */
  filePath(fileId: string): string | undefined;
  loadHistory(): HistoryItem[];
  saveHistory(items: HistoryItem[]): PromiseLike<void>;
  /** One line for the output channel; callers pass only redacted text. */
  log(line: string): void;
  /**
   * Asked before anything is sent to `url` (composed, key not yet read): false stops the send. The
   * editor asks the user in a restricted workspace (restrictedSendGate.ts); absent = always allowed.
   */
  mayContact?(url: string): PromiseLike<boolean>;
}

/** A response (or failure) the panel may still act on: save the body, open it, copy a ticket. */
export interface KeptResponse {
  body: Uint8Array;
  contentType: string | null;
  /** The whole text body (secrets masked), when it is text. */
  text: string | null;
  ticket: string;
  url: string;
}

type Report = (message: HostMessage) => void;

const KEPT_RESPONSES = 8;

export class RequestRunner {
  private readonly inFlight = new Map<string, AbortController>();
  private readonly kept = new Map<string, KeptResponse>();
  private readonly rateGuard = new RateGuard();
  private last: RequestDraft | undefined;
  private seq = 0;

  constructor(private readonly ports: RunnerPorts, private readonly now: () => Date = () => new Date()) {}

  get lastRequest(): RequestDraft | undefined {
    return this.last;
  }

  history(): HistoryItem[] {
    return this.ports.loadHistory();
  }

  async deleteHistory(id: string): Promise<HistoryItem[]> {
    const list = this.ports.loadHistory().filter((h) => h.id !== id);
    await this.ports.saveHistory(list);
    return list;
  }

  async clearHistory(): Promise<void> {
    await this.ports.saveHistory([]);
  }

  response(responseId: string): KeptResponse | undefined {
    return this.kept.get(responseId);
  }

  /**
   * Pre-flight: the panel's checks (each with a one-click fix) reconciled with the linter's rules run
   * on the same request. A rule switched off in settings is dropped; a problem only the linter sees
   * is added without a fix.
   */
  async preflight(draft: RequestDraft): Promise<PreflightResult> {
    const own = this.check(draft);
    const settings = this.ports.settings();
    let lint;
    try {
      lint = await lintComposed(this.ports.analyze, draft, { secretParamNames: settings.secretParamNames, rules: settings.rules });
    } catch (e) {
      this.ports.log(errorLine('pre-flight lint skipped', e, []));
      return own;
    }
    const warnings = own.warnings.filter((w) => !lint.off.has(w.rule));
    for (const f of lint.findings) if (!warnings.some((w) => w.rule === f.rule)) warnings.push(f);
    return { provider: own.provider, warnings };
  }

  /** The panel's own pre-flight checks, synchronously (no linter pass). */
  check(draft: RequestDraft): PreflightResult {
    const catalogs = this.ports.catalogs();
    const keys = new Map(this.ports.keyIds().map((id) => [id, hostsForKey(id, catalogs)]));
    return preflight(draft, {
      catalogs,
      keys,
      secretParamNames: this.ports.settings().secretParamNames,
      constraints: (url, method, body) => checkRequestConstraints(catalogs, { url, method, body }),
      rate: (keyId, url, method) => {
        const provider = findProvider(catalogs, url);
        const limit = provider?.rateLimits ? rateLimitFor(url, method, provider.rateLimits) : null;
        // The guard counts by key fingerprint once sent; before that the key id stands in for it.
        return limit ? this.rateGuard.check(this.guardId(keyId), limit, false).message : null;
      },
    });
  }

  cancel(id: string): boolean {
    const c = this.inFlight.get(id);
    c?.abort();
    return c !== undefined;
  }

  /** A fresh id for a send the host starts itself (palette commands). */
  newId(kind: string): string {
    return `${kind}-${Date.now().toString(36)}-${++this.seq}`;
  }

  /**
   * Sends the draft and reports progress, then the response or failure, under `id`.
   * With `retry`, failed attempts are repeated as Retry-After and the provider's policy say.
   */
  async run(id: string, draft: RequestDraft, retry: boolean, report: Report): Promise<ResponseView | FailureView> {
    const settings = this.ports.settings();
    const catalogs = this.ports.catalogs();
    const responseId = this.newId('r');
    const url = composeUrl(draft.url, draft.query);
    const provider = findProvider(catalogs, url) ?? null;
    this.last = draft;

    if (this.ports.mayContact && !(await this.ports.mayContact(url))) {
      // Nothing was sent: no history entry, no kept response; the panel keeps its form.
      const message = notSentMessage(url);
      const view = failureView({ kind: 'aborted', message, detail: 'not confirmed in a restricted workspace', elapsedMs: 0, redirects: [] }, { responseId, attempts: 0, secrets: [] });
      this.ports.log(notSentLine(draft.method, url));
      report({ type: 'failure', replyTo: id, failure: view });
      report({ type: 'done', replyTo: id, ok: false, message });
      return view;
    }

    const composed = await this.compose(draft, url, catalogs);
    if ('problem' in composed) {
      const view = failureView({ kind: 'invalid-request', message: composed.problem, detail: 'compose', elapsedMs: 0, redirects: [] }, { responseId, attempts: 0, secrets: [] });
      this.keep(responseId, { body: new Uint8Array(), contentType: null, text: null, ticket: failureTicket(view, draft.method, ticketUrl(url, settings.secretParamNames, []), this.now()), url: ticketUrl(url, settings.secretParamNames, []) });
      report({ type: 'failure', replyTo: id, failure: view });
      return view;
    }
    const { request, keyValue, keyId } = composed;
    const secrets = keyValue ? [keyValue] : [];
    const controller = new AbortController();
    this.inFlight.set(id, controller);
    request.signal = controller.signal;
    request.timeoutMs = settings.timeoutMs;
    request.maxBytes = settings.maxResponseBytes;
    if (settings.proxy) request.proxy = { url: settings.proxy, strictSSL: settings.proxyStrictSSL };

    const maxAttempts = retry ? settings.maxRetries + 1 : 1;
    const rateLimit = keyId && provider?.rateLimits ? rateLimitFor(url, draft.method, provider.rateLimits) : null;
    if (keyId && rateLimit) this.rateGuard.check(this.guardId(keyId), rateLimit, true);
    report({ type: 'progress', replyTo: id, phase: 'sending', attempt: 1, maxAttempts, waitMs: 0 });
    this.ports.log(sendingLine(draft.method, url, settings.secretParamNames, secrets, retry ? maxAttempts : null));

    const decodeOutcome = (outcome: SendOutcome, attempt: number): Diagnosis | null =>
      outcome.ok && outcome.response.status >= 400
        ? decode({
          method: draft.method, url, status: outcome.response.status, headers: outcome.response.headers, body: outcome.response.body,
          request: { headers: request.headers as Array<[string, string]>, body: typeof request.body === 'string' ? request.body : undefined },
          attempt, now: this.now(),
        }, catalogs)
        : null;

    let outcome: SendOutcome;
    let attempts = 1;
    let note: string | null = null;
    try {
      if (retry) {
        const policy = provider?.retry ?? catalogs.find((c) => c.id === 'http')?.retry ?? DEFAULT_RETRY_POLICY;
        const result = await sendWithRetry(request, {
          retries: settings.maxRetries,
          policy,
          serverErrorRetries: policy.serverErrorRetries,
          classify: (o, attempt) => ({ retryable: o.ok ? decodeOutcome(o, attempt)?.retry.retryable ?? false : o.failure.kind === 'timeout' || o.failure.kind === 'reset' || o.failure.kind === 'refused' }),
          onWait: (ms, attempt) => {
            this.ports.log(`waiting ${ms} ms before attempt ${attempt + 1}`);
            if (keyId && rateLimit) this.rateGuard.check(this.guardId(keyId), rateLimit, true);
            report({ type: 'progress', replyTo: id, phase: 'waiting', attempt: attempt + 1, maxAttempts, waitMs: ms });
          },
        });
        outcome = result.outcome;
        attempts = result.attempts.length;
        note = result.note;
      } else {
        outcome = await sendRequest(request);
      }
    } finally {
      this.inFlight.delete(id);
    }

    let view: ResponseView | FailureView;
    let item: HistoryItem;
    const redact = (u: string) => ticketUrl(u, settings.secretParamNames, secrets);
    if (outcome.ok) {
      const res = outcome.response;
      const diagnosis = decodeOutcome(outcome, attempts);
      const rv = responseView(res, diagnosis, { responseId, attempts, secrets, redactUrl: redact });
      if (note && rv.diagnosis) rv.diagnosis.fixes = [...rv.diagnosis.fixes, note];
      for (const w of res.warnings) this.ports.log(safeLogLine(w, secrets));
      const text = rv.body.kind === 'json' || rv.body.kind === 'text' ? maskSecrets(new TextDecoder().decode(res.body), secrets) : null;
      this.keep(responseId, { body: res.body, contentType: res.contentType, text, ticket: maskSecrets(diagnosis?.ticket ?? '', secrets), url: redact(res.url) });
      this.ports.log(`→ ${res.status} ${res.statusText} in ${res.elapsedMs} ms, ${res.sizeBytes} bytes${res.truncated ? ' (truncated)' : ''}${attempts > 1 ? `, attempt ${attempts}` : ''}`);
      view = rv;
      item = historyItem(responseId, this.now(), draft, url, { status: res.status, failure: null }, provider?.name ?? null, settings.secretParamNames, secrets);
      report({ type: 'response', replyTo: id, response: rv });
    } else {
      const fv = failureView(outcome.failure, { responseId, attempts, secrets });
      if (note) fv.fixes = [...fv.fixes, note];
      this.ports.log(failedLine(outcome.failure.kind, outcome.failure.detail, secrets));
      this.keep(responseId, { body: new Uint8Array(), contentType: null, text: null, ticket: failureTicket(fv, draft.method, redact(url), this.now()), url: redact(url) });
      view = fv;
      item = historyItem(responseId, this.now(), draft, url, { status: null, failure: outcome.failure.kind }, provider?.name ?? null, settings.secretParamNames, secrets);
      report({ type: 'failure', replyTo: id, failure: fv });
    }
    if (settings.historySize > 0 && !(!outcome.ok && outcome.failure.kind === 'aborted')) {
      await this.ports.saveHistory(addToHistory(this.ports.loadHistory(), item, settings.historySize));
    }
    return view;
  }

  /** Code for the draft in the given format; the key is read from an environment variable. */
  code(draft: RequestDraft, format: CodeFormat): string {
    const catalogs = this.ports.catalogs();
    const url = composeUrl(draft.url, draft.query);
    const provider = findProvider(catalogs, url);
    const keyId = resolveKeyChoice(draft.key, url, this.ports.keyIds(), catalogs);
    // A stored key replaces a typed Authorization header and appears in the code as a variable.
    const headers = enabledHeaders(draft).filter(([n]) => !keyId || n.toLowerCase() !== 'authorization');
    const body = draft.body.kind === 'json' || draft.body.kind === 'text' ? draft.body.text : draft.body.kind === 'file' ? { filePath: draft.body.file.name } : undefined;
    return generateCode({ method: draft.method, url, headers, body, provider: provider?.id ?? null, key: keyId ? { scheme: 'Bearer', header: 'Authorization' } : undefined }, format);
  }

  private guardId(keyId: string): string {
    return keyFingerprint(keyId);
  }

  private keep(id: string, r: KeptResponse): void {
    this.kept.set(id, r);
    while (this.kept.size > KEPT_RESPONSES) this.kept.delete(this.kept.keys().next().value!);
  }

  private async compose(draft: RequestDraft, url: string, catalogs: readonly Catalog[]): Promise<{ problem: string } | { request: HttpRequest; keyValue: string | null; keyId: string | null }> {
    const headers = enabledHeaders(draft);
    const keyId = resolveKeyChoice(draft.key, url, this.ports.keyIds(), catalogs);
    let key: KeySpec | undefined;
    let keyValue: string | null = null;
    if (keyId) {
      const hosts = hostsForKey(keyId, catalogs);
      if (!keyMayGoTo(url, hosts)) return { problem: `The chosen key is bound to ${hosts.join(', ') || 'no host'} and is never sent anywhere else. Pick "No key" or a key for this host.` };
      keyValue = (await this.ports.keyValue(keyId)) ?? null;
      if (!keyValue) return { problem: 'The chosen key is not in secret storage any more. Set it again with "API Doctor: Set API Key…".' };
      key = { value: keyValue, hosts, scheme: 'Bearer', header: 'Authorization' };
    }
    // The stored key replaces an Authorization header typed into the table.
    const sent = key ? headers.filter(([n]) => n.toLowerCase() !== 'authorization') : headers;
    const hasType = sent.some(([n]) => n.toLowerCase() === 'content-type');
    let body: HttpRequest['body'];
    const b = draft.body;
    if (b.kind === 'json' || b.kind === 'text') {
      body = b.text;
      if (!hasType) sent.push(['Content-Type', b.kind === 'json' ? 'application/json' : 'text/plain; charset=utf-8']);
    } else if (b.kind === 'file') {
      const path = this.ports.filePath(b.file.fileId);
      if (!path) return { problem: `The file "${b.file.name}" was picked in an earlier session; choose it again.` };
      body = { filePath: path };
      if (!hasType) sent.push(['Content-Type', b.file.contentType]);
    }
    return { request: { method: draft.method, url, headers: sent, body, key, followRedirects: true }, keyValue, keyId };
  }
}

function enabledHeaders(d: RequestDraft): Array<[string, string]> {
  return d.headers.filter((r) => r.enabled && r.name.trim() !== '').map((r) => [r.name.trim(), r.value]);
}

/**
 * A URL for a ticket, the history or the panel: credentials masked. An unparsable one is not
 * repeated: no key is read for it, so a key typed there has no known value to mask.
 */
function ticketUrl(url: string, secretParamNames: readonly string[], secrets: readonly string[]): string {
  return URL.canParse(url) ? maskSecrets(redactUrl(url, secretParamNames), secrets) : '(a URL that cannot be parsed)';
}

function failureTicket(f: FailureView, method: string, url: string, now: Date): string {
  return [
    `## ${f.title}`,
    '',
    `- Method: \`${method}\``,
    `- URL: \`${url}\``,
    // An invalid-url message quotes the URL: the title says the same without it.
    `- Failure: ${f.kind} — ${f.kind === 'invalid-url' ? f.title : f.message}`,
    `- Time (UTC): ${now.toISOString()}`,
    '',
  ].join('\n');
}
