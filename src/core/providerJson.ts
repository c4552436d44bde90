/**
 * Reads a JSON body written as text (a curl `-d '{…}'`, a `.http` body, a JS or Python string) into
 * a `StaticValue`. Run-time pieces (`$ID`, `{{id}}`, `${id}`) stand in as a placeholder and make
 * the values they touch unknown; each known value keeps its place in the document when the text
 * was read without escapes.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { Span, StringPart } from './model';
import type { StaticValue } from './providerSites';

/** Bodies longer than this are not read (a pasted fixture, not a request someone types). */
const MAX_JSON_CHARS = 64 * 1024;

interface Flat {
  text: string;
  /** Document offset of each character of `text`, when exactly known. */
  at: Array<number | undefined>;
  /** Which characters of `text` stand in for a run-time piece. */
  hole: boolean[];
}

function flatten(parts: readonly StringPart[]): Flat | undefined {
  let text = '';
  const at: Array<number | undefined> = [];
  const hole: boolean[] = [];
  let inString = false;
  let escaped = false;
  for (const p of parts) {
    if (p.kind === 'hole') {
      // Inside a JSON string a placeholder letter keeps it a string; elsewhere a number keeps it JSON.
      text += inString ? '_' : '0';
      at.push(undefined);
      hole.push(true);
      escaped = false;
      continue;
    }
    for (let i = 0; i < p.value.length; i++) {
      const c = p.value[i];
      text += c;
      at.push(p.exact && !p.at ? p.span.start + i : undefined);
      hole.push(false);
      if (escaped) escaped = false;
      else if (inString && c === '\\') escaped = true;
      else if (c === '"') inString = !inString;
    }
    if (text.length > MAX_JSON_CHARS) return undefined;
  }
  return { text, at, hole };
}

/** The JSON value of the pieces, or undefined when they are not JSON (an object or array at the top). */
export function jsonValueFromParts(parts: readonly StringPart[]): StaticValue | undefined {
  const flat = flatten(parts);
  if (!flat) return undefined;
  const start = flat.text.search(/\S/);
  if (start < 0 || (flat.text[start] !== '{' && flat.text[start] !== '[')) return undefined;
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(flat.text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch {
    // jsonc-parser recurses per nesting level: `[[[[…` thousands deep runs out of stack.
    return undefined;
  }
  if (!root || errors.length > 0) return undefined;
  return toValue(root, flat, 0);
}

/** Request bodies are shallow; deeper levels are not read. */
const MAX_DEPTH = 32;

function spanOf(node: Node, flat: Flat): Span | undefined {
  const first = flat.at[node.offset];
  const last = flat.at[node.offset + node.length - 1];
  return first !== undefined && last !== undefined && last - first === node.length - 1 ? { start: first, end: last + 1 } : undefined;
}

function touchesHole(node: Node, flat: Flat): boolean {
  for (let i = node.offset; i < node.offset + node.length; i++) if (flat.hole[i]) return true;
  return false;
}

function toValue(node: Node, flat: Flat, depth: number): StaticValue {
  const span = spanOf(node, flat);
  if (depth > MAX_DEPTH) return { kind: 'unknown', span };
  switch (node.type) {
    case 'object': {
      const entries: Array<{ key: string; value: StaticValue }> = [];
      let open = false;
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || !v || touchesHole(k, flat)) {
          open = true;
          continue;
        }
        entries.push({ key: String(k.value), value: toValue(v, flat, depth + 1) });
      }
      return { kind: 'object', entries, open, span };
    }
    case 'array': {
      const items = node.children ?? [];
      // A bare run-time piece as an item (`[$IDS]`) may be several items: the length is unknown.
      if (items.some((c) => c.type !== 'string' && touchesHole(c, flat))) return { kind: 'unknown', span };
      return { kind: 'array', items: items.map((c) => toValue(c, flat, depth + 1)), span };
    }
    default:
      if (touchesHole(node, flat)) return { kind: 'unknown', span };
      return { kind: 'scalar', value: node.value as string | number | boolean | null, span };
  }
}
