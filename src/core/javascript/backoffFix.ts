/**
 * The quick fix of `retry-without-backoff` for a JavaScript/TypeScript loop: wait before every new
 * attempt with capped exponential backoff and jitter (500 ms doubling to 30 s) that honours
 * Retry-After, written in the file's style (semicolons, quotes, indentation, types in TS). The
 * wait is a small `backoffDelay` function added at the end of the file once. Pure.
 */
import type { LoopFacts } from '../rules/retryWithoutBackoff';
import { freeName, indentOf, nodeWithSpan, statementOf } from '../backoffFixText';
import type { SyntaxNode, Tree } from '../parser';
import type { Fix, TextEdit } from '../types';
import { isRequestCall, type CustomClient } from './clients';
import { fileQuote } from './fixText';
import { findRetryFacts } from './retry';

const LOOPS = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);
const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'function']);
/** Clients whose response headers are a `Headers` object (`.get(name)`), not a plain object. */
const FETCH_LIKE = /^(fetch|ky|undici\.fetch|globalThis\.fetch|window\.fetch)\b/;

export const BACKOFF_FIX_TITLE = 'Wait with exponential backoff and honour Retry-After';

export function backoffFix(facts: LoopFacts, tree: Tree, text: string, typescript: boolean): Fix | undefined {
  if (facts.construct !== 'loop') return undefined;
  const loop = nodeWithSpan(tree, facts.nodeSpan.start, facts.nodeSpan.end, (n) => LOOPS.has(n.type));
  const body = loop?.childForFieldName('body');
  if (!loop || !body || body.type !== 'statement_block') return undefined;
  // `let` can only go before the loop when the loop is a statement of a block.
  if (loop.parent?.type !== 'statement_block' && loop.parent?.type !== 'program') return undefined;
  if (!insideAsyncFunction(loop)) return undefined;

  const semi = usesSemicolons(text) ? ';' : '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = indentOf(text, loop.startIndex);
  const first = body.namedChildren.find((c) => c && c.type !== 'comment');
  const inner = first ? indentOf(text, first.startIndex) : `${indent}  `;
  const q = fileQuote(text);

  const attempt = freeName(text, 'attempt');
  const helperExists = /\bfunction\s+backoffDelay\s*\(/.test(text);
  const helper = 'backoffDelay';
  // Where Retry-After can be read: a fetch response (`r.headers.get`), or the error an axios-style
  // client throws for a failed status (`err.response.headers`).
  const response = responseOf(facts, tree);
  const caught = response ? undefined : caughtErrorOf(body);
  const retryAfter = response || caught ? freeName(text, 'retryAfter') : undefined;

  const edits: TextEdit[] = [];
  let before = `let ${attempt} = 0${semi}${eol}${indent}`;
  if (retryAfter) before += `let ${retryAfter}${typescript ? ': string | null | undefined' : ''}${semi}${eol}${indent}`;
  edits.push({ start: loop.startIndex, end: loop.startIndex, newText: before });

  const wait = `await new Promise((resolve) => setTimeout(resolve, ${helper}(${attempt}${retryAfter ? `, ${retryAfter}` : ''})))`;
  edits.push({ start: body.startIndex + 1, end: body.startIndex + 1, newText: `${eol}${inner}if (${attempt} > 0) ${wait}${semi}${eol}${inner}${attempt}++${semi}` });

  if (response && retryAfter) {
    const read = `${response.name}.headers.get(${q}retry-after${q})`;
    edits.push({ start: response.statement.endIndex, end: response.statement.endIndex, newText: `${eol}${indentOf(text, response.statement.startIndex)}${retryAfter} = ${read}${semi}` });
  } else if (caught && retryAfter) {
    const error = typescript ? `(${caught.name} as { response?: { headers?: Record<string, string> } })` : caught.name;
    const firstInCatch = caught.body.namedChildren.find((c) => c && c.type !== 'comment');
    const catchIndent = firstInCatch ? indentOf(text, firstInCatch.startIndex) : `${indentOf(text, caught.body.startIndex)}  `;
    edits.push({
      start: caught.body.startIndex + 1, end: caught.body.startIndex + 1,
      newText: `${eol}${catchIndent}${retryAfter} = ${error}.response?.headers?.[${q}retry-after${q}]${semi}`,
    });
  }

  // The old fixed wait goes: the new one replaces it.
  const oldWait = facts.delay.span && statementOf(tree, facts.delay.span.start, facts.delay.span.end, loop);
  if (oldWait) {
    const lineStart = text.lastIndexOf('\n', oldWait.startIndex - 1) + 1;
    const onlyThing = text.slice(lineStart, oldWait.startIndex).trim() === '' && /^[ \t]*(\r?\n|$)/.test(text.slice(oldWait.endIndex));
    if (onlyThing) {
      const lineEnd = text.indexOf('\n', oldWait.endIndex);
      edits.push({ start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, newText: '' });
    } else edits.push({ start: oldWait.startIndex, end: oldWait.endIndex, newText: '' });
  }

  if (!helperExists) {
    const lead = text.endsWith('\n') ? eol : `${eol}${eol}`;
    edits.push({ start: text.length, end: text.length, newText: `${lead}${helperSource(typescript, semi, q, eol)}${eol}` });
  }
  return { title: BACKOFF_FIX_TITLE, edits: edits.sort((a, b) => a.start - b.start) };
}

/** `backoffDelay(attempt, retryAfter)`: Retry-After (seconds or an HTTP date) wins, capped at 30 s. */
export function helperSource(typescript: boolean, semi: string, q: string, eol: string): string {
  const sig = typescript ? 'attempt: number, retryAfter?: string | null): number' : 'attempt, retryAfter)';
  return [
    '/** Capped exponential backoff with jitter: 500 ms doubling to 30 s; a Retry-After header wins. */',
    `function backoffDelay(${sig} {`,
    '  if (retryAfter) {',
    `    const seconds = Number(retryAfter)${semi}`,
    `    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now()${semi}`,
    `    if (ms >= 0) return Math.min(ms, 30_000)${semi}`,
    '  }',
    `  const cap = Math.min(30_000, 500 * 2 ** Math.max(0, attempt - 1))${semi}`,
    `  return cap / 2 + Math.random() * (cap / 2)${semi}`,
    '}',
  ].join(eol).replace(/\$\{q\}/g, q);
}

function insideAsyncFunction(node: SyntaxNode): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (FUNCTIONS.has(n.type)) return n.children.some((c) => c?.type === 'async');
  }
  return false;
}

/** The variable a fetch-like request's response is stored in: `const r = await fetch(u)`. */
function responseOf(facts: LoopFacts, tree: Tree): { name: string; statement: SyntaxNode } | undefined {
  if (!facts.requestSpan) return undefined;
  const call = nodeWithSpan(tree, facts.requestSpan.start, facts.requestSpan.end, (n) => n.type === 'call_expression');
  if (!call) return undefined;
  let value: SyntaxNode = call;
  if (value.parent?.type === 'await_expression') value = value.parent;
  const declarator = value.parent;
  if (declarator?.type !== 'variable_declarator' || declarator.childForFieldName('value')?.id !== value.id) return undefined;
  const name = declarator.childForFieldName('name');
  const statement = declarator.parent;
  if (name?.type !== 'identifier' || !statement || (statement.type !== 'lexical_declaration' && statement.type !== 'variable_declaration')) return undefined;
  const fn = call.childForFieldName('function');
  return fn && FETCH_LIKE.test(fn.text) ? { name: name.text, statement } : undefined;
}

/** The first `catch (err) { … }` of the loop body, with a plain parameter name. */
function caughtErrorOf(body: SyntaxNode): { name: string; body: SyntaxNode } | undefined {
  for (const statement of body.namedChildren) {
    if (statement?.type !== 'try_statement') continue;
    const handler = statement.childForFieldName('handler');
    const param = handler?.childForFieldName('parameter');
    const block = handler?.childForFieldName('body');
    if (param?.type === 'identifier' && block) return { name: param.text, body: block };
  }
  return undefined;
}

/** Most statement lines end in `;`. */
function usesSemicolons(text: string): boolean {
  const withSemi = (text.match(/;[ \t]*\r?$/gm) ?? []).length;
  const without = (text.match(/[\w)\]'"`][ \t]*\r?$/gm) ?? []).length;
  return withSemi >= without;
}

/** The fix for a `retry-without-backoff` finding at `span`, when its retry is a loop this can rewrite. */
export function backoffFixAt(tree: Tree, text: string, span: { start: number; end: number }, typescript: boolean, clients: readonly CustomClient[] = []): Fix | undefined {
  const facts = findRetryFacts(tree, (call) => isRequestCall(call, clients), span)
    .find((f) => f.span.start === span.start && f.span.end === span.end);
  return facts ? backoffFix(facts, tree, text, typescript) : undefined;
}
