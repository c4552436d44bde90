/**
 * The JSON / JSONC front end (language ids `json` and `jsonc`): configuration files, `.vscode/*.json`,
 * `package.json` scripts, Postman collections. The shared rules read the model `collectJsonFacts`
 * builds; fixes are JSON edits, and only where a reference would really be substituted.
 */
import { mergedOptions } from '../frontEndOptions';
import { parseTree, visit, type Node, type ParseError } from 'jsonc-parser';
import type { AnalyzeOptions } from '../analyze';
import { checkKeyInUrl, KEY_IN_URL } from '../rules/keyInUrl';
import { BEARER_FORMAT, checkBearerFormat } from '../rules/bearerFormat';
import { checkHardcodedKeys, envNameFor, HARDCODED_KEY } from '../rules/hardcodedKey';
import { findKnownKey } from '../keyFormats';
import { withLevels } from '../settings';
import type { Finding, Fix } from '../types';
import type { Span } from '../model';
import { applyCommentSuppressions, type Comment } from '../httpFile/suppressions';
import { collectJsonFacts, type JsonCandidate } from './facts';
import { whySkippedAfterParse, whySkippedBeforeParse } from './skip';
import { substitutionAt, type Substitution } from './substitution';

export interface JsonConfigOptions extends AnalyzeOptions {
  /** The file's name or path, when known: lock files are skipped by name. */
  fileName?: string;
}

const NO_URL_FIX =
  ' API Doctor offers no automatic fix here: the program that reads this setting decides how the value is sent, ' +
  'so move the credential to a header or a secret setting where that program supports one.';

export function analyzeJsonConfig(text: string, options: JsonConfigOptions = {}): Finding[] {
  if (whySkippedBeforeParse(text, options.fileName)) return [];
  const root = parse(text);
  if (!root || whySkippedAfterParse(root)) return [];

  const { rules, on, secretParamNames } = mergedOptions(options);

  const facts = collectJsonFacts(root, text);
  const findings: Finding[] = [];
  if (on(KEY_IN_URL)) {
    for (const f of checkKeyInUrl(facts, text, { secretParamNames })) {
      // A range with an escape in it does not point at what the user reads: take the whole string.
      const literal = facts.siteStrings[indexAt(facts.siteStrings, f.start)];
      const escaped = text.slice(f.start, f.end).includes('\\');
      const range = escaped && literal ? literal : { start: f.start, end: f.end };
      findings.push({ ...f, ...range, message: f.message + NO_URL_FIX, fix: undefined });
    }
  }
  if (on(BEARER_FORMAT)) {
    for (const f of checkBearerFormat(facts, text)) findings.push({ ...f, fix: bearerFix(f, text) });
  }
  if (on(HARDCODED_KEY)) {
    const spans = facts.candidates.map((x) => x.span);
    for (const f of checkHardcodedKeys(facts, text)) {
      const c = facts.candidates[indexAt(spans, f.start)];
      findings.push({ ...f, fix: c ? referenceFix(c, substitutionAt(c.path, root), f, text) : undefined });
    }
  }

  return withLevels(applyCommentSuppressions(findings, comments(text), text), rules);
}

/** Why a JSON file is not analysed (lock file, size, data), or undefined when it is. */
export function whyJsonNotAnalyzed(text: string, fileName?: string): string | undefined {
  const early = whySkippedBeforeParse(text, fileName);
  if (early) return early;
  const root = parse(text);
  return root ? whySkippedAfterParse(root) : undefined;
}

function parse(text: string): Node | undefined {
  const errors: ParseError[] = [];
  return parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
}

function comments(text: string): Comment[] {
  const out: Comment[] = [];
  if (!text.includes('api-doctor-disable')) return out;
  visit(text, { onComment: (offset, length) => { out.push({ text: text.slice(offset, offset + length), start: offset }); } });
  return out;
}

/** The index of the span that holds `offset` (spans of string literals, in document order), or -1. */
function indexAt(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && offset < spans[found].end ? found : -1;
}

/** `"Bearer: abc"` → `"Bearer abc"`, when the value is one plain string with a token in it. */
function bearerFix(f: Finding, text: string): Fix | undefined {
  const written = text.slice(f.start, f.end);
  const quoted = written.startsWith('"') && written.endsWith('"') && written.length >= 2;
  const inner = quoted ? written.slice(1, -1) : written;
  if (inner.includes('\\')) return undefined;
  const m = /^\s*([A-Za-z][A-Za-z0-9._-]*?)(?=[\s:'{$]|$):?\s*'?(.*?)'?\s*$/.exec(inner);
  let scheme = 'Bearer';
  let token: string;
  if (/^(\$\{[^}]+\}|\{\{[^{}]+\}\}|\$[A-Z_][A-Z0-9_]*)$/.test(inner.trim())) token = inner.trim();
  else if (m) {
    scheme = m[1];
    token = m[2];
  } else return undefined;
  if (token.length === 0 || /\s/.test(token)) return undefined;
  const newInner = `${scheme} ${token}`;
  if (newInner === inner) return undefined;
  const start = quoted ? f.start + 1 : f.start;
  return { title: `Write the header as "${scheme} <token>"`, edits: [{ start, end: start + inner.length, newText: newInner }] };
}

/** The key → `${env:NAME}` (or `${localEnv:NAME}`), only where the reader substitutes it. */
function referenceFix(c: JsonCandidate, substitution: Substitution | undefined, f: Finding, text: string): Fix | undefined {
  if (!substitution) return undefined;
  const known = findKnownKey(c.value);
  const name = envNameFor(c.boundName && /^[A-Za-z_][\w.-]*$/.test(c.boundName) ? c.boundName : undefined, known, undefined);
  const reference = `\${${substitution}:${name}}`;
  const title = `Read the key from the environment variable ${name}`;
  // The finding covers the key itself when the string has no escapes; else the whole literal.
  if (f.start > c.span.start && f.end < c.span.end) return { title, edits: [{ start: f.start, end: f.end, newText: reference }] };
  if (known && known.key !== c.value) return undefined;
  if (text.slice(c.span.start, c.span.end) === text.slice(f.start, f.end)) return { title, edits: [{ start: c.span.start, end: c.span.end, newText: `"${reference}"` }] };
  return undefined;
}
