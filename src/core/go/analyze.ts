/**
 * The Go front end: facts from a Go tree (`net/http`, resty), the shared rules over them, and Go
 * fixes in place of the rules' JavaScript ones. Suppression comments are the `//` and `/* *\/`
 * ones of suppressions.ts, which are Go comments too.
 */
import { mergedOptions, withFix } from '../frontEndOptions';
import type { Tree } from '../parser';
import type { RequestSite } from '../model';
import type { AnalyzeOptions } from '../analyze';
import { checkKeyInUrl, KEY_IN_URL } from '../rules/keyInUrl';
import { BEARER_FORMAT, checkBearerFormat } from '../rules/bearerFormat';
import { checkHardcodedKeys, envNameForCandidate, HARDCODED_KEY } from '../rules/hardcodedKey';
import { applySuppressions } from '../suppressions';
import { withLevels } from '../settings';
import type { Finding } from '../types';
import { collectFacts, type GoFacts } from './facts';
import { bearerFix, hardcodedKeyFix, importsOs, keyInUrlFix } from './fixes';
import { checkGoRetries } from './retry';
import { providerFindings } from '../providerSites';
import { goProviderSites } from './providerSites';

/**
 * The findings of a Go tree of `text` (from `parse('go', text)`): one collection pass, the shared
 * rules, Go fixes, suppressions and the configured severities. The caller keeps (and deletes) the tree.
 */
export function analyzeGo(tree: Tree, text: string, options: AnalyzeOptions = {}): Finding[] {
  const { rules, on, secretParamNames } = mergedOptions(options);

  const facts = collectFacts(tree);
  const findings: Finding[] = [];
  if (on(KEY_IN_URL)) {
    for (const f of checkKeyInUrl(facts, text, { secretParamNames })) findings.push(withFix(f, keyInUrlFix(f, facts, text)));
  }
  if (on(BEARER_FORMAT)) {
    for (const f of checkBearerFormat(facts, text)) findings.push(withFix(f, bearerFix(f, facts, text)));
  }
  if (on(HARDCODED_KEY)) findings.push(...hardcodedKeys(facts, text));
  if (on('retry-without-backoff') || on('retry-after-ignored')) findings.push(...checkGoRetries(facts, text));
  findings.push(...providerFindings(() => goProviderSites(tree, facts, text), text, options.providerRules));

  return withLevels(applySuppressions(findings, text), rules);
}

/**
 * `hardcoded-key` with Go fixes: the rule's findings, with the JavaScript fix replaced by a Go one
 * that reads the same environment variable.
 */
function hardcodedKeys(facts: GoFacts, text: string): Finding[] {
  const plain = checkHardcodedKeys(facts, text);
  const canFix = importsOs(facts);
  return plain.map((f) => {
    const c = canFix ? facts.literals.find((l) => f.start >= l.span.start && f.end <= l.span.end) : undefined;
    const node = c ? facts.literalNodes.get(c.span.start) : undefined;
    return withFix(f, c && node ? hardcodedKeyFix(f, c, node, envNameForCandidate(c, text), text) : undefined);
  });
}

/** The request sites of a Go tree (calls that send a request), for the editor's hovers and code lenses. */
export function goRequestSites(tree: Tree): RequestSite[] {
  return collectFacts(tree).goSites.filter((s) => s.site.url !== undefined).map((s) => s.site);
}
