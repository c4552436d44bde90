/**
 * `key-in-url`: a credential in a request's query string. URLs end up in server and proxy logs,
 * browser history and Referer headers, and many APIs reject a key there (401).
 */
import type { FileFacts, HolePart, QueryParam, RequestSite, Span, StringPart } from '../model';
import { pairRange, queryPairs, tokens, type QueryPair } from '../queryPairs';
import { isHarmlessParamName, isSecretParamName, nameWords } from '../secretNames';
import { findKnownKey } from '../keyFormats';
import { addAuthorizationHeader, bearerExpression, fileQuote, quoteString, removeEntry } from '../javascript/fixText';
import type { Finding, Fix, Severity, TextEdit } from '../types';

export const KEY_IN_URL = 'key-in-url';

export interface KeyInUrlOptions {
  secretParamNames?: readonly string[];
}

/** Words in a value's name that mark a one-time code for a person (a reset or invite link). */
const ONE_TIME = new Set(['reset', 'verify', 'verification', 'invite', 'invitation', 'confirm', 'confirmation', 'magic', 'otp', 'signup', 'unsubscribe', 'onetime']);

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

type Verdict = { secret: false } | { secret: true; why: string };

/** Whether a parameter carries a credential, by its name or by its value. */
function judge(name: string, literal: string, holes: readonly HolePart[], extra: readonly string[]): Verdict {
  if (isHarmlessParamName(name)) return { secret: false };
  if (holes.length === 0 && literal.length === 0) return { secret: false };
  const secretHole = holes.find((h) => h.secret);
  const known = literal ? findKnownKey(literal) : undefined;
  if (isSecretParamName(name, extra)) {
    // A reset/invite code is meant to travel in a link; `?auth=1` is a flag, not a key.
    if (!secretHole && holes.some((h) => nameWords(h.origin.name).some((w) => ONE_TIME.has(w)))) return { secret: false };
    if (holes.length === 0 && /^(true|false|\d{1,3})$/i.test(literal)) return { secret: false };
    return { secret: true, why: `The query parameter "${name}" sends a credential in the URL.` };
  }
  if (secretHole) return { secret: true, why: `The query parameter "${name}" carries ${describeHole(secretHole)}.` };
  if (known) return { secret: true, why: `The query parameter "${name}" carries a ${known.format.label}.` };
  return { secret: false };
}

function partsJudge(name: string, parts: readonly StringPart[], extra: readonly string[]): Verdict {
  const holes = parts.filter((p): p is HolePart => p.kind === 'hole');
  const literal = parts.map((p) => (p.kind === 'literal' ? p.value : '')).join('');
  return judge(name, literal, holes, extra);
}

function describeHole(h: HolePart): string {
  switch (h.origin.kind) {
    case 'env': return `the credential from the environment variable ${h.origin.name}`;
    case 'call': return `the credential returned by ${h.origin.name}()`;
    default: return `the credential in "${h.origin.name}"`;
  }
}

const WHY = ' URLs are written to server and proxy logs, browser history and Referer headers, and many APIs reject keys there (401). Send it in the Authorization header instead.';
const WHY_BROWSER_WS = ' Browsers cannot set headers on a WebSocket handshake, so some providers accept a ?token= parameter there; prefer a short-lived token over a long-lived key, since the URL may be logged.';

export function checkKeyInUrl(facts: FileFacts, text: string, options: KeyInUrlOptions = {}): Finding[] {
  const extra = options.secretParamNames ?? [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const push = (f: Finding): void => {
    const k = `${f.start}:${f.end}`;
    if (seen.has(k)) return;
    seen.add(k);
    findings.push(f);
  };
  for (const site of facts.sites) {
    const severity: Severity = site.client === 'websocket-browser' ? 'info' : 'warning';
    const why = site.client === 'websocket-browser' ? WHY_BROWSER_WS : WHY;
    if (site.url) {
      const toks = tokens(site.url.parts);
      for (const pair of queryPairs(toks)) {
        const verdict = judge(decode(pair.name), pair.valueTokens.map((t) => t.ch ?? '').join(''), pair.valueTokens.flatMap((t) => (t.hole ? [t.hole] : [])), extra);
        if (!verdict.secret) continue;
        const range = pairRange(pair, text);
        push({
          ruleId: KEY_IN_URL, severity, message: verdict.why + why, start: range.start, end: range.end,
          fix: site.canSetHeaders ? urlPairFix(site, pair, text) : undefined,
        });
      }
    }
    for (const param of site.query) {
      const verdict = partsJudge(param.name, param.value.parts, extra);
      if (!verdict.secret) continue;
      const where = param.origin === 'params-object' ? ' (in the request\'s query parameters)' : ' (added to the URL\'s search parameters)';
      push({
        ruleId: KEY_IN_URL, severity, message: verdict.why.replace(/\.$/, `${where}.`) + why, start: param.span.start, end: param.span.end,
        fix: site.canSetHeaders && param.origin === 'params-object' ? paramsEntryFix(site, param, text) : undefined,
      });
    }
  }
  return findings;
}

const FIXABLE = new Set(['fetch', 'axios', 'got', 'ky', 'undici', 'websocket-node']);

/** The value as code for the header: the hole's expression, or the literal in the file's quotes. */
function valueCode(literal: string, holes: readonly HolePart[], text: string, style: 'template' | 'concat', quote: string): string | undefined {
  if (holes.length === 1 && literal.length === 0) return bearerExpression('Bearer', text.slice(holes[0].span.start, holes[0].span.end), style, quote);
  if (holes.length === 0 && literal.length > 0) return quoteString(`Bearer ${decode(literal)}`, quote);
  return undefined;
}

function urlPairFix(site: RequestSite, pair: QueryPair, text: string): Fix | undefined {
  if (!FIXABLE.has(site.client) || !site.url || hasAuthorization(site)) return undefined;
  const urlSpan = site.url.span;
  const all = [pair.before, ...pair.nameTokens, pair.eq, ...pair.valueTokens, ...(pair.after ? [pair.after] : [])];
  // Only edit a URL written at the call, in one template or string literal.
  const urlText = text.slice(urlSpan.start, urlSpan.end);
  if (!/^[`'"]/.test(urlText) || all.some((t) => t.start < urlSpan.start || t.end > urlSpan.end)) return undefined;
  if ([pair.before, ...pair.nameTokens, ...(pair.after ? [pair.after] : [])].some((t) => t.part.kind === 'literal' && !t.part.exact)) return undefined;
  if (pair.valueTokens.some((t) => t.part.kind === 'literal' && !t.part.exact)) return undefined;
  // The removed text must be one run of the literal: no `' + '` between the pieces.
  if ([pair.before, ...pair.nameTokens, pair.eq, ...(pair.after ? [pair.after] : [])].some((t) => t.via)) return undefined;
  const run = all.filter((t, i) => i === 0 || !(t.via && t.start === all[i - 1].start && t.end === all[i - 1].end));
  const concatenated = concatenatedTail(pair, urlSpan, text);
  if (concatenated) return withHeader(site, text, concatenated.removal, concatenated.code);
  for (let i = 1; i < run.length; i++) if (run[i].start !== run[i - 1].end) return undefined;
  const style = urlText.startsWith('`') ? 'template' : 'concat';
  const quote = urlText.startsWith('`') ? fileQuote(text) : urlText[0];
  // A value read through a constant moves as that constant's name, not as a copy of its text.
  const via = pair.valueTokens[0]?.via;
  const code = via && pair.valueTokens.every((t) => t.via === via)
    ? bearerExpression('Bearer', text.slice(via.start, via.end), style, quote)
    : pair.valueTokens.some((t) => t.via) ? undefined
    : valueCode(pair.valueTokens.map((t) => t.ch ?? '').join(''), pair.valueTokens.flatMap((t) => (t.hole ? [t.hole] : [])), text, style, quote);
  if (!code) return undefined;
  const range = pairRange(pair, text);
  let removal: TextEdit;
  if (pair.after?.ch === '&') removal = { start: range.start, end: pair.after.end, newText: '' };
  else removal = { start: pair.before.start, end: range.end, newText: '' };
  const add = addAuthorizationHeader(site, text, code);
  if (!add) return undefined;
  return { title: 'Move the credential to the Authorization header', edits: [removal, add] };
}

/**
 * `'https://x/me?access_token=' + token` (the pair ends the literal and the value is the last
 * operand): the fix keeps the literal up to the separator and drops ` + token`.
 */
function concatenatedTail(pair: QueryPair, urlSpan: Span, text: string): { removal: TextEdit; code: string } | undefined {
  const value = pair.valueTokens;
  if (pair.after || value.length !== 1 || !value[0].hole || value[0].hole.outer) return undefined;
  const hole = value[0].hole;
  if (hole.span.end !== urlSpan.end) return undefined;
  const gap = text.slice(pair.eq.end, hole.span.start);
  const m = /^(['"])\s*\+\s*$/.exec(gap);
  if (!m) return undefined;
  const code = bearerExpression('Bearer', text.slice(hole.span.start, hole.span.end), 'concat', m[1]);
  return { removal: { start: pair.before.start, end: hole.span.end, newText: m[1] }, code };
}

function withHeader(site: RequestSite, text: string, removal: TextEdit, code: string): Fix | undefined {
  const add = addAuthorizationHeader(site, text, code);
  return add ? { title: 'Move the credential to the Authorization header', edits: [removal, add] } : undefined;
}

function paramsEntryFix(site: RequestSite, param: QueryParam, text: string): Fix | undefined {
  if (!FIXABLE.has(site.client) || hasAuthorization(site)) return undefined;
  if (param.span.start < site.span.start || param.span.end > site.span.end) return undefined;
  const quote = fileQuote(text);
  const holes = param.value.parts.filter((p): p is HolePart => p.kind === 'hole');
  const literal = param.value.parts.map((p) => (p.kind === 'literal' ? p.value : '')).join('');
  const code = valueCode(literal, holes, text, 'template', quote);
  if (!code) return undefined;
  const add = addAuthorizationHeader(site, text, code);
  if (!add) return undefined;
  return { title: 'Move the credential to the Authorization header', edits: [removeEntry(param.span, text), add] };
}

function hasAuthorization(site: RequestSite): boolean {
  return site.headers.some((h) => h.name.toLowerCase() === 'authorization');
}
