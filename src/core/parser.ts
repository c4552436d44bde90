/**
 * Loads the tree-sitter runtime and grammars (the builds VS Code itself ships) lazily, once per
 * grammar, and parses text. Trees live on the WASM heap: whoever gets one must `delete()` it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser, Query } from '@vscode/tree-sitter-wasm';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';

export type Grammar = 'javascript' | 'typescript' | 'tsx' | 'python' | 'go' | 'bash';
export type Tree = TreeSitter.Tree;
export type SyntaxNode = TreeSitter.Node;

let wasmDirectory: string | undefined;
let runtime: Promise<void> | undefined;
const languages = new Map<Grammar, Promise<Language>>();
const parsers = new Map<Grammar, Parser>();

/** Where `tree-sitter.wasm` and the grammar files live; the bundle passes `dist/wasm`. */
export function setWasmDirectory(dir: string): void {
  wasmDirectory = dir;
}

function resolveWasmDirectory(): string {
  if (wasmDirectory) return wasmDirectory;
  const beside = join(__dirname, 'wasm');
  if (existsSync(join(beside, 'tree-sitter.wasm'))) return beside;
  // Unbundled (tests): the files straight from the package. The name is not a literal so that the
  // bundler leaves the lookup to run time instead of trying to inline the package's manifest.
  const manifest = ['@vscode', 'tree-sitter-wasm', 'package.json'].join('/');
  return join(dirname(require.resolve(manifest)), 'wasm');
}

function initRuntime(): Promise<void> {
  if (!runtime) {
    const dir = resolveWasmDirectory();
    runtime = Parser.init({ locateFile: (file: string) => join(dir, file) });
  }
  return runtime;
}

/** Whether the WebAssembly runtime has begun loading in this thread (nothing compiled before). */
export function runtimeStarted(): boolean {
  return runtime !== undefined;
}

export function loadLanguage(grammar: Grammar): Promise<Language> {
  let loading = languages.get(grammar);
  if (!loading) {
    loading = initRuntime().then(() => Language.load(join(resolveWasmDirectory(), `tree-sitter-${grammar}.wasm`)));
    languages.set(grammar, loading);
    // A failed load is not cached, so a later call can try again.
    loading.catch(() => languages.delete(grammar));
  }
  return loading;
}

/** A parser for a grammar that is already loaded (see `loadLanguage`). */
export async function getParser(grammar: Grammar): Promise<Parser> {
  const language = await loadLanguage(grammar);
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(language);
    parsers.set(grammar, parser);
  }
  return parser;
}

/**
 * How long one parse of `text` may run: 3 s plus 1 ms per thousand characters. Parsing runs at
 * several MB a second (a 7 MB line takes about 1.6 s), so a sound text never comes near it; the
 * budget exists for the rare text on which tree-sitter's error recovery runs away (a 958-byte
 * scramble of JavaScript took 209 s and then exhausted the WASM heap, which kills every later parse
 * in the process).
 */
export function parseBudgetFor(text: string): number {
  return 3_000 + Math.floor(text.length / 1_000);
}

/** A parse stopped at its time budget; the parser is reset and usable again. */
export class ParseGaveUp extends Error {
  constructor(
    readonly grammar: Grammar,
    readonly budgetMs: number,
  ) {
    super(`the ${grammar} parser gave up after ${budgetMs} ms: it could not make sense of the text`);
    this.name = 'ParseGaveUp';
  }
}

/**
 * Parses `text`, re-using `oldTree` (edited to match) when given. Rejects with `ParseGaveUp` after
 * `budgetMs` (see `parseBudgetFor`; Infinity for no limit).
 */
export async function parse(grammar: Grammar, text: string, oldTree?: Tree, budgetMs = parseBudgetFor(text)): Promise<Tree> {
  const parser = await getParser(grammar);
  const deadline = performance.now() + budgetMs;
  const options = Number.isFinite(budgetMs) ? { progressCallback: () => performance.now() > deadline } : undefined;
  const tree = parser.parse(text, oldTree ?? null, options);
  if (!tree) {
    // A cancelled parse leaves the parser mid-way; the next one must start from the beginning.
    parser.reset();
    throw new ParseGaveUp(grammar, budgetMs);
  }
  return tree;
}

const queries = new WeakMap<Language, Map<string, Query>>();

/** A compiled query, made once per grammar and source text: compiling costs far more than running. */
export function cachedQuery(language: Language, source: string): Query {
  let bySource = queries.get(language);
  if (!bySource) {
    bySource = new Map();
    queries.set(language, bySource);
  }
  let query = bySource.get(source);
  if (!query) {
    query = new Query(language, source);
    bySource.set(source, query);
  }
  return query;
}
