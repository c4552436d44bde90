/**
 * The request-site model for a JSON/JSONC configuration file: every URL written in a string value
 * is a site (its query is what `key-in-url` reads), `Authorization` entries are header writes, and
 * string values are candidates for `hardcoded-key`, bound to the name that says what they are.
 */
import type { Node } from 'jsonc-parser';
import type { FileFacts, HeaderEntry, SecretCandidate, Span } from '../model';
import { decodeJsonString, partsOf } from './strings';

export type PathStep = string | number;

export interface JsonCandidate extends SecretCandidate {
  /** Where the value sits (`['configurations', 0, 'env', 'API_KEY']`): a fix asks what substitutes there. */
  path: PathStep[];
}

export interface JsonFacts extends FileFacts {
  candidates: JsonCandidate[];
  /** The string literal each site's URL was found in, `sites[i]` in `siteStrings[i]`. */
  siteStrings: Span[];
}

const MIN_CANDIDATE = 8;
const URL_IN_TEXT = /\b(?:https?|wss?):\/\/[^\s"'<>`\\]+|^\{\{[^{}]+\}\}\/[^\s"'<>`\\]*/gi;

export function collectJsonFacts(root: Node, text: string): JsonFacts {
  const facts: JsonFacts = { sites: [], headerWrites: [], literals: [], candidates: [], siteStrings: [], isNode: false };
  walk(root, [], text, facts);
  facts.literals = facts.candidates;
  return facts;
}

function walk(node: Node, path: PathStep[], text: string, facts: JsonFacts): void {
  if (node.type === 'object') {
    for (const prop of node.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (!key || !value) continue;
      const name = String(key.value);
      if (value.type === 'string') {
        stringValue(value, [...path, name], boundNameIn(node, name), text, facts);
        if (name.toLowerCase() === 'authorization' || (name === 'value' && isAuthorizationPair(node))) header(value, prop, text, facts);
      } else walk(value, [...path, name], text, facts);
    }
  } else if (node.type === 'array') {
    const items = node.children ?? [];
    items.forEach((item, i) => {
      if (item.type !== 'string') return walk(item, [...path, i], text, facts);
      // `["--api-key", "…"]`: the flag before a value names it.
      const previous = items[i - 1];
      const flag = previous?.type === 'string' && /^--?[A-Za-z][\w-]*$/.test(String(previous.value)) ? String(previous.value).replace(/^-+/, '') : undefined;
      const arrayName = typeof path[path.length - 1] === 'string' ? (path[path.length - 1] as string) : undefined;
      stringValue(item, [...path, i], flag ?? arrayName, text, facts);
    });
  } else if (node.type === 'string') {
    stringValue(node, path, undefined, text, facts);
  }
}

/** `{ "name": "API_KEY", "value": "…" }` (ECS, cppdbg `environment`, Postman `key`/`value`) binds `value` to the name. */
function boundNameIn(object: Node, property: string): string {
  if (property !== 'value') return property;
  for (const prop of object.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (key && value?.type === 'string' && (key.value === 'name' || key.value === 'key')) return String(value.value);
  }
  return property;
}

function isAuthorizationPair(object: Node): boolean {
  return boundNameIn(object, 'value').toLowerCase() === 'authorization';
}

function stringValue(node: Node, path: PathStep[], boundName: string | undefined, text: string, facts: JsonFacts): void {
  const d = decodeJsonString(text, node.offset, node.length);
  if (!d || d.value.length === 0) return;
  const value = d.value;
  const literal: Span = { start: node.offset, end: node.offset + node.length };
  if (value.length >= MIN_CANDIDATE) facts.candidates.push({ value, span: literal, boundName, quote: '"', path });
  // `"Authorization: Bearer …"` in a list of header lines (curl-style arguments, REST settings).
  const prefix = value.length > 14 && /^\s*Authorization\s*:\s*/i.exec(value);
  if (prefix && d.exactBetween(prefix[0].length, value.length)) {
    const valueSpan = d.span(prefix[0].length, value.length);
    facts.headerWrites.push({ name: 'Authorization', value: { parts: partsOf(d, prefix[0].length), span: valueSpan }, valueSpan, span: literal, origin: 'object' });
  }
  if (!value.includes('?')) return;
  for (const m of value.matchAll(URL_IN_TEXT)) {
    const url = m[0].replace(/[.,;:!?)\]]+$/, '');
    if (!url.includes('?')) continue;
    const from = m.index ?? 0;
    const span = d.span(from, from + url.length);
    facts.sites.push({ client: 'custom', span, url: { parts: partsOf(d, from, from + url.length), span }, query: [], headers: [], canSetHeaders: true });
    facts.siteStrings.push(literal);
  }
}

function header(value: Node, prop: Node, text: string, facts: JsonFacts): void {
  const d = decodeJsonString(text, value.offset, value.length);
  if (!d) return;
  const valueSpan: Span = { start: value.offset, end: value.offset + value.length };
  const entry: HeaderEntry = { name: 'Authorization', value: { parts: partsOf(d), span: valueSpan }, valueSpan, span: { start: prop.offset, end: prop.offset + prop.length }, origin: 'object' };
  facts.headerWrites.push(entry);
}
