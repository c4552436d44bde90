/**
 * The request-site model for a parsed `.http` / `.rest` file: one site per request (its URL with
 * query continuation lines, its headers), and the literal values a key could hide in (file
 * variables, header values, request URLs).
 */
import type { AbstractString, FileFacts, HeaderEntry, RequestSite, SecretCandidate, StringPart } from '../model';
import type { HttpFile, HttpRequest, TextSpan } from './parse';
import { FileVariables, resolveHttpText } from './values';

/** Where a secret candidate came from, which the `.http` fix needs to name the variable. */
export interface HttpCandidate extends SecretCandidate {
  /** The value text in the document (no quotes in `.http`). */
  value: string;
  valueStart: number;
}

export interface HttpFacts extends FileFacts {
  /** The same records as `literals`, with the value's own offset, in document order. */
  candidates: HttpCandidate[];
}

/** Literals shorter than this are not worth a look as credentials (as for JavaScript). */
const MIN_CANDIDATE = 8;

export function collectHttpFacts(file: HttpFile): HttpFacts {
  const variables = new FileVariables(file.variables);
  const sites: RequestSite[] = [];
  const headerWrites: HeaderEntry[] = [];
  const candidates: HttpCandidate[] = [];
  const candidate = (span: TextSpan, boundName: string | undefined): void => {
    if (span.text.length < MIN_CANDIDATE) return;
    // The rule reads a literal between its quotes; `.http` values have none, so the span claims
    // one character on each side, and the rule's offsets land on the value itself.
    candidates.push({
      value: span.text, valueStart: span.start, boundName, quote: '',
      span: { start: span.start - 1, end: span.start + span.text.length + 1 },
    });
  };

  for (const v of file.variables) candidate(v.value, v.name.text);
  for (const request of file.requests) {
    const site = requestSite(request, variables);
    sites.push(site);
    headerWrites.push(...site.headers);
    for (const piece of [request.url, ...request.urlContinuations]) candidate(piece, undefined);
    for (const h of request.headers) candidate(h.value, h.name.text.replace(/^x-/i, ''));
  }
  candidates.sort((a, b) => a.valueStart - b.valueStart);
  return { sites, headerWrites, literals: candidates, candidates, isNode: false };
}

function requestSite(request: HttpRequest, variables: FileVariables): RequestSite {
  const pieces = [request.url, ...request.urlContinuations];
  const last = pieces[pieces.length - 1];
  const parts: StringPart[] = pieces.flatMap((p) => resolveHttpText(p, variables, 'url'));
  const url: AbstractString = { parts, span: { start: request.url.start, end: last.start + last.text.length } };
  const headers: HeaderEntry[] = request.headers.map((h) => {
    const valueSpan = { start: h.value.start, end: h.value.start + h.value.text.length };
    const lineStart = h.name.start;
    return {
      name: h.name.text,
      value: { parts: resolveHttpText(h.value, variables, 'header'), span: valueSpan },
      valueSpan,
      span: { start: lineStart, end: valueSpan.end },
      origin: 'object' as const,
    };
  });
  return {
    client: 'custom', method: request.method, span: { start: request.start, end: request.end },
    url, query: [], headers, canSetHeaders: true,
  };
}
