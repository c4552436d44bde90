/**
 * Retry packages: axios-retry (no wait unless retryDelay is set), fetch-retry (a fixed second),
 * async-retry, p-retry and retry (back off unless minTimeout/maxTimeout 0 or factor 1).
 */
import { Query, type Language } from '@vscode/tree-sitter-wasm';
import type { Span } from '../model';
import type { SyntaxNode, Tree } from '../parser';
import { type DelayKind, type LoopFacts, type RetryBound, type RetryDelay, type RetryTrigger } from '../rules/retryWithoutBackoff';
import { queryRange } from './retryQueries';
import { FUNCTION_TYPES, RETRY_AFTER, args, calleePath, contains, numberValue, pairValue, parameterNames, property, span, unwrap, walk } from './retrySyntax';
import { classifyAmount, maxKind, noteUpdate, type Context, type Region } from './retryValues';

const RETRY_PACKAGES = new Set(['axios-retry', 'fetch-retry', 'async-retry', 'p-retry', 'retry']);
const DEFAULT_RETRIES: Record<string, string> = { 'axios-retry': '3', 'fetch-retry': '3', 'async-retry': '10', 'p-retry': '10', retry: '10' };

interface PackageBinding {
  pkg: string;
  local: string;
}

/** `import x from 'pkg'`, `const x = require('pkg')` at the top of the file. */
function packageBindings(root: SyntaxNode): { bindings: PackageBinding[]; direct: Array<{ pkg: string; call: SyntaxNode }> } {
  const bindings: PackageBinding[] = [];
  const direct: Array<{ pkg: string; call: SyntaxNode }> = [];
  for (const stmt of root.namedChildren) {
    if (!stmt) continue;
    if (stmt.type === 'import_statement') {
      const pkg = stmt.childForFieldName('source')?.text.slice(1, -1) ?? '';
      if (!RETRY_PACKAGES.has(pkg)) continue;
      const clause = stmt.namedChildren.find((c) => c?.type === 'import_clause');
      for (const part of clause?.namedChildren ?? []) {
        if (part?.type === 'identifier') bindings.push({ pkg, local: part.text });
        else if (part?.type === 'namespace_import') {
          const id = part.namedChildren.find((c) => c?.type === 'identifier');
          if (id) bindings.push({ pkg, local: id.text });
        } else if (part?.type === 'named_imports') {
          for (const spec of part.namedChildren) {
            if (spec?.type !== 'import_specifier' || spec.childForFieldName('name')?.text !== 'default') continue;
            bindings.push({ pkg, local: spec.childForFieldName('alias')?.text ?? 'default' });
          }
        }
      }
    } else if (stmt.type === 'lexical_declaration' || stmt.type === 'variable_declaration') {
      for (const decl of stmt.namedChildren) {
        if (decl?.type !== 'variable_declarator') continue;
        const name = decl.childForFieldName('name');
        const value = unwrap(decl.childForFieldName('value'));
        if (!name || !value) continue;
        const required = requiredPackage(value);
        if (required && name.type === 'identifier') bindings.push({ pkg: required, local: name.text });
        else if (value.type === 'call_expression') {
          const inner = requiredPackage(value.childForFieldName('function') ?? undefined);
          if (inner) direct.push({ pkg: inner, call: value });
        }
      }
    }
  }
  return { bindings, direct };
}

function requiredPackage(node: SyntaxNode | undefined): string | undefined {
  let v = unwrap(node);
  if (v?.type === 'member_expression' && v.childForFieldName('property')?.text === 'default') v = unwrap(v.childForFieldName('object'));
  if (v?.type !== 'call_expression' || v.childForFieldName('function')?.text !== 'require') return undefined;
  const first = args(v)[0];
  const pkg = first?.type === 'string' ? first.text.slice(1, -1) : undefined;
  return pkg && RETRY_PACKAGES.has(pkg) ? pkg : undefined;
}

const packageQueries = new WeakMap<Language, Map<string, Query>>();

function packageCallQuery(language: Language, names: readonly string[]): Query {
  let cache = packageQueries.get(language);
  if (!cache) {
    cache = new Map();
    packageQueries.set(language, cache);
  }
  const key = names.join(' ');
  let q = cache.get(key);
  if (!q) {
    const list = names.map((n) => JSON.stringify(n)).join(' ');
    q = new Query(language, `
(call_expression function: (identifier) @_f (#any-of? @_f ${list})) @call
(call_expression function: (member_expression object: (identifier) @_o (#any-of? @_o ${list}))) @call
(pair key: (property_identifier) @_k (#eq? @_k "retryDelay")) @retryDelay
`);
    if (cache.size >= 16) {
      const [oldKey, old] = cache.entries().next().value as [string, Query];
      old.delete();
      cache.delete(oldKey);
    }
    cache.set(key, q);
  }
  return q;
}

export function analyzeLibraries(tree: Tree, ctx: Context, range: Span | undefined): LoopFacts[] {
  // Every package name holds "retry", and a binding needs the name written as the module string:
  // without the word in the text no statement needs a look.
  if (!tree.rootNode.text.includes('retry')) return [];
  const { bindings, direct } = packageBindings(tree.rootNode);
  const calls: Array<{ pkg: string; call: SyntaxNode; viaMember?: string }> = [...direct];
  const retryDelayKeys: SyntaxNode[] = [];
  if (bindings.length > 0) {
    const byName = new Map(bindings.map((b) => [b.local, b.pkg]));
    const q = packageCallQuery(tree.language, [...byName.keys()].sort());
    for (const cap of q.captures(tree.rootNode, queryRange(tree.rootNode, range))) {
      if (cap.name === 'retryDelay') {
        retryDelayKeys.push(cap.node);
        continue;
      }
      if (cap.name !== 'call') continue;
      const path = calleePath(cap.node);
      const pkg = path ? byName.get(path[0]) : undefined;
      if (!pkg || !path) continue;
      if (path.length === 1) calls.push({ pkg, call: cap.node });
      else if (path.length === 2 && (path[1] === 'operation' || path[1] === 'default')) calls.push({ pkg, call: cap.node, viaMember: path[1] });
    }
  }
  const facts: LoopFacts[] = [];
  for (const { pkg, call, viaMember } of calls) {
    if (range && (call.endIndex < range.start || call.startIndex > range.end)) continue;
    const f = analyzePackageCall(pkg, call, viaMember, retryDelayKeys, calls.map((c) => c.call), ctx);
    if (f) facts.push(f);
  }
  return facts;
}

function optionsObject(node: SyntaxNode | undefined, ctx: Context): SyntaxNode | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type === 'object') return n;
  if (n.type === 'identifier') {
    const values = ctx.lookup(n.text, n);
    const obj = values.map((v) => unwrap(v)).find((v) => v?.type === 'object');
    return obj;
  }
  return undefined;
}

function analyzePackageCall(
  pkg: string, call: SyntaxNode, viaMember: string | undefined, retryDelayKeys: readonly SyntaxNode[], packageCalls: readonly SyntaxNode[], ctx: Context,
): LoopFacts | undefined {
  const a = args(call);
  const base = {
    construct: 'library' as const,
    library: pkg,
    triggers: ['library' as RetryTrigger],
    readsRetryAfter: RETRY_AFTER.test(call.text),
    nodeSpan: span(call),
  };
  const retriesOf = (opts: SyntaxNode | undefined): RetryBound => {
    const r = opts ? property(opts, 'retries') : undefined;
    return { kind: 'attempts', condition: r ? r.text : `retries: ${DEFAULT_RETRIES[pkg]} (default)` };
  };
  const noRetries = (opts: SyntaxNode | undefined) => {
    const r = opts ? property(opts, 'retries') : undefined;
    return r !== undefined && numberValue(pairValue(r)) === 0;
  };
  if (pkg === 'axios-retry' || pkg === 'fetch-retry') {
    if (viaMember === 'operation') return undefined;
    const given = a[1];
    const opts = optionsObject(given, ctx);
    if (given && !opts) return undefined; // options built elsewhere: cannot tell
    if (noRetries(opts)) return undefined;
    const delayPair = opts ? property(opts, 'retryDelay') : undefined;
    const retriesOn429 = /429/.test(opts?.text ?? '');
    if (!delayPair) {
      // fetch-retry also takes retryDelay per request; a file that sets it anywhere has chosen one.
      if (pkg === 'fetch-retry' && retryDelayKeys.some((k) => !packageCalls.some((c) => contains(c, k)))) return undefined;
      const delay: RetryDelay = pkg === 'axios-retry' ? { kind: 'none' } : { kind: 'constant', ms: 1000 };
      // The whole call when it fits on a line; the function name when the options run over lines.
      const oneLine = call.startPosition.row === call.endPosition.row;
      return { ...base, retriesOn429, delay, bound: retriesOf(opts), span: span(oneLine ? call : call.childForFieldName('function') ?? call) };
    }
    const kind = libraryDelayKind(pairValue(delayPair), ctx);
    if (!kind) return undefined;
    const value = unwrap(pairValue(delayPair));
    const ms = numberValue(value) ?? (value?.type === 'arrow_function' ? numberValue(value.childForFieldName('body') ?? undefined) : undefined);
    const delay: RetryDelay = { kind, span: span(delayPair), ...(kind === 'constant' && ms !== undefined ? { ms } : {}) };
    return { ...base, option: 'retryDelay', retriesOn429: retriesOn429 && kind === 'growing', delay, bound: retriesOf(opts), span: span(delayPair) };
  }
  // async-retry, p-retry: (fn, options); node-retry: retry.operation(options)
  const opts = optionsObject(pkg === 'retry' ? (viaMember === 'operation' ? a[0] : undefined) : a[1], ctx);
  if (!opts || noRetries(opts)) return undefined;
  for (const key of ['minTimeout', 'maxTimeout']) {
    const p = property(opts, key);
    if (p && numberValue(pairValue(p)) === 0) {
      return { ...base, option: key, retriesOn429: false, delay: { kind: 'none', span: span(p) }, bound: retriesOf(opts), span: span(p) };
    }
  }
  const factor = property(opts, 'factor');
  const f = factor ? numberValue(pairValue(factor)) : undefined;
  if (factor && f !== undefined && f <= 1) {
    const min = property(opts, 'minTimeout');
    const ms = min ? numberValue(pairValue(min)) : 1000;
    return {
      ...base, option: 'factor', retriesOn429: false, delay: { kind: 'constant', span: span(factor), ...(ms !== undefined ? { ms } : {}) },
      bound: retriesOf(opts), span: span(factor),
    };
  }
  return undefined;
}

/** What a `retryDelay` option does; undefined when it cannot be told. */
function libraryDelayKind(value: SyntaxNode | undefined, ctx: Context): DelayKind | undefined {
  let v = unwrap(value);
  if (!v) return undefined;
  const text = v.text;
  if (/exponentialDelay|linearDelay/.test(text)) return RETRY_AFTER.test(text) ? 'retry-after' : 'growing';
  if (/noDelay/.test(text)) return 'none';
  if (v.type === 'number') return numberValue(v) === 0 ? 'none' : 'constant';
  if (v.type === 'identifier') v = ctx.localFunction([v.text], v);
  if (!v || !FUNCTION_TYPES.has(v.type)) return undefined;
  const region: Region = { at: v, varying: new Set(parameterNames(v)), growing: new Set(), ctx };
  const body = v.childForFieldName('body');
  if (!body) return undefined;
  if (body.type !== 'statement_block') return classifyAmount(body, region);
  let kind: DelayKind | undefined;
  walk(body, (n) => {
    if (n.type === 'return_statement') kind = maxKind(kind ?? 'none', classifyAmount(n.namedChildren[0] ?? undefined, region));
    if (n.type === 'update_expression' || n.type === 'augmented_assignment_expression' || n.type === 'assignment_expression') noteUpdate(n, region);
    return !FUNCTION_TYPES.has(n.type);
  });
  return kind;
}
