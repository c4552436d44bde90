/**
 * The one collection pass over a bash tree: one query gathers commands, assignments, `export`s,
 * loops and comments; from them come the variables, the curl/wget request sites, every written
 * Authorization header and the literals that may be credentials.
 */
import type { Language, Query } from '@vscode/tree-sitter-wasm';
import { cachedQuery, type SyntaxNode, type Tree } from '../parser';
import type { FileFacts, HeaderEntry, LiteralPart, RequestSite, SecretCandidate, Span, StringPart } from '../model';
import { OPTION, optionArgs, readCommand, type ShellArgument, type ShellCommand } from './commands';
import { named, span, useSpan, wordParts, type ShellVariables } from './words';

const COLLECT_QUERY = `
(command) @command
(variable_assignment) @assign
(declaration_command) @declare
[(while_statement) (for_statement) (c_style_for_statement)] @loop
(comment) @comment
`;

function collectQuery(language: Language): Query {
  return cachedQuery(language, COLLECT_QUERY);
}

/** A request site with the shell command it comes from (fixes edit the command). */
export interface ShellSite {
  site: RequestSite;
  command: ShellCommand;
  /** The URL argument of this site, when there is one. */
  urlArg?: ShellArgument;
  /** Header arguments, parallel to `site.headers`. */
  headerArgs: ShellArgument[];
}

/** A credential candidate with where its text is written, for the fix. */
export interface ShellCandidate extends SecretCandidate {
  /** The value as written (between quotes, or the bare word). */
  content: Span;
  /** The assignment's value node when the candidate is `NAME=value`. */
  assignment?: { name: string; value: SyntaxNode };
  /** `'` or `"` when the value sits in that quote, '' for a bare word. */
  written: string;
}

export interface ShellFacts extends FileFacts {
  shSites: ShellSite[];
  commands: ShellCommand[];
  candidates: ShellCandidate[];
  loops: SyntaxNode[];
  comments: SyntaxNode[];
  /** Assignments by variable name (all of them, in order). */
  assignments: Map<string, SyntaxNode[]>;
  vars: ShellVariables;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function collectShellFacts(tree: Tree, text: string): ShellFacts {
  const commandNodes: SyntaxNode[] = [];
  const assigns: SyntaxNode[] = [];
  const declares: SyntaxNode[] = [];
  const loops: SyntaxNode[] = [];
  const comments: SyntaxNode[] = [];
  for (const cap of collectQuery(tree.language).captures(tree.rootNode)) {
    switch (cap.name) {
      case 'command': commandNodes.push(cap.node); break;
      case 'assign': assigns.push(cap.node); break;
      case 'declare': declares.push(cap.node); break;
      case 'loop': loops.push(cap.node); break;
      case 'comment': comments.push(cap.node); break;
    }
  }

  const vars: ShellVariables = { literals: new Map(), exported: new Set() };
  const assignments = new Map<string, SyntaxNode[]>();
  for (const a of assigns) {
    const name = a.childForFieldName('name')?.text;
    if (name) push(assignments, name, a);
  }
  for (const d of declares) {
    if (d.child(0)?.type !== 'export') continue;
    for (const c of named(d)) {
      if (c.type === 'variable_name') vars.exported.add(c.text);
      if (c.type === 'variable_assignment') {
        const n = c.childForFieldName('name')?.text;
        if (n) vars.exported.add(n);
      }
    }
  }
  // `read KEY`, `for KEY in …`, `KEY+=x` and `((KEY++))` also set a variable: those names do not resolve.
  const rebound = new Set<string>();
  for (const l of loops) {
    const v = l.childForFieldName('variable');
    if (v) rebound.add(v.text);
  }
  for (const [name, list] of assignments) {
    if (list.length !== 1 || rebound.has(name)) continue;
    const a = list[0];
    if (a.text.slice(name.length).startsWith('+=')) continue;
    const value = a.childForFieldName('value');
    if (!value) continue;
    const parts = wordParts(value, vars, text);
    if (parts.length === 1 && parts[0].kind === 'literal' && !parts[0].at) vars.literals.set(name, parts[0] as LiteralPart);
  }

  const commands: ShellCommand[] = [];
  for (const n of commandNodes) {
    const name = n.childForFieldName('name');
    if (name && (name.text === 'read' || name.text === 'readarray' || name.text === 'mapfile')) {
      for (const w of named(n).slice(1)) if (w.type === 'word' && /^[A-Za-z_]\w*$/.test(w.text)) vars.literals.delete(w.text);
    }
  }
  for (const n of commandNodes) {
    const cmd = readCommand(n, vars, text);
    if (cmd) commands.push(cmd);
  }

  const shSites: ShellSite[] = [];
  const headerWrites: HeaderEntry[] = [];
  const candidates: ShellCandidate[] = [];
  for (const cmd of commands) {
    const headerArgs: ShellArgument[] = [];
    const headers: HeaderEntry[] = [];
    for (const a of optionArgs(cmd, OPTION.header)) {
      const h = headerEntry(a, text);
      if (!h) continue;
      headers.push(h);
      headerArgs.push(a);
      const c = headerCandidate(h, a);
      if (c) candidates.push(c);
    }
    headerWrites.push(...headers.filter((h) => h.name.toLowerCase() === 'authorization'));
    for (const a of [...optionArgs(cmd, OPTION.user), ...optionArgs(cmd, OPTION.password)]) {
      const c = credentialCandidate(a);
      if (c) candidates.push(c);
    }
    for (const a of optionArgs(cmd, OPTION.body)) {
      const c = plainCandidate(a, text, undefined);
      if (c) candidates.push(c);
    }
    const urls = cmd.args.filter((a) => a.option === undefined || OPTION.url.includes(a.option as '--url'));
    const method = optionArgs(cmd, OPTION.method).map((a) => literalOf(a.parts)).find((m) => m !== undefined)?.toUpperCase();
    const body = optionArgs(cmd, OPTION.body)[0];
    const make = (urlArg: ShellArgument | undefined): ShellSite => ({
      command: cmd, urlArg, headerArgs,
      site: {
        client: 'custom', method: method ?? (body ? 'POST' : 'GET'), span: span(cmd.node),
        url: urlArg ? { parts: urlArg.parts, span: urlArg.valueSpan } : undefined,
        query: [], headers, body: body?.span, canSetHeaders: true,
      },
    });
    if (urls.length === 0) shSites.push(make(undefined));
    for (const u of urls) {
      shSites.push(make(u));
      const c = plainCandidate(u, text, undefined);
      if (c) candidates.push(c);
    }
  }

  for (const a of assigns) {
    const name = a.childForFieldName('name')?.text;
    const value = a.childForFieldName('value');
    if (!name || !value) continue;
    const parts = wordParts(value, vars, text);
    if (parts.length !== 1 || parts[0].kind !== 'literal' || parts[0].at) continue;
    const p = parts[0];
    if (p.value.length < 8) continue;
    const c = candidate(p, name, text);
    if (c) candidates.push({ ...c, assignment: { name, value } });
  }

  candidates.sort((x, y) => x.content.start - y.content.start);
  return {
    sites: shSites.map((s) => s.site), headerWrites, literals: candidates, isNode: false,
    shSites, commands, candidates, loops, comments, assignments, vars,
  };
}

function literalOf(parts: readonly StringPart[]): string | undefined {
  let out = '';
  for (const p of parts) {
    if (p.kind !== 'literal') return undefined;
    out += p.value;
  }
  return out;
}

/** `-H "Name: value"`: the name, and the value's pieces after the colon and its spaces. */
function headerEntry(a: ShellArgument, text: string): HeaderEntry | undefined {
  const first = a.parts[0];
  if (first?.kind !== 'literal' || first.at) return undefined;
  const m = /^\s*([A-Za-z0-9][\w-]*)\s*:[ \t]*/.exec(first.value);
  if (!m) return undefined;
  const cut = m[0].length;
  const rest = first.value.slice(cut);
  // An escape further on (`Bearer \"$T\"`) is fine as long as the name and colon are written as read.
  if (!first.exact && rest.length > 0 && text.slice(first.span.start, first.span.start + cut) !== m[0]) return undefined;
  const parts: StringPart[] = [
    ...(rest ? [{ ...first, value: rest, span: { start: first.span.start + cut, end: first.span.end } }] : []),
    ...a.parts.slice(1),
  ];
  if (parts.length === 0) return undefined;
  const valueSpan = { start: useSpan(parts[0]).start, end: useSpan(parts[parts.length - 1]).end };
  return { name: m[1], value: { parts, span: valueSpan }, valueSpan, span: a.span, origin: 'object' };
}

/** A literal written right at its use, as a candidate: `span` gets one character each side, as if quoted (see hardcodedKeys in analyze.ts). */
function candidate(p: LiteralPart, boundName: string | undefined, text: string): ShellCandidate | undefined {
  if (!p.exact || p.at) return undefined;
  const written = p.quote ?? '';
  // A double-quoted value with an expansion in it is not one literal.
  if (written === '"' && (text[p.span.start - 1] !== '"' || text[p.span.end] !== '"')) return undefined;
  return {
    value: p.value, span: { start: p.span.start - 1, end: p.span.end + 1 }, boundName, quote: written || '"',
    content: { ...p.span }, written,
  };
}

function headerCandidate(h: HeaderEntry, a: ShellArgument): ShellCandidate | undefined {
  const parts = h.value.parts;
  if (parts.length !== 1 || parts[0].kind !== 'literal' || parts[0].at || !parts[0].exact) return undefined;
  const p = parts[0];
  const whole = a.parts[0];
  if (whole.kind !== 'literal' || p.value.length < 8) return undefined;
  // The value's pieces sit inside the argument's quotes: the fix may rewrite the key inside them.
  return { value: p.value, span: { start: p.span.start - 1, end: p.span.end + 1 }, boundName: h.name.toLowerCase() === 'authorization' ? undefined : h.name, quote: '"', content: { ...p.span }, written: whole.quote ?? '' };
}

/** `-u user:secret`, `--password=secret`: the password part. */
function credentialCandidate(a: ShellArgument): ShellCandidate | undefined {
  if (a.parts.length !== 1 || a.parts[0].kind !== 'literal' || !a.parts[0].exact || a.parts[0].at) return undefined;
  const p = a.parts[0];
  const colon = a.option === '-u' || a.option === '--user' || a.option === '--http-user' ? p.value.indexOf(':') : -1;
  if ((a.option === '-u' || a.option === '--user') && colon < 0) return undefined;
  const value = p.value.slice(colon + 1);
  if (value.length < 8) return undefined;
  const start = p.span.start + colon + 1;
  return { value, span: { start: start - 1, end: p.span.end + 1 }, boundName: 'password', quote: '"', content: { start, end: p.span.end }, written: p.quote ?? '' };
}

function plainCandidate(a: ShellArgument, text: string, boundName: string | undefined): ShellCandidate | undefined {
  if (a.parts.length !== 1 || a.parts[0].kind !== 'literal' || a.parts[0].value.length < 10) return undefined;
  return candidate(a.parts[0], boundName, text);
}

