/**
 * Splits a URL, as an abstract string, into query `name=value` pairs whose pieces keep their
 * document ranges, so that `key-in-url` can point at (and edit) exactly one pair.
 */
import type { HolePart, Span, StringPart } from './model';

/** One character of URL text (or one hole) with the document range it comes from. */
export interface Token {
  ch?: string;
  /** The character was read through a variable: its range is the use of that variable. */
  via?: Span;
  /** Where the character itself is written (in the variable's definition, for `via` tokens). */
  ps: number;
  pe: number;
  hole?: HolePart;
  part: StringPart;
  start: number;
  end: number;
}

export function tokens(parts: readonly StringPart[]): Token[] {
  const out: Token[] = [];
  for (const part of parts) {
    if (part.kind === 'hole') {
      const s = part.outer ?? part.span;
      out.push({ hole: part, part, start: s.start, end: s.end, ps: s.start, pe: s.end });
    } else {
      const s = part.at ? (part.outer ?? part.at) : undefined;
      for (let i = 0; i < part.value.length; i++) {
        const ps = part.exact ? part.span.start + i : part.span.start;
        const pe = part.exact ? ps + 1 : part.span.end;
        out.push({ ch: part.value[i], via: part.at, part, start: s ? s.start : ps, end: s ? s.end : pe, ps, pe });
      }
    }
  }
  return out;
}

export interface QueryPair {
  name: string;
  nameTokens: Token[];
  valueTokens: Token[];
  eq: Token;
  /** The separator before (`?` or `&`) and after (`&`, `#`, or none). */
  before: Token;
  after?: Token;
}

export function queryPairs(toks: Token[]): QueryPair[] {
  const q = toks.findIndex((t) => t.ch === '?');
  if (q < 0) return [];
  const pairs: QueryPair[] = [];
  let i = q + 1;
  let before = toks[q];
  while (i < toks.length) {
    let j = i;
    while (j < toks.length && toks[j].ch !== '&' && toks[j].ch !== '#') j++;
    const seg = toks.slice(i, j);
    const eq = seg.findIndex((t) => t.ch === '=');
    if (eq > 0 && seg.slice(0, eq).every((t) => t.ch !== undefined)) {
      pairs.push({ name: seg.slice(0, eq).map((t) => t.ch).join(''), nameTokens: seg.slice(0, eq), eq: seg[eq], valueTokens: seg.slice(eq + 1), before, after: toks[j] });
    }
    if (j >= toks.length || toks[j].ch === '#') break;
    before = toks[j];
    i = j + 1;
  }
  return pairs;
}

/**
 * From the name's first character to the value's end. Where the value continues in another piece
 * the range follows it only across a `' + ` concatenation; otherwise it stops at the literal's end.
 */
export function pairRange(pair: QueryPair, text: string): Span {
  // A pair written whole inside one constant is reported where it is written.
  const via = pair.nameTokens[0].via;
  const literals = [...pair.nameTokens, pair.eq, ...pair.valueTokens].filter((t) => t.ch !== undefined);
  if (via && literals.every((t) => t.via === via)) {
    const at = (t: Token): Token => (t.via ? { ...t, via: undefined, start: t.ps, end: t.pe } : t);
    return pairRange({ ...pair, nameTokens: pair.nameTokens.map(at), eq: at(pair.eq), valueTokens: pair.valueTokens.map(at) }, text);
  }
  const start = pair.nameTokens[0].start;
  let end = pair.nameTokens[pair.nameTokens.length - 1].end + 1;
  let last: Token | undefined;
  for (const t of pair.valueTokens) {
    if (last && t.via && t.start === last.start && t.end === last.end) continue;
    last = t;
    if (t.start !== end && !(t.start > end && /^['"`]\s*\+\s*$/.test(text.slice(end, t.start)))) break;
    end = t.end;
  }
  return { start, end };
}

