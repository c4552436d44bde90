/**
 * Runs the linter's own rules on the composed request: the request is written as the `fetch` call
 * a user would write, and `analyze` reads it like any file. So the panel and the editor agree on
 * what is wrong, and a rule the user switched off (`apiDoctor.rules`) stays off here too.
 */
import type { AnalyzeOptions } from '../../core/analyze';
import type { RuleLevel } from '../../core/settings';
import type { Finding } from '../../core/types';
import { composeUrl, type RequestDraft } from '../../protocol/request';

/** Rules about the request itself; `hardcoded-key` and the retry rules are about source code. */
export const REQUEST_RULES = ['key-in-url', 'bearer-format'] as const;

export interface LintResult {
  /** Rules the user's settings turned off. */
  off: Set<string>;
  findings: Array<{ rule: string; severity: 'error' | 'warning' | 'info'; message: string }>;
}

export function requestAsCode(draft: RequestDraft): string {
  const headers = draft.headers.filter((r) => r.enabled && r.name.trim() !== '').map((r) => `${JSON.stringify(r.name.trim())}: ${JSON.stringify(r.value)}`);
  return `fetch(${JSON.stringify(composeUrl(draft.url, draft.query))}, { method: ${JSON.stringify(draft.method)}, headers: { ${headers.join(', ')} } });\n`;
}

/**
 * The analyzer (core/analyze's `analyze`), passed in: the extension hands over the one it already
 * loaded, so dist/runner.js carries no second copy of it and of the tree-sitter runtime.
 */
export type Analyze = (text: string, languageId: string, options?: AnalyzeOptions) => Promise<Finding[]>;

export async function lintComposed(analyze: Analyze, draft: RequestDraft, options: { secretParamNames?: readonly string[]; rules?: Readonly<Record<string, RuleLevel>> } = {}): Promise<LintResult> {
  const rules = options.rules ?? {};
  const off = new Set<string>(REQUEST_RULES.filter((r) => rules[r] === 'off'));
  const found = await analyze(requestAsCode(draft), 'javascript', { secretParamNames: options.secretParamNames, rules });
  return {
    off,
    findings: found
      .filter((f) => (REQUEST_RULES as readonly string[]).includes(f.ruleId))
      .map((f) => ({ rule: f.ruleId, severity: f.severity === 'hint' ? 'info' : f.severity, message: f.message })),
  };
}
