/**
 * Turns an error response into a diagnosis: what it means, the likely causes ranked by what the
 * request shows, the fixes, when to retry, and a support ticket with every secret masked. Pure:
 * the clock comes in through `now`, the catalogs through the argument.
 */
import { readErrorBody } from './errorBody';
import { describeRate } from './format';
import { checkedEvidence, findEvidence, sentKey, type Evidence } from './evidence';
import { findRequestId, getHeader, parseRetryAfter } from './headers';
import { findProvider, genericCatalog, parseUrl, pathMatches } from './match';
import { redactText } from './redact';
import { backoffDelay, DEFAULT_RETRY_POLICY, worthRetrying } from './retryPlan';
import { buildTicket, DEFAULT_TICKET_ITEMS } from './ticket';
import { EVIDENCE_TAGS, type Catalog, type EvidenceTag, type CodeEntry, type DecodeInput, type Diagnosis, type ErrorEntry, type RankedCause, type RateLimit } from './types';

function normaliseMessage(s: string): string {
  return s.trim().replace(/[.!]+$/, '').replace(/\s+/g, ' ').toLowerCase();
}

/** A code entry by its key (exact, then ignoring case) or by one of its message spellings. */
export function findCodeEntry(catalog: Catalog | undefined, candidate: string): { key: string; entry: CodeEntry } | undefined {
  const codes = catalog?.codes;
  if (!codes) return undefined;
  if (Object.prototype.hasOwnProperty.call(codes, candidate)) return { key: candidate, entry: codes[candidate] };
  const n = normaliseMessage(candidate);
  for (const [key, entry] of Object.entries(codes)) {
    if (normaliseMessage(key) === n || (entry.messages ?? []).some((m) => normaliseMessage(m) === n)) return { key, entry };
  }
  return undefined;
}

export function findStatusEntry(catalog: Catalog | undefined, status: number): ErrorEntry | undefined {
  return catalog?.statuses[String(status)] ?? catalog?.statuses[`${Math.floor(status / 100)}xx`];
}

function findRateLimit(provider: Catalog | undefined, method: string | undefined, url: string | undefined): RateLimit | null {
  const path = parseUrl(url)?.path;
  if (!provider?.rateLimits || !path) return null;
  const m = method?.toUpperCase();
  return provider.rateLimits.find((r) => (!r.methods || !m || r.methods.includes(m)) && r.paths.some((g) => pathMatches(g, path))) ?? null;
}

/** Causes the request shows come first, each with what was seen; the rest keep the catalog's order; causes it rules out go. */
function rankCauses(entry: ErrorEntry, backup: ErrorEntry | undefined, evidence: Evidence, checked: ReadonlySet<EvidenceTag>): RankedCause[] {
  const seen: RankedCause[] = [];
  const rest: RankedCause[] = [];
  const ids = new Set<string>();
  for (const cause of entry.causes) {
    ids.add(cause.id);
    const what = cause.evidence ? evidence[cause.evidence] : undefined;
    // The request shows this cause is not it (the header is there, the URL holds no key).
    if (!what && cause.evidence && checked.has(cause.evidence)) continue;
    (what ? seen : rest).push(what ? { ...cause, seen: what } : { ...cause });
  }
  // A code entry speaks of the code; the status entry may know a cause this request shows.
  for (const cause of backup?.causes ?? []) {
    const what = cause.evidence ? evidence[cause.evidence] : undefined;
    if (what && !ids.has(cause.id) && !seen.some((c) => c.evidence === cause.evidence)) seen.push({ ...cause, seen: what });
  }
  // Among the causes the request shows, the more decisive evidence first (a key in the URL before a stray space).
  seen.sort((a, b) => EVIDENCE_TAGS.indexOf(a.evidence!) - EVIDENCE_TAGS.indexOf(b.evidence!));
  return [...seen, ...rest];
}

const FALLBACK_ENTRY: ErrorEntry = {
  title: 'HTTP status',
  meaning: 'No catalog describes this status code.',
  causes: [],
  fixes: ['Look the status code up in the API\'s own documentation.'],
  retryable: false,
};

export function decode(input: DecodeInput, catalogs: readonly Catalog[]): Diagnosis {
  const now = input.now ?? new Date();
  const attempt = Math.max(1, Math.floor(input.attempt ?? 1));
  const requestHeaders = input.request?.headers;
  // The key's prefix names the provider only when the URL cannot (missing, or a bare path).
  const provider = findProvider(catalogs, input.url, sentKey({ url: input.url, requestHeaders }));
  const generic = genericCatalog(catalogs);
  const body = readErrorBody(input.body, getHeader(input.headers, 'content-type') ?? '');

  // A code in the body is more specific than the status; numbers that merely repeat a status are not codes.
  const codeCandidates = body.codes.filter((c) => !/^\d{3}$/.test(c));
  let codeHit: { key: string; entry: CodeEntry } | undefined;
  for (const candidate of [...codeCandidates, ...body.messages]) {
    codeHit = findCodeEntry(provider, candidate) ?? findCodeEntry(generic, candidate);
    if (codeHit) break;
  }
  const statusEntry = findStatusEntry(provider, input.status) ?? findStatusEntry(generic, input.status);
  const entry = codeHit?.entry ?? statusEntry ?? { ...FALLBACK_ENTRY, title: `HTTP ${input.status}` };

  const evidenceInput = { method: input.method, url: input.url, requestHeaders };
  const evidence = findEvidence(evidenceInput, provider, catalogs);
  const causes = rankCauses(entry, codeHit ? statusEntry : undefined, evidence, checkedEvidence(evidenceInput, provider));
  // The fixes for what the request shows come first.
  const fixes: string[] = [];
  for (const f of [...causes.filter((c) => c.seen && c.fix).map((c) => c.fix!), ...entry.fixes]) if (!fixes.includes(f)) fixes.push(f);

  const policy = provider?.retry ?? generic?.retry ?? DEFAULT_RETRY_POLICY;
  const retryable = worthRetrying(policy, input.status, attempt, entry.retryable);
  const retryAfterMs = parseRetryAfter(getHeader(input.headers, 'retry-after'), now);
  const retry: Diagnosis['retry'] = !retryable
    ? { retryable: false, afterMs: null, basis: 'none' }
    : retryAfterMs !== undefined && policy.honourRetryAfter
      ? { retryable: true, afterMs: retryAfterMs, basis: 'retry-after' }
      : { retryable: true, afterMs: backoffDelay(policy, attempt), basis: 'policy' };

  const rateLimit = findRateLimit(provider, input.method, input.url);
  let meaning = entry.meaning;
  if (input.status === 429 && rateLimit) {
    meaning += ` This URL counts against the ${rateLimit.label} limit: ${describeRate(rateLimit)}.`;
  }

  const requestId = findRequestId(input.headers) ?? body.requestId ?? null;
  const rawCode = codeHit?.key ?? codeCandidates[0] ?? (body.kind === 'json' || body.kind === 'json-truncated' ? body.messages[0] : undefined);
  const code = rawCode ? redactText(rawCode) : null;
  const message = body.messages[0] ? redactText(body.messages[0]) : null;
  const statusText = generic?.statuses[String(input.status)]?.title ?? '';
  const title = entry.title;

  const ticket = buildTicket({
    title: `${input.status} ${statusText || title}${code && code !== statusText ? ` (${code})` : ''}`,
    providerName: provider?.name ?? null,
    method: input.method,
    url: input.url,
    status: input.status,
    statusText,
    requestId,
    requestBody: input.request?.body,
    responseBody: body.text,
    now,
    items: provider?.ticket ?? generic?.ticket ?? DEFAULT_TICKET_ITEMS,
  });

  return {
    provider: provider?.id ?? null,
    providerName: provider?.name ?? null,
    status: input.status,
    code,
    message,
    title,
    meaning,
    causes,
    fixes,
    retry,
    requestId,
    rateLimit,
    docs: provider?.docs ?? null,
    ticket,
  };
}
