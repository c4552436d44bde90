/**
 * Joins the runner to the catalogs: which catalog speaks for a request (also for a local test
 * server the user names a provider for), the diagnosis of an error answer, and the retry decision
 * taken from that diagnosis. Shared by `api-doctor send` and the editor's runner.
 */
import { decode } from '../catalog/decode';
import { findProvider, genericCatalog } from '../catalog/match';
import type { Catalog, Diagnosis } from '../catalog/types';
import { headerEntries } from './preflight';
import { defaultRetryDecision, type RetryDecision } from './retry';
import type { HttpRequest, SendOutcome } from './types';

export interface ChosenCatalogs {
  catalogs: Catalog[];
  provider: Catalog | undefined;
}

/**
 * The catalogs to decode with. With a provider id, that catalog is made to recognise the URL's host
 * too, so a sandbox or local server on 127.0.0.1 is explained as that provider. Null for an unknown id.
 */
export function chooseCatalogs(catalogs: readonly Catalog[], url: string, providerId?: string): ChosenCatalogs | null {
  if (!providerId) return { catalogs: [...catalogs], provider: findProvider(catalogs, url) };
  const chosen = catalogs.find((c) => c.id === providerId);
  if (!chosen) return null;
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    // Not a URL: the provider still applies by id; the runner reports the URL itself.
  }
  const widened: Catalog = { ...chosen, match: { ...chosen.match, hosts: host ? [...chosen.match.hosts, host] : chosen.match.hosts } };
  const generic = genericCatalog(catalogs);
  return { catalogs: generic && generic !== chosen ? [widened, generic] : [widened], provider: widened };
}

/** The headers as sent, key included, for the decoder's evidence (it masks them in the ticket). */
export function sentHeaders(request: HttpRequest): Array<[string, string]> {
  const out = headerEntries(request.headers);
  if (request.key) out.push([request.key.header ?? 'Authorization', `${request.key.scheme ?? 'Bearer'} ${request.key.value.trim()}`.trim()]);
  return out;
}

/** The diagnosis of an answer of 400 or more; null for success and for no answer at all. */
export function diagnoseOutcome(outcome: SendOutcome, request: HttpRequest, catalogs: readonly Catalog[], attempt = 1, now?: Date): Diagnosis | null {
  if (!outcome.ok || outcome.response.status < 400) return null;
  const r = outcome.response;
  return decode({
    method: request.method, url: r.url, status: r.status, headers: r.headers, body: r.body, attempt,
    request: { headers: sentHeaders(request), body: typeof request.body === 'string' ? request.body : undefined },
    ...(now ? { now } : {}),
  }, catalogs);
}

/** Retry when the catalog's diagnosis says so; failures without an answer use the generic rule. */
export function catalogRetryDecision(request: HttpRequest, catalogs: readonly Catalog[]): (outcome: SendOutcome, attempt: number) => RetryDecision {
  return (outcome, attempt) => {
    const d = diagnoseOutcome(outcome, request, catalogs, attempt);
    return d ? { retryable: d.retry.retryable } : defaultRetryDecision(outcome);
  };
}
