/**
 * The query of a request as written in the `.http` file: the request line's URL and its `?a=1` /
 * `&b=2` continuation lines, read as one URL. `{{…}}` references count as one unit, so a `?` or `&`
 * inside a reference never splits the query.
 */
import type { HttpRequest } from './parse';

interface Unit {
  text: string;
  start: number;
  end: number;
}

export interface WrittenPair {
  name: string;
  /** The value as written (references included). */
  value: string;
  /** From the name's first character to the value's last. */
  start: number;
  end: number;
  /** The `?` or `&` before the pair, and the `&` after it when there is one. */
  before: Unit;
  after?: Unit;
}

function units(request: HttpRequest): Unit[] {
  const out: Unit[] = [];
  for (const piece of [request.url, ...request.urlContinuations]) {
    const re = /\{\{[^{}]*\}\}|[\s\S]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(piece.text))) out.push({ text: m[0], start: piece.start + m.index, end: piece.start + m.index + m[0].length });
  }
  return out;
}

export function writtenQueryPairs(request: HttpRequest): WrittenPair[] {
  const all = units(request);
  const q = all.findIndex((u) => u.text === '?');
  if (q < 0) return [];
  const pairs: WrittenPair[] = [];
  let before = all[q];
  let i = q + 1;
  while (i < all.length) {
    let j = i;
    while (j < all.length && all[j].text !== '&' && all[j].text !== '#') j++;
    const seg = all.slice(i, j);
    const eq = seg.findIndex((u) => u.text === '=');
    if (eq > 0) {
      pairs.push({
        name: seg.slice(0, eq).map((u) => u.text).join(''), value: seg.slice(eq + 1).map((u) => u.text).join(''),
        start: seg[0].start, end: seg[seg.length - 1].end, before, after: all[j]?.text === '&' ? all[j] : undefined,
      });
    }
    if (j >= all.length || all[j].text === '#') break;
    before = all[j];
    i = j + 1;
  }
  return pairs;
}
