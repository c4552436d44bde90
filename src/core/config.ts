/**
 * The workspace file `.api-doctor.jsonc`: rule severities, ignored paths, extra secret parameter
 * names and extra client functions. `loadConfig` is pure: text in, config and readable errors out
 * (file, 1-based line and column, what is wrong); a bad entry is dropped, the rest still applies.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from './lineIndex';
import type { Severity } from './types';
import type { CustomClient } from './javascript/clients';

export type RuleSetting = Severity | 'off';

export interface ApiDoctorConfig {
  rules: Record<string, RuleSetting>;
  ignore: string[];
  secretParamNames: string[];
  clients: CustomClient[];
  /** Extra provider catalogs, relative to the config file's folder. */
  catalogs: string[];
}

export interface ConfigError {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  offset: number;
  message: string;
}

export const CONFIG_FILE_NAME = '.api-doctor.jsonc';

/** The built-in rule ids; provider rules are `<provider>/<rule>`. */
export const BUILT_IN_RULES = ['key-in-url', 'bearer-format', 'retry-without-backoff', 'retry-after-ignored', 'hardcoded-key'];
const SETTINGS: RuleSetting[] = ['off', 'hint', 'info', 'warning', 'error'];

export function emptyConfig(): ApiDoctorConfig {
  return { rules: {}, ignore: [], secretParamNames: [], clients: [], catalogs: [] };
}

export function loadConfig(text: string, fileName: string = CONFIG_FILE_NAME): { config: ApiDoctorConfig; errors: ConfigError[] } {
  const config = emptyConfig();
  const errors: ConfigError[] = [];
  const lines = new LineIndex(text);
  const report = (offset: number, message: string): void => {
    const p = lines.positionAt(offset);
    errors.push({ file: fileName, line: p.line + 1, column: p.character + 1, offset, message });
  };
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  for (const e of parseErrors) report(e.offset, `JSON syntax: ${describeParseError(printParseErrorCode(e.error))}`);
  if (!root) return { config, errors };
  if (root.type !== 'object') {
    report(root.offset, 'The configuration must be an object, e.g. { "rules": { "key-in-url": "error" } }.');
    return { config, errors };
  }
  for (const prop of root.children ?? []) {
    const [keyNode, value] = prop.children ?? [];
    if (!keyNode || !value) continue;
    const key = String(keyNode.value);
    switch (key) {
      case 'rules': readRules(value, config, report); break;
      case 'ignore': config.ignore = readStrings(value, 'ignore', report); break;
      case 'secretParamNames': config.secretParamNames = readStrings(value, 'secretParamNames', report); break;
      case 'clients': readClients(value, config, report); break;
      case 'catalogs': config.catalogs = readStrings(value, 'catalogs', report); break;
      case '$schema': break;
      default:
        report(keyNode.offset, `Unknown setting "${key}". Known settings: rules, ignore, secretParamNames, clients, catalogs.`);
    }
  }
  return { config, errors };
}

type Report = (offset: number, message: string) => void;

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character', InvalidNumberFormat: 'malformed number', PropertyNameExpected: 'a property name is expected',
    ValueExpected: 'a value is expected', ColonExpected: 'a colon is expected', CommaExpected: 'a comma is expected',
    CloseBraceExpected: 'a closing brace } is missing', CloseBracketExpected: 'a closing bracket ] is missing',
    EndOfFileExpected: 'text after the end of the configuration', UnexpectedEndOfComment: 'a comment is not closed',
    UnexpectedEndOfString: 'a string is not closed', UnexpectedEndOfNumber: 'a number is cut off', InvalidUnicode: 'malformed \\u escape',
    InvalidEscapeCharacter: 'unknown escape in a string', InvalidCharacter: 'invalid character in a string',
  };
  return words[code] ?? code;
}

function readRules(node: Node, config: ApiDoctorConfig, report: Report): void {
  if (node.type !== 'object') {
    report(node.offset, '"rules" must be an object of rule id → "off" | "hint" | "info" | "warning" | "error".');
    return;
  }
  for (const prop of node.children ?? []) {
    const [keyNode, value] = prop.children ?? [];
    if (!keyNode || !value) continue;
    const id = String(keyNode.value);
    if (!BUILT_IN_RULES.includes(id) && !/^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/.test(id)) {
      report(keyNode.offset, `Unknown rule "${id}". Built-in rules: ${BUILT_IN_RULES.join(', ')}; provider rules look like "provider/rule".`);
      continue;
    }
    if (value.type !== 'string' || !SETTINGS.includes(value.value as RuleSetting)) {
      report(value.offset, `The setting of rule "${id}" must be one of ${SETTINGS.map((s) => `"${s}"`).join(', ')}.`);
      continue;
    }
    config.rules[id] = value.value as RuleSetting;
  }
}

function readStrings(node: Node, name: string, report: Report): string[] {
  if (node.type !== 'array') {
    report(node.offset, `"${name}" must be an array of strings.`);
    return [];
  }
  const out: string[] = [];
  for (const item of node.children ?? []) {
    if (item.type !== 'string' || String(item.value).trim() === '') report(item.offset, `Each entry of "${name}" must be a non-empty string.`);
    else out.push(String(item.value).trim());
  }
  return out;
}

const FUNCTION_PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

function readClients(node: Node, config: ApiDoctorConfig, report: Report): void {
  if (node.type !== 'array') {
    report(node.offset, '"clients" must be an array like [{ "function": "myHttp.get", "urlArg": 0 }].');
    return;
  }
  for (const item of node.children ?? []) {
    if (item.type !== 'object') {
      report(item.offset, 'Each client must be an object like { "function": "myHttp.get", "urlArg": 0 }.');
      continue;
    }
    let fn: string | undefined;
    let urlArg = 0;
    let ok = true;
    for (const prop of item.children ?? []) {
      const [keyNode, value] = prop.children ?? [];
      if (!keyNode || !value) continue;
      const key = String(keyNode.value);
      if (key === 'function') {
        if (value.type !== 'string' || !FUNCTION_PATH.test(String(value.value))) {
          report(value.offset, '"function" must name a function or method, e.g. "myHttp.get".');
          ok = false;
        } else fn = String(value.value);
      } else if (key === 'urlArg') {
        if (value.type !== 'number' || !Number.isInteger(value.value) || (value.value as number) < 0) {
          report(value.offset, '"urlArg" must be the 0-based index of the URL argument (0, 1, …).');
          ok = false;
        } else urlArg = value.value as number;
      } else {
        report(keyNode.offset, `Unknown client property "${key}". Known: function, urlArg.`);
      }
    }
    if (ok && fn === undefined) {
      report(item.offset, 'A client needs a "function", e.g. "myHttp.get".');
      ok = false;
    }
    if (ok && fn !== undefined) config.clients.push({ function: fn, urlArg });
  }
}
