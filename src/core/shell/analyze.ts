/**
 * The shell front end (VS Code language id `shellscript`: `.sh`, `.bash`, `.zsh`): curl and wget
 * commands as request sites, the shared rules over them, shell fixes, and `#` suppression comments.
 */
import { mergedOptions, withFix } from '../frontEndOptions';
import type { Tree } from '../parser';
import type { AnalyzeOptions } from '../analyze';
import { checkKeyInUrl, KEY_IN_URL } from '../rules/keyInUrl';
import { BEARER_FORMAT, checkBearerFormat } from '../rules/bearerFormat';
import { checkHardcodedKeys, HARDCODED_KEY } from '../rules/hardcodedKey';
import { retryFindings, RETRY_WITHOUT_BACKOFF, type LoopFacts } from '../rules/retryWithoutBackoff';
import { applyCommentSuppressions, type Comment } from '../httpFile/suppressions';
import { withLevels } from '../settings';
import type { RequestSite } from '../model';
import type { Finding } from '../types';
import { collectShellFacts, type ShellCandidate, type ShellFacts } from './facts';
import { bearerFix, hardcodedKeyFix, keyInUrlFix } from './fixes';
import { shellLoopFacts } from './retry';
import { providerFindings } from '../providerSites';
import { shellProviderSites } from './providerSites';

/**
 * The findings of a bash tree of `text` (from `parse('bash', text)`). The caller keeps (and
 * deletes) the tree.
 */
export function analyzeShell(tree: Tree, text: string, options: AnalyzeOptions = {}): Finding[] {
  const { rules, on, secretParamNames } = mergedOptions(options);

  const facts = collectShellFacts(tree, text);
  const findings: Finding[] = [];
  if (on(KEY_IN_URL)) {
    for (const f of checkKeyInUrl(facts, text, { secretParamNames })) findings.push(withFix(f, keyInUrlFix(f, facts, text)));
  }
  if (on(BEARER_FORMAT)) {
    for (const f of checkBearerFormat(facts, text)) findings.push(withFix(f, bearerFix(f, facts, text)));
  }
  if (on(HARDCODED_KEY)) findings.push(...hardcodedKeys(facts, text));
  if (on(RETRY_WITHOUT_BACKOFF)) findings.push(...retries(shellLoopFacts(facts, text), facts));
  findings.push(...providerFindings(() => shellProviderSites(tree, facts, text), text, options.providerRules));

  return withLevels(applyCommentSuppressions(findings, directiveComments(facts, text), text), rules);
}

/**
 * Candidates carry a `span` one character wider on each side than their text (as if quoted, which
 * the rule assumes); a finding that falls back to that span is narrowed to the text again.
 */
function hardcodedKeys(facts: ShellFacts, text: string): Finding[] {
  const found = checkHardcodedKeys(facts, text);
  if (found.length === 0) return found;
  // Findings start inside their candidate's content; candidates are sorted and do not overlap.
  const byStart = facts.candidates;
  const candidateAt = (offset: number): ShellCandidate | undefined => {
    let lo = 0;
    let hi = byStart.length - 1;
    let best: ShellCandidate | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (byStart[mid].span.start <= offset) {
        best = byStart[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  };
  return found.map((f) => {
    const { fix: _js, ...rest } = f;
    const c = candidateAt(f.start);
    if (!c || f.end > c.span.end) return rest;
    const narrowed = { ...rest, start: Math.max(f.start, c.content.start), end: Math.min(f.end, c.content.end) };
    const fix = hardcodedKeyFix(narrowed, c);
    return fix ? { ...narrowed, fix } : narrowed;
  });
}

/** Shell wording for the shared retry messages: curl and wget fail rather than throw. */
function retries(loops: LoopFacts[], facts: ShellFacts): Finding[] {
  const tools = new Map(facts.commands.map((c) => [c.node.startIndex, c.tool]));
  const bySpan = new Map(loops.map((l) => [`${l.span.start}:${l.span.end}`, l]));
  return retryFindings(loops).map((f) => {
    const loop = bySpan.get(`${f.start}:${f.end}`);
    if (loop?.construct === 'library') {
      const s = (loop.delay.ms ?? 0) / 1000;
      return {
        ...f,
        message: `--retry-delay makes curl wait the same ${s} s before every new attempt instead of its own doubling backoff. ` +
          'A wait that never grows keeps hitting the rate limit; 429 responses need increasing waits. ' +
          'Drop --retry-delay (curl then waits 1 s and doubles), or cap the whole run with --retry-max-time.',
      };
    }
    const tool = loop?.requestSpan ? tools.get(loop.requestSpan.start) ?? 'curl' : 'curl';
    return { ...f, message: f.message.replace(' when it throws', ` when ${tool} fails`) };
  });
}

/** Real comments only (not `#` inside a string); a file-wide directive must be a line of its own. */
function directiveComments(facts: ShellFacts, text: string): Comment[] {
  const out: Comment[] = [];
  for (const c of facts.comments) {
    let lineStart = c.startIndex;
    while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
    const ownLine = text.slice(lineStart, c.startIndex).trim() === '';
    if (!ownLine && /^#[ \t]*api-doctor-disable(?!-)/.test(c.text)) continue;
    out.push({ text: c.text, start: c.startIndex });
  }
  return out;
}

/** The curl/wget request sites of a bash tree, for the editor's hovers and code lenses (see documentSites.ts). */
export function shellRequestSites(tree: Tree, text: string): RequestSite[] {
  return collectShellFacts(tree, text).sites;
}
