/**
 * The Python front end: facts from a Python tree, the shared rules over them, and Python fixes in
 * place of the rules' JavaScript ones. Suppressions use `#` comments.
 */
import { mergedOptions, withFix } from '../frontEndOptions';
import type { Tree } from '../parser';
import type { RequestSite, SecretCandidate } from '../model';
import type { CustomClient } from '../javascript/clients';
import type { AnalyzeOptions } from '../analyze';
import { checkKeyInUrl, KEY_IN_URL } from '../rules/keyInUrl';
import { BEARER_FORMAT, checkBearerFormat } from '../rules/bearerFormat';
import { checkHardcodedKeys, envNameForCandidate, HARDCODED_KEY } from '../rules/hardcodedKey';
import { withLevels } from '../settings';
import type { Finding } from '../types';
import { collectFacts, type PythonFacts } from './facts';
import { bearerFix, hardcodedKeyFix, keyInUrlFix } from './fixes';
import { importsOs } from './imports';
import { checkPythonRetries } from './retry';
import { applyPythonSuppressions } from './suppressions';
import { providerFindings } from '../providerSites';
import { pythonProviderSites } from './providerSites';

/**
 * The findings of a Python tree of `text` (from `parse('python', text)`): one collection pass, the
 * shared rules, Python fixes, `#` suppressions and the configured severities. The caller keeps
 * (and deletes) the tree.
 */
export function analyzePython(tree: Tree, text: string, options: AnalyzeOptions = {}): Finding[] {
  const { rules, on, secretParamNames, clients } = mergedOptions(options);

  const facts = collectFacts(tree, text, clients);
  const findings: Finding[] = [];
  if (on(KEY_IN_URL)) {
    for (const f of checkKeyInUrl(facts, text, { secretParamNames })) findings.push(withFix(f, keyInUrlFix(f, facts, text)));
  }
  if (on(BEARER_FORMAT)) {
    for (const f of checkBearerFormat(facts, text)) findings.push(withFix(f, bearerFix(f, facts, tree, text)));
  }
  if (on(HARDCODED_KEY)) findings.push(...hardcodedKeys(facts, text));
  if (on('retry-without-backoff') || on('retry-after-ignored')) findings.push(...checkPythonRetries(facts, text));
  findings.push(...providerFindings(() => pythonProviderSites(tree, facts, text), text, options.providerRules));

  return withLevels(applyPythonSuppressions(findings, text), rules);
}

/**
 * `hardcoded-key` with Python fixes: the rule's findings, with the JavaScript fix replaced by a
 * Python one that reads the same environment variable.
 */
function hardcodedKeys(allFacts: PythonFacts, text: string): Finding[] {
  const facts = { ...allFacts, literals: allFacts.literals.map(withoutSlowName) };
  const plain = checkHardcodedKeys(facts, text);
  const canFix = importsOs(facts.ctx.imports);
  return plain.map((f) => {
    const c = canFix ? facts.literals.find((l) => f.start >= l.span.start && f.end <= l.span.end) : undefined;
    const node = c ? facts.literalNodes.get(c.span.start) : undefined;
    return withFix(f, c && node ? hardcodedKeyFix(f, c, node, envNameForCandidate(c, text), text) : undefined);
  });
}

/** The request sites of a Python tree, for the editor's hovers and code lenses (see documentSites.ts). */
export function pythonRequestSites(tree: Tree, text: string, clients: readonly CustomClient[] = []): RequestSite[] {
  return collectFacts(tree, text, clients).pySites.filter((s) => !s.shape.config).map((s) => s.site);
}

/**
 * `looksLikeCredential` (keyFormats.ts) backtracks exponentially on a long run of letters or digits
 * followed by a character its "made of words" pattern does not allow, e.g. a character set such as
 * `UNRESERVED_PAT = r"ABC…xyz0123456789._\-~"` (seconds to minutes). Such a value is a character
 * set, not a random key: it keeps only the known-format check, which is linear.
 */
function withoutSlowName(c: SecretCandidate): SecretCandidate {
  if (c.boundName === undefined) return c;
  const charset = /[a-z]{10}|[A-Z]{10}|[0-9]{8}/.test(c.value) && /[^A-Za-z0-9_:./ -]/.test(c.value);
  // `longopt_pat = r'[a-zA-Z](?:…)'`: in Python `_pat` is a pattern as often as a token, and keys have no brackets.
  const pattern = /[[\](){}|^\\*?]/.test(c.value);
  return charset || pattern ? { ...c, boundName: undefined } : c;
}
