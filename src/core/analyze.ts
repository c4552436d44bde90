/** Entry point of the analyzer: text + language in, findings out. Pure; never imports `vscode`. */
import { parse, type Grammar } from './parser';
import { findUrlArguments } from './javascript/requestSites';
import { checkKeyInUrl } from './rules/keyInUrl';
import type { Finding } from './types';

export interface AnalyzeOptions {
  /** Extra query parameter names to treat as credentials. */
  secretParamNames?: readonly string[];
}

const GRAMMAR_BY_LANGUAGE: Record<string, Grammar> = {
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'tsx',
};

/** The VS Code language ids the analyzer handles. */
export const ANALYZED_LANGUAGES = Object.keys(GRAMMAR_BY_LANGUAGE);

export function grammarForLanguage(languageId: string): Grammar | undefined {
  return GRAMMAR_BY_LANGUAGE[languageId];
}

/** The language id for a file name, as VS Code would pick it; used by the CLI. */
export function languageForFileName(fileName: string): string | undefined {
  const m = /\.([a-z]+)$/i.exec(fileName);
  switch (m?.[1].toLowerCase()) {
    case 'js': case 'mjs': case 'cjs': return 'javascript';
    case 'jsx': return 'javascriptreact';
    case 'ts': case 'mts': case 'cts': return 'typescript';
    case 'tsx': return 'typescriptreact';
    default: return undefined;
  }
}

export async function analyze(text: string, languageId: string, options: AnalyzeOptions = {}): Promise<Finding[]> {
  const grammar = grammarForLanguage(languageId);
  if (!grammar) return [];
  const tree = await parse(grammar, text);
  try {
    const urls = findUrlArguments(tree);
    return checkKeyInUrl(urls, options.secretParamNames).sort((a, b) => a.start - b.start);
  } finally {
    tree.delete();
  }
}
