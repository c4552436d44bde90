/**
 * `bearer-format`: an Authorization header value the server will reject. RFC 6750 wants exactly
 * `Bearer <token>`: one space, no quotes, no colon, nothing trailing. The scheme's case does not
 * matter (RFC 9110), so `bearer x` is fine.
 */
import type { FileFacts, HeaderEntry, HolePart, StringPart } from '../model';
import { bearerExpression, fileQuote, quoteString } from '../javascript/fixText';
import type { Finding, Fix } from '../types';

export const BEARER_FORMAT = 'bearer-format';

const SCHEMES = new Set(['bearer', 'token']);

interface Problem {
  what: string;
}

export function checkBearerFormat(facts: FileFacts, text: string): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<number>();
  for (const h of facts.headerWrites) {
    if (h.name.toLowerCase() !== 'authorization' || seen.has(h.valueSpan.start)) continue;
    const f = checkValue(h, text);
    if (f) {
      seen.add(h.valueSpan.start);
      findings.push(f);
    }
  }
  return findings;
}

function checkValue(h: HeaderEntry, text: string): Finding | undefined {
  const parts = h.value.parts;
  if (parts.length === 0) return undefined;
  const holes = parts.filter((p): p is HolePart => p.kind === 'hole');
  const flat = parts.map((p) => (p.kind === 'literal' ? p.value : '\u0000')).join('');

  // A secret alone, with no scheme at all.
  if (parts.every((p) => p.kind === 'hole')) {
    if (holes.length !== 1 || !holes[0].secret) return undefined;
    return finding(h, text, [{ what: 'has no "Bearer " scheme in front of the token' }], 'Bearer', holes[0], '');
  }
  const m = /^(\s*)([A-Za-z][A-Za-z0-9._-]*)(:?)([ \t]*)(["']?)/.exec(flat);
  if (!m) return undefined;
  const [whole, lead, scheme, colon, spaces, openQuote] = m;
  const known = SCHEMES.has(scheme.toLowerCase());
  const problems: Problem[] = [];
  if (lead) problems.push({ what: 'starts with whitespace' });
  if (colon) problems.push({ what: `has a colon after "${scheme}"` });
  const rest = flat.slice(whole.length);
  if (known) {
    if (!spaces && !colon && rest.length > 0) problems.push({ what: `has no space between "${scheme}" and the token` });
    if (spaces.length > 1 || spaces.includes('\t')) problems.push({ what: `has ${spaces.includes('\t') ? 'a tab' : 'more than one space'} after "${scheme}"` });
    if (openQuote || /["']\s*$/.test(rest)) problems.push({ what: 'puts quotes around the token' });
  }
  if (/[ \t\r\n]$/.test(flat)) problems.push({ what: 'ends with whitespace' });
  if (problems.length === 0) return undefined;
  // The token: what is left between the quotes and before trailing whitespace.
  const tokenText = rest.replace(/\s+$/, '').replace(/["']$/, '');
  const tokenHole = holes.length === 1 && tokenText === '\u0000' ? holes[0] : undefined;
  const literalToken = holes.length === 0 ? tokenText : undefined;
  return finding(h, text, problems, known ? scheme : 'Bearer', tokenHole, literalToken);
}

function finding(h: HeaderEntry, text: string, problems: Problem[], scheme: string, tokenHole: HolePart | undefined, literalToken: string | undefined): Finding {
  const list = problems.map((p) => p.what);
  const said = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
  const message =
    `This Authorization header ${said}. Servers expect exactly "${scheme} <token>" with one space and no quotes, ` +
    'and reject anything else with 401.';
  return {
    ruleId: BEARER_FORMAT, severity: 'error', message, start: h.valueSpan.start, end: h.valueSpan.end,
    fix: rewrite(h, text, scheme, tokenHole, literalToken),
  };
}

/** Rewrites the value in place as `Bearer ${token}`, in the literal style the value was written in. */
function rewrite(h: HeaderEntry, text: string, scheme: string, tokenHole: HolePart | undefined, literalToken: string | undefined): Fix | undefined {
  const { start, end } = h.valueSpan;
  // Only values written right there: a value built elsewhere would need edits at its declaration.
  const inside = (p: StringPart): boolean => p.span.start >= start && p.span.end <= end;
  if (!h.value.parts.every(inside)) return undefined;
  const original = text.slice(start, end);
  const firstLiteral = h.value.parts.find((p) => p.kind === 'literal');
  const quote = firstLiteral?.kind === 'literal' && firstLiteral.quote && firstLiteral.quote !== '`' ? firstLiteral.quote : fileQuote(text);
  const style = original.startsWith('`') || !firstLiteral ? 'template' : 'concat';
  let newText: string;
  if (tokenHole) {
    newText = bearerExpression(scheme, text.slice(tokenHole.span.start, tokenHole.span.end), style, quote);
  } else if (literalToken !== undefined && literalToken.length > 0 && !literalToken.includes('\u0000')) {
    newText = quoteString(`${scheme} ${literalToken}`, original.startsWith('`') ? '`' : quote);
  } else return undefined;
  // `{ Authorization }` shorthand: the fix writes the entry out in full.
  if (h.span.start === start && h.span.end === end && /^[A-Za-z_$][\w$]*$/.test(original)) newText = `${original}: ${newText}`;
  return { title: `Write the header as "${scheme} <token>"`, edits: [{ start, end, newText }] };
}
