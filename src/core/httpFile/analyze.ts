/**
 * The `.http` / `.rest` front end (VS Code language id `http`, as REST Client and httpYac name it):
 * the shared rules over the request-site model of the file, with fixes in `.http` syntax.
 */
import { mergedOptions } from '../frontEndOptions';
import type { AnalyzeOptions } from '../analyze';
import { checkKeyInUrl, KEY_IN_URL } from '../rules/keyInUrl';
import { BEARER_FORMAT, checkBearerFormat } from '../rules/bearerFormat';
import { checkHardcodedKeys, HARDCODED_KEY } from '../rules/hardcodedKey';
import { withLevels } from '../settings';
import type { Finding } from '../types';
import { parseHttpFile, type HttpRequest } from './parse';
import { collectHttpFacts, type HttpCandidate } from './facts';
import { writtenQueryPairs } from './queryText';
import { bearerFix, environmentFix, moveToHeaderFix } from './fixes';
import { applyCommentSuppressions, httpComments } from './suppressions';
import { providerFindings } from '../providerSites';
import { httpProviderSites } from './providerSites';

export function analyzeHttpFile(text: string, options: AnalyzeOptions = {}): Finding[] {
  const { rules, on, secretParamNames } = mergedOptions(options);

  const file = parseHttpFile(text);
  const facts = collectHttpFacts(file);
  const findings: Finding[] = [];

  if (on(KEY_IN_URL)) {
    // The rule decides which pairs carry a credential; ranges and fixes come from the written URL.
    for (const f of checkKeyInUrl(facts, text, { secretParamNames })) {
      const request = requestAt(file.requests, f.start);
      const pair = request ? writtenQueryPairs(request).find((p) => p.start === f.start) : undefined;
      if (!request || !pair) findings.push({ ...f, fix: undefined });
      else findings.push({ ...f, end: pair.end, fix: moveToHeaderFix(request, pair, text) });
    }
  }
  if (on(BEARER_FORMAT)) {
    const headers = new Map(facts.headerWrites.map((h) => [h.valueSpan.start, h]));
    for (const f of checkBearerFormat(facts, text)) {
      const header = headers.get(f.start);
      findings.push({ ...f, fix: header ? bearerFix(header, text) : undefined });
    }
  }
  if (on(HARDCODED_KEY)) {
    for (const f of checkHardcodedKeys(facts, text)) {
      const c = candidateAt(facts.candidates, f.start);
      findings.push({ ...f, fix: c ? environmentFix(c, f.start, f.end) : undefined });
    }
  }

  findings.push(...providerFindings(() => httpProviderSites(file, facts.sites), text, options.providerRules));

  return withLevels(applyCommentSuppressions(findings, httpComments(text), text), rules);
}

/** The request whose text holds `offset` (requests are in document order). */
function requestAt(requests: readonly HttpRequest[], offset: number): HttpRequest | undefined {
  let lo = 0;
  let hi = requests.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < requests[mid].start) hi = mid - 1;
    else if (offset > requests[mid].end) lo = mid + 1;
    else return requests[mid];
  }
  return undefined;
}

/** The candidate whose value holds `offset` (candidates are in document order and never overlap). */
function candidateAt(candidates: readonly HttpCandidate[], offset: number): HttpCandidate | undefined {
  let lo = 0;
  let hi = candidates.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = candidates[mid];
    if (offset < c.valueStart) hi = mid - 1;
    else if (offset >= c.valueStart + c.value.length) lo = mid + 1;
    else return c;
  }
  return undefined;
}
