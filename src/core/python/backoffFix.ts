/**
 * The quick fix of `retry-without-backoff` for a Python loop: wait before every new attempt with
 * capped exponential backoff and jitter (0.5 s doubling to 30 s) that honours Retry-After, in the
 * file's indentation and quotes; `time.sleep`, or `await asyncio.sleep` in a coroutine. The
 * delay is a small `backoff_seconds` function added at the end of the file once. Pure.
 */
import { freeName, indentOf, nodeWithSpan, statementOf } from '../backoffFixText';
import type { SyntaxNode, Tree } from '../parser';
import type { CustomClient } from '../javascript/clients';
import type { LoopFacts } from '../rules/retryWithoutBackoff';
import type { Fix, TextEdit } from '../types';
import { collectFacts } from './facts';
import { pythonQuote } from './fixText';
import { findPythonRetryFacts } from './retry';

export const PYTHON_BACKOFF_FIX_TITLE = 'Wait with exponential backoff and honour Retry-After';
const LOOPS = new Set(['for_statement', 'while_statement']);

/** The fix for a `retry-without-backoff` finding at `span`, when its retry is a loop this can rewrite. */
export function pythonBackoffFixAt(tree: Tree, text: string, span: { start: number; end: number }, clients: readonly CustomClient[] = []): Fix | undefined {
  const { loops } = findPythonRetryFacts(collectFacts(tree, text, clients), text);
  const facts = loops.find((f) => f.construct === 'loop' && f.span.start === span.start && f.span.end === span.end);
  return facts ? pythonBackoffFix(facts, tree, text) : undefined;
}

export function pythonBackoffFix(facts: LoopFacts, tree: Tree, text: string): Fix | undefined {
  const loop = nodeWithSpan(tree, facts.nodeSpan.start, facts.nodeSpan.end, (n) => LOOPS.has(n.type));
  const body = loop?.childForFieldName('body');
  const first = body?.namedChildren.find((c) => c && c.type !== 'comment');
  if (!loop || !body || !first) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = indentOf(text, loop.startIndex);
  const inner = indentOf(text, first.startIndex);
  if (!inner.startsWith(indent) || inner === indent) return undefined;
  const unit = inner.slice(indent.length);
  const q = pythonQuote(text);
  const coroutine = insideCoroutine(loop);
  const attempt = freeName(text, 'attempt');
  const response = responseOf(facts, tree);
  const retryAfter = response ? freeName(text, 'retry_after') : undefined;
  const edits: TextEdit[] = [];

  let before = `${attempt} = 0${eol}${indent}`;
  if (retryAfter) before += `${retryAfter} = None${eol}${indent}`;
  edits.push({ start: loop.startIndex, end: loop.startIndex, newText: before });

  const sleep = coroutine ? 'await asyncio.sleep' : 'time.sleep';
  const wait = `${sleep}(backoff_seconds(${attempt}${retryAfter ? `, ${retryAfter}` : ''}))`;
  edits.push({ start: first.startIndex, end: first.startIndex, newText: `if ${attempt} > 0:${eol}${inner}${unit}${wait}${eol}${inner}${attempt} += 1${eol}${inner}` });

  if (response && retryAfter) {
    edits.push({ start: response.statement.endIndex, end: response.statement.endIndex, newText: `${eol}${indentOf(text, response.statement.startIndex)}${retryAfter} = ${response.name}.headers.get(${q}retry-after${q})` });
  }

  // The old fixed wait goes: the new one replaces it.
  const oldWait = facts.delay.span && statementOf(tree, facts.delay.span.start, facts.delay.span.end, loop);
  if (oldWait) {
    const lineStart = text.lastIndexOf('\n', oldWait.startIndex - 1) + 1;
    const lineEnd = text.indexOf('\n', oldWait.endIndex);
    const onlyThing = text.slice(lineStart, oldWait.startIndex).trim() === '' && text.slice(oldWait.endIndex, lineEnd < 0 ? text.length : lineEnd).trim() === '';
    // A block must keep a statement: a sleep that is all of its block becomes `pass`.
    const siblings = oldWait.parent?.namedChildren.filter((c) => c && c.type !== 'comment').length ?? 0;
    if (siblings <= 1) edits.push({ start: oldWait.startIndex, end: oldWait.endIndex, newText: 'pass' });
    else if (onlyThing) edits.push({ start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, newText: '' });
  }

  const module = coroutine ? 'asyncio' : 'time';
  if (!new RegExp(`^import[ \\t]+(?:[\\w.]+[ \\t]*,[ \\t]*)*${module}\\b`, 'm').test(text)) edits.push(importEdit(tree, text, module, eol));

  if (!/^def[ \t]+backoff_seconds[ \t]*\(/m.test(text)) {
    const lead = text.endsWith('\n') ? `${eol}${eol}` : `${eol}${eol}${eol}`;
    edits.push({ start: text.length, end: text.length, newText: `${lead}${helperSource(q, eol)}${eol}` });
  }
  return { title: PYTHON_BACKOFF_FIX_TITLE, edits: edits.sort((a, b) => a.start - b.start) };
}

/** `backoff_seconds(attempt, retry_after)`: Retry-After (seconds or an HTTP date) wins, capped at 30 s. */
export function helperSource(q: string, eol: string): string {
  return [
    'def backoff_seconds(attempt, retry_after=None):',
    `    ${q.repeat(3)}Capped exponential backoff with jitter: 0.5 s doubling to 30 s; a Retry-After header wins.${q.repeat(3)}`,
    '    if retry_after:',
    '        try:',
    '            return min(max(float(retry_after), 0.0), 30.0)',
    '        except ValueError:',
    '            from datetime import datetime, timezone',
    '            from email.utils import parsedate_to_datetime',
    '            try:',
    '                return min(max((parsedate_to_datetime(retry_after) - datetime.now(timezone.utc)).total_seconds(), 0.0), 30.0)',
    '            except (TypeError, ValueError):',
    '                pass',
    '    import random',
    '    cap = min(30.0, 0.5 * 2 ** max(0, attempt - 1))',
    '    return cap / 2 + random.random() * cap / 2',
  ].join(eol);
}

/** `import time` after the module's last top-level import (or its docstring), else first. */
function importEdit(tree: Tree, text: string, module: string, eol: string): TextEdit {
  let at = 0;
  for (const n of tree.rootNode.namedChildren) {
    if (!n) continue;
    if (n.type === 'import_statement' || n.type === 'import_from_statement' || n.type === 'future_import_statement') at = n.endIndex;
    else if (at === 0 && n.type === 'expression_statement' && n.firstNamedChild?.type === 'string') at = n.endIndex;
    else if (n.type !== 'comment') break;
  }
  if (at > 0) return { start: at, end: at, newText: `${eol}import ${module}` };
  // No imports: after the comment lines that open the file (a shebang, an encoding declaration).
  let top = 0;
  while (text.startsWith('#', top)) {
    const end = text.indexOf('\n', top);
    if (end < 0) return { start: text.length, end: text.length, newText: `${eol}import ${module}${eol}` };
    top = end + 1;
  }
  return { start: top, end: top, newText: `import ${module}${eol}` };
}

function insideCoroutine(node: SyntaxNode): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition') return n.children.some((c) => c?.type === 'async');
    if (n.type === 'lambda') return false;
  }
  return false;
}

/** The variable a request's response is assigned to: `resp = requests.get(u)` (or `await client.get(u)`). */
function responseOf(facts: LoopFacts, tree: Tree): { name: string; statement: SyntaxNode } | undefined {
  if (!facts.requestSpan) return undefined;
  let value: SyntaxNode | null = nodeWithSpan(tree, facts.requestSpan.start, facts.requestSpan.end, (n) => n.type === 'call') ?? null;
  if (value?.parent?.type === 'await') value = value.parent;
  const assignment = value?.parent;
  if (!value || assignment?.type !== 'assignment' || assignment.childForFieldName('right')?.id !== value.id) return undefined;
  const name = assignment.childForFieldName('left');
  const statement = assignment.parent;
  if (name?.type !== 'identifier' || statement?.type !== 'expression_statement') return undefined;
  return { name: name.text, statement };
}
