/**
 * Settings as the analyzer sees them. Raw values come from the editor or a config file; anything
 * malformed falls back to the default instead of failing. Defaults mirror package.json.
 */
import type { Finding, Severity } from './types';

export type RunMode = 'onType' | 'onSave';

/** What a rule does in this workspace: dropped, or reported at this severity. */
export type RuleLevel = 'off' | Severity;

/**
 * A function of the user's own code that sends a request, e.g. `api.get(url, init)`; the same shape
 * as `clients` entries in `.api-doctor.jsonc`.
 */
export interface ClientFunction {
  /** The callee as written, `api.get` or `request`. */
  function: string;
  /** Which argument (0-based) holds the URL. */
  urlArg: number;
}

export interface ApiDoctorSettings {
  enable: boolean;
  run: RunMode;
  secretParamNames: string[];
  /** Severity per rule id; rules not listed keep their own severity. */
  rules: Record<string, RuleLevel>;
  /** Language ids to lint; undefined means every language the analyzer knows. */
  languages: string[] | undefined;
  /** Globs of files never linted (on top of `files.exclude` and `.gitignore` for the scan). */
  ignore: string[];
  clients: ClientFunction[];
}

export interface RawSettings {
  enable?: unknown;
  run?: unknown;
  secretParamNames?: unknown;
  rules?: unknown;
  languages?: unknown;
  ignore?: unknown;
  clients?: unknown;
}

const LEVELS: readonly RuleLevel[] = ['off', 'hint', 'info', 'warning', 'error'];

export function normaliseSettings(raw: RawSettings): ApiDoctorSettings {
  return {
    enable: typeof raw.enable === 'boolean' ? raw.enable : true,
    run: raw.run === 'onSave' ? 'onSave' : 'onType',
    secretParamNames: stringList(raw.secretParamNames),
    rules: normaliseRules(raw.rules),
    languages: Array.isArray(raw.languages) ? stringList(raw.languages) : undefined,
    ignore: stringList(raw.ignore),
    clients: normaliseClients(raw.clients),
  };
}

function stringList(raw: unknown): string[] {
  return Array.isArray(raw)
    ? raw.filter((n): n is string => typeof n === 'string' && n.trim().length > 0).map((n) => n.trim())
    : [];
}

/** `{ "key-in-url": "error", "hardcoded-key": "off" }`; `"information"` is accepted for `info`. */
export function normaliseRules(raw: unknown): Record<string, RuleLevel> {
  const out: Record<string, RuleLevel> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [rule, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value !== 'string') continue;
    const level = value.trim().toLowerCase();
    const normalised = level === 'information' ? 'info' : level;
    if ((LEVELS as readonly string[]).includes(normalised)) out[rule] = normalised as RuleLevel;
  }
  return out;
}

/** Accepts `"api.get"` or `{ "function": "api.get", "urlArg": 0 }`. */
export function normaliseClients(raw: unknown): ClientFunction[] {
  if (!Array.isArray(raw)) return [];
  const out: ClientFunction[] = [];
  for (const entry of raw) {
    if (typeof entry === 'string' && isCalleeName(entry)) out.push({ function: entry.trim(), urlArg: 0 });
    else if (entry && typeof entry === 'object') {
      const { function: name, urlArg } = entry as Record<string, unknown>;
      if (typeof name !== 'string' || !isCalleeName(name)) continue;
      out.push({
        function: name.trim(),
        urlArg: typeof urlArg === 'number' && Number.isInteger(urlArg) && urlArg >= 0 && urlArg < 10 ? urlArg : 0,
      });
    }
  }
  return out;
}

function isCalleeName(name: string): boolean {
  return /^\s*[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*\s*$/.test(name);
}

/** The severity a finding of `ruleId` is shown with, or undefined when the rule is off. */
export function levelFor(ruleId: string, own: Severity, rules: Readonly<Record<string, RuleLevel>>): Severity | undefined {
  const level = rules[ruleId] ?? providerWide(ruleId, rules);
  if (level === 'off') return undefined;
  return level ?? own;
}

/**
 * The findings as shown: each with the severity the settings give its rule (dropped when the rule
 * is off), in document order. Every front end ends with this, after its own suppressions.
 */
export function withLevels(findings: Iterable<Finding>, rules: Readonly<Record<string, RuleLevel>>): Finding[] {
  const shown: Finding[] = [];
  for (const f of findings) {
    const severity = levelFor(f.ruleId, f.severity, rules);
    if (severity) shown.push(severity === f.severity ? f : { ...f, severity });
  }
  return shown.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** `"specala/*": "off"` applies to every rule of that provider. */
function providerWide(ruleId: string, rules: Readonly<Record<string, RuleLevel>>): RuleLevel | undefined {
  const slash = ruleId.indexOf('/');
  return slash > 0 ? rules[`${ruleId.slice(0, slash)}/*`] : undefined;
}
