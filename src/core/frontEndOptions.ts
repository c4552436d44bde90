/**
 * What every language front end reads from the analyze options: the settings merged with the
 * workspace's `.api-doctor.jsonc` (the file wins for rule levels, lists are joined), and how a
 * front end swaps the JavaScript fix a shared rule wrote for one in its own language.
 */
import type { AnalyzeOptions } from './analyze';
import type { CustomClient } from './javascript/clients';
import type { RuleLevel } from './settings';
import type { Finding, Fix } from './types';

export interface MergedOptions {
  rules: Record<string, RuleLevel>;
  /** Whether a rule runs at all (its level is not `off`). */
  on: (ruleId: string) => boolean;
  secretParamNames: string[];
  clients: CustomClient[];
}

export function mergedOptions(options: AnalyzeOptions): MergedOptions {
  const config = options.config;
  const rules: Record<string, RuleLevel> = { ...(options.rules ?? {}), ...(config?.rules ?? {}) };
  return {
    rules,
    on: (ruleId) => rules[ruleId] !== 'off',
    secretParamNames: [...(options.secretParamNames ?? []), ...(config?.secretParamNames ?? [])],
    clients: [...(options.clients ?? []), ...(config?.clients ?? [])],
  };
}

/** The finding with this fix instead of the rule's own (JavaScript) one, or with none. */
export function withFix(f: Finding, fix: Fix | undefined): Finding {
  const { fix: _rulesOwn, ...rest } = f;
  return fix ? { ...rest, fix } : rest;
}
