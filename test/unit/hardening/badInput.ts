/**
 * Hostile inputs for the analyzer, generated from a seed so that a failure names the case that
 * reproduces it: random bytes, lone surrogates, half-typed code, deep nesting, huge files.
 */

/** mulberry32: a tiny seeded generator; the same seed gives the same cases on every machine. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];

/** Bytes of every value, read as UTF-8 the way a file on disk is (bad sequences become U+FFFD). */
export function randomBytesText(r: () => number, length: number): string {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(r() * 256);
  return bytes.toString('utf8');
}

/** Text no UTF-8 file can hold: unpaired high and low surrogates among ordinary characters. */
export function loneSurrogateText(r: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const x = r();
    if (x < 0.15) out += String.fromCharCode(0xd800 + Math.floor(r() * 0x400));
    else if (x < 0.3) out += String.fromCharCode(0xdc00 + Math.floor(r() * 0x400));
    else if (x < 0.38) out += '\n';
    else if (x < 0.42) out += pick(r, ['"', '`', '{', '(', '?api_key=', '😀']);
    else out += String.fromCharCode(32 + Math.floor(r() * 95));
  }
  return out;
}

/** Pieces of code as they are while being typed: openers without closers, strings cut short. */
const FRAGMENTS = [
  '"', "'", '`', '${', '{', '}', '(', ')', '[', ']', '\n', '\n    ', '\t', '\r\n', '\\', '/*', '//', '#', ';', ',', ':', '=', '=>',
  'f"', 'f"{', 'rf\'', '"""', "'''", 'fetch(', 'fetch(`https://api.example.com/v1/${', 'requests.get(f"https://x.example/?token={', 'axios.get(',
  'await ', 'const k = ', 'let ', 'def f(', 'class A:', 'if x:', 'async function g(', 'new Headers({', 'headers: {', 'Authorization: ',
  '"Bearer ', '?api_key=', 'https://x.example/', '{{', '}}', 'GET ', 'POST ', '@v = ', '###', 'Content-Type: ', '"url": "', '// @ts-',
  '# api-doctor-disable', '\u0000', '\uFEFF', '\ud800', '\udfff', '😀', 'é', '\u2028',
];

export function halfTypedText(r: () => number, pieces: number): string {
  let out = '';
  for (let i = 0; i < pieces; i++) out += r() < 0.7 ? pick(r, FRAGMENTS) : String.fromCharCode(97 + Math.floor(r() * 26)).repeat(1 + Math.floor(r() * 6));
  return out;
}

/** `depth` openers, then as many closers. */
export function nested(open: '(' | '[' | '{', depth: number): string {
  const close = { '(': ')', '[': ']', '{': '}' }[open];
  return open.repeat(depth) + close.repeat(depth);
}

/** Python blocks each indented one space more than the last (the file grows with depth²). */
export function indented(depth: number): string {
  const lines: string[] = [];
  for (let i = 0; i < depth; i++) lines.push(`${' '.repeat(i)}if x:`);
  lines.push(`${' '.repeat(depth)}pass`);
  return lines.join('\n') + '\n';
}

/** One long line of bundler output, `length` characters. */
export function minifiedLine(length: number): string {
  const unit = 'var a=function(b,c){return fetch("https://api.example.com/v1/"+b,{headers:{Authorization:"Bearer "+c}}).then(function(d){return d.json()})};';
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}
