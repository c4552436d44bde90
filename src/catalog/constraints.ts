/**
 * Checks a request against its provider's endpoint constraints before it is sent (the linter and
 * the runner's pre-flight call this), and finds the hint for a request repeated in a loop.
 */
import { findProvider, parseUrl, pathMatches } from './match';
import { redactText } from './redact';
import type { Catalog, ConstraintProblem, EndpointConstraint, RequestHint } from './types';

export interface RequestToCheck {
  method?: string;
  /** Full URL, or a bare path when the host is not known (then every catalog's constraints apply). */
  url: string;
  /** The body as text (JSON), or as an already parsed value. */
  body?: unknown;
}

function applicable(catalogs: readonly Catalog[], url: string): { catalogs: Catalog[]; path: string; query: Array<[string, string]> } | undefined {
  const parsed = parseUrl(url);
  if (!parsed) return undefined;
  if (!parsed.host) return { catalogs: [...catalogs], path: parsed.path, query: parsed.query };
  const provider = findProvider(catalogs, url);
  return provider ? { catalogs: [provider], path: parsed.path, query: parsed.query } : undefined;
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function show(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return redactText(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

function fill(c: EndpointConstraint, value: unknown): string {
  return c.message
    .replace(/\{value\}/g, value === undefined ? '(missing)' : show(value))
    .replace(/\{count\}/g, Array.isArray(value) ? String(value.length) : '0');
}

/** True when the value (or its absence) breaks the constraint. */
function breaks(c: EndpointConstraint, value: unknown, present: boolean): boolean {
  if (!present) return c.required === true;
  if (c.oneOf && !(typeof value === 'string' && c.oneOf.includes(value))) return true;
  if (c.minItems !== undefined || c.maxItems !== undefined) {
    if (!Array.isArray(value)) return true;
    if (c.minItems !== undefined && value.length < c.minItems) return true;
    if (c.maxItems !== undefined && value.length > c.maxItems) return true;
  }
  return false;
}

export function checkRequestConstraints(catalogs: readonly Catalog[], request: RequestToCheck): ConstraintProblem[] {
  const where = applicable(catalogs, request.url);
  if (!where) return [];
  const method = (request.method ?? 'GET').toUpperCase();
  const problems: ConstraintProblem[] = [];
  let body: unknown;
  let bodyParsed = false;
  for (const catalog of where.catalogs) {
    for (const c of catalog.constraints ?? []) {
      if (c.method !== method || !pathMatches(c.path, where.path)) continue;
      let value: unknown;
      let present: boolean;
      if (c.in === 'query') {
        const hit = where.query.find(([k]) => k === c.name);
        present = hit !== undefined;
        value = hit?.[1];
      } else {
        if (!bodyParsed) {
          body = parseBody(request.body);
          bodyParsed = true;
        }
        // A body we cannot read (not JSON, not known yet) is not judged.
        if (body === null || typeof body !== 'object' || Array.isArray(body)) continue;
        present = Object.prototype.hasOwnProperty.call(body, c.name);
        value = (body as Record<string, unknown>)[c.name];
      }
      if (breaks(c, value, present)) problems.push({ rule: c.rule, message: fill(c, value), in: c.in, name: c.name });
    }
  }
  return problems;
}

/** The hint for a request that runs inside a loop, such as single exports that one bulk export could replace. */
export function hintForLoopedRequest(catalogs: readonly Catalog[], request: { method?: string; url: string }): RequestHint | undefined {
  const where = applicable(catalogs, request.url);
  if (!where) return undefined;
  const method = (request.method ?? 'GET').toUpperCase();
  for (const catalog of where.catalogs) {
    const hint = (catalog.hints ?? []).find((h) => h.loop.method === method && pathMatches(h.loop.path, where.path));
    if (hint) return hint;
  }
  return undefined;
}
