/** Entry point of the analyzer: text + language in, findings out. Pure; never imports `vscode`. */
import { parse, type Grammar, type Tree } from './parser';
import { collectFacts } from './javascript/facts';
import { isRequestCall, type CustomClient } from './javascript/clients';
import { checkRetries } from './javascript/retry';
import { checkKeyInUrl } from './rules/keyInUrl';
import { checkBearerFormat } from './rules/bearerFormat';
import { checkHardcodedKeys } from './rules/hardcodedKey';
import { applySuppressions } from './suppressions';
import { mergedOptions } from './frontEndOptions';
import { withLevels, type RuleLevel } from './settings';
import type { ApiDoctorConfig } from './config';
import type { Finding } from './types';
import type { Span } from './model';
import { analyzeHttpFile } from './httpFile/analyze';
import { analyzeJsonConfig } from './jsonConfig/analyze';
import { analyzeGo } from './go/analyze';
import { analyzePython } from './python/analyze';
import { analyzeShell } from './shell/analyze';
import { providerFindings, type ProviderRules } from './providerSites';
import { jsProviderSites } from './javascript/providerSites';

export interface AnalyzeOptions {
  /** Extra query parameter names to treat as credentials. */
  secretParamNames?: readonly string[];
  /** Severity per rule id (`off` drops the rule), e.g. from settings. `config.rules` wins over it. */
  rules?: Readonly<Record<string, RuleLevel>>;
  /** Extra client functions whose calls are requests. */
  clients?: readonly CustomClient[];
  /** The workspace's `.api-doctor.jsonc` (see `loadConfig`). */
  config?: ApiDoctorConfig;
  /**
   * A tree of `text` the caller already has (the editor keeps one per document and re-parses it
   * incrementally). The caller keeps ownership: analyze() does not delete it.
   */
  tree?: Tree;
  /** The file's path or name, when there is one: some front ends skip files by name (lock files). */
  fileName?: string;
  /**
   * Rules from provider catalogs (see catalog/providerRules.ts): given each request site's facts,
   * their findings, which then go through suppressions and severities like any other rule's.
   */
  providerRules?: ProviderRules;
}

const GRAMMAR_BY_LANGUAGE: Record<string, Grammar> = {
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'tsx',
  python: 'python',
  shellscript: 'bash',
  go: 'go',
};

/** Front ends that need no syntax tree: `.http` files are line-based, JSON goes through jsonc-parser. */
const TEXT_FRONT_ENDS: Record<string, (text: string, options: AnalyzeOptions) => Finding[]> = {
  http: analyzeHttpFile,
  json: analyzeJsonConfig,
  jsonc: analyzeJsonConfig,
};

/** The VS Code language ids the analyzer handles. */
export const ANALYZED_LANGUAGES = [...Object.keys(GRAMMAR_BY_LANGUAGE), ...Object.keys(TEXT_FRONT_ENDS)];

export function grammarForLanguage(languageId: string): Grammar | undefined {
  return GRAMMAR_BY_LANGUAGE[languageId];
}

/** True for every language id `analyze()` has a front end for. */
export function isAnalyzedLanguage(languageId: string): boolean {
  return Object.prototype.hasOwnProperty.call(GRAMMAR_BY_LANGUAGE, languageId) || Object.prototype.hasOwnProperty.call(TEXT_FRONT_ENDS, languageId);
}

/** JSON files VS Code opens as JSON with Comments. */
const JSONC_FILE_NAMES = /(^|[\\/])(\.vscode[\\/][^\\/]+\.json|[tj]sconfig(\.[^\\/]+)?\.json|\.devcontainer[\\/][^\\/]*\.json|\.devcontainer\.json|\.eslintrc\.json|\.babelrc(\.json)?|\.swcrc|[^\\/]+\.code-workspace|\.api-doctor\.jsonc)$/i;

/** The language id for a file name, as VS Code would pick it; used by the CLI. */
export function languageForFileName(fileName: string): string | undefined {
  if (JSONC_FILE_NAMES.test(fileName)) return 'jsonc';
  const m = /\.([a-z]+)$/i.exec(fileName);
  switch (m?.[1].toLowerCase()) {
    case 'js': case 'mjs': case 'cjs': return 'javascript';
    case 'jsx': return 'javascriptreact';
    case 'ts': case 'mts': case 'cts': return 'typescript';
    case 'tsx': return 'typescriptreact';
    case 'py': case 'pyw': return 'python';
    case 'sh': case 'bash': case 'zsh': return 'shellscript';
    case 'go': return 'go';
    case 'http': case 'rest': return 'http';
    case 'json': return 'json';
    case 'jsonc': return 'jsonc';
    default: return undefined;
  }
}

export async function analyze(text: string, languageId: string, options: AnalyzeOptions = {}): Promise<Finding[]> {
  const textFrontEnd = Object.prototype.hasOwnProperty.call(TEXT_FRONT_ENDS, languageId) ? TEXT_FRONT_ENDS[languageId] : undefined;
  if (textFrontEnd) return textFrontEnd(text, options);
  const grammar = grammarForLanguage(languageId);
  if (!grammar) return [];
  const tree = options.tree ?? (await parse(grammar, text));
  try {
    switch (grammar) {
      case 'python': return analyzePython(tree, text, options);
      case 'bash': return analyzeShell(tree, text, options);
      case 'go': return analyzeGo(tree, text, options);
      default: return analyzeTree(tree, text, options);
    }
  } finally {
    if (tree !== options.tree) tree.delete();
  }
}

/** The findings of a JavaScript/TypeScript tree of `text`: one collection pass, then the rules. */
export function analyzeTree(tree: Tree, text: string, options: AnalyzeOptions = {}): Finding[] {
  return analyzeTreeIn(tree, text, options, undefined).findings;
}

export interface RegionAnalysis {
  /** The findings that start inside `region`. */
  findings: Finding[];
  /** The top-level statements around the changed range that were analysed. */
  region: Span;
}

/** Whether `analyzeChange` can analyse part of a document of this language. */
export function hasRegionPath(languageId: string): boolean {
  const grammar = grammarForLanguage(languageId);
  return grammar === 'javascript' || grammar === 'typescript' || grammar === 'tsx';
}

/**
 * The keystroke path: analyses only the top-level statements around `changed` (module constants and
 * imports elsewhere are still read). The caller keeps its earlier findings outside `region`
 * (shifted by the edit) and replaces those inside with these (findingsTracker.ts does both, and
 * sends edits of imports and module constants, which can change findings anywhere, to a full
 * analysis). Undefined when only a full analysis can answer: a language without a region path, or
 * a text the parser could not make a program of.
 */
export async function analyzeChange(text: string, languageId: string, changed: Span, options: AnalyzeOptions = {}): Promise<RegionAnalysis | undefined> {
  // Only the JavaScript family has a region path; other languages are analysed whole.
  if (!hasRegionPath(languageId)) return undefined;
  const grammar = grammarForLanguage(languageId)!;
  const tree = options.tree ?? (await parse(grammar, text));
  try {
    // When the parser could not make a program of the text at all, the root's children are
    // fragments, not statements, and a request can span several of them.
    if (tree.rootNode.type === 'ERROR') return undefined;
    const { findings, region } = analyzeTreeIn(tree, text, options, changed);
    return { findings: findings.filter((f) => f.start >= region!.start && f.start < region!.end), region: region! };
  } finally {
    if (tree !== options.tree) tree.delete();
  }
}

function analyzeTreeIn(tree: Tree, text: string, options: AnalyzeOptions, changed: Span | undefined): { findings: Finding[]; region?: Span } {
  const { rules, on, secretParamNames, clients } = mergedOptions(options);

  const facts = collectFacts(tree, clients, text, changed);
  const findings: Finding[] = [];
  if (on('key-in-url')) findings.push(...checkKeyInUrl(facts, text, { secretParamNames }));
  if (on('bearer-format')) findings.push(...checkBearerFormat(facts, text));
  if (on('hardcoded-key')) findings.push(...checkHardcodedKeys(facts, text));
  if (on('retry-without-backoff') || on('retry-after-ignored')) {
    findings.push(...checkRetries(tree, (call) => isRequestCall(call, clients, facts.bindings), { range: facts.region, candidates: facts.retryCandidates }));
  }
  findings.push(...providerFindings(() => jsProviderSites(tree, facts.sites, facts.ctx, text), text, options.providerRules));

  return { findings: withLevels(applySuppressions(findings, text), rules), region: facts.region };
}
