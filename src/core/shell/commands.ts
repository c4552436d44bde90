/**
 * Reads a `curl` or `wget` command's arguments: URLs, headers, credentials, method, body and retry
 * options. Options that take a value are listed so that their values are not taken for URLs.
 */
import type { SyntaxNode } from '../parser';
import type { Span, StringPart } from '../model';
import { dropPrefix, literalWord, named, span, wordParts, type ShellVariables } from './words';

export type Tool = 'curl' | 'wget';

/** One option or URL argument, with its value's pieces and where the value is written. */
export interface ShellArgument {
  /** The option as written (`-H`, `--header`), or undefined for a URL/positional argument. */
  option?: string;
  parts: StringPart[];
  /** The value's range: after `--header=` or `-H` when attached, else the whole argument. */
  valueSpan: Span;
  /** The whole argument node (or nodes, for `-H value`). */
  span: Span;
  node: SyntaxNode;
}

export interface ShellCommand {
  tool: Tool;
  node: SyntaxNode;
  /** The `curl`/`wget` word itself. */
  toolWord: SyntaxNode;
  args: ShellArgument[];
}

const CURL_SHORT_WITH_VALUE = new Set('HdFXuoAebcTwmxUEKrzYyCDQPtj'.split(''));
const CURL_LONG_WITH_VALUE = new Set([
  'header', 'data', 'data-raw', 'data-binary', 'data-urlencode', 'data-ascii', 'form', 'form-string', 'request', 'user',
  'output', 'user-agent', 'referer', 'cookie', 'cookie-jar', 'upload-file', 'write-out', 'max-time', 'connect-timeout',
  'retry', 'retry-delay', 'retry-max-time', 'proxy', 'proxy-user', 'cacert', 'capath', 'cert', 'key', 'resolve', 'json',
  'config', 'limit-rate', 'range', 'time-cond', 'max-redirs', 'speed-limit', 'speed-time', 'oauth2-bearer', 'url',
  'dump-header', 'trace', 'trace-ascii', 'stderr', 'continue-at', 'interface', 'quote', 'output-dir', 'variable',
  'aws-sigv4', 'connect-to', 'cert-type', 'key-type', 'pass', 'proxy-header', 'unix-socket', 'expect100-timeout',
  'keepalive-time', 'dns-servers', 'local-port', 'ciphers', 'happy-eyeballs-timeout-ms', 'max-filesize', 'netrc-file',
  'parallel-max', 'pinnedpubkey', 'preproxy', 'proto', 'proto-redir', 'socks5', 'socks5-hostname', 'telnet-option',
  'tls-max', 'url-query', 'login-options', 'mail-from', 'mail-rcpt', 'krb', 'hostpubmd5', 'ftp-port', 'etag-save', 'etag-compare',
]);
const WGET_SHORT_WITH_VALUE = new Set('OoaPtTUweiBQlARDIX'.split(''));
const WGET_LONG_WITH_VALUE = new Set([
  'header', 'post-data', 'post-file', 'body-data', 'body-file', 'method', 'user', 'password', 'http-user', 'http-password',
  'output-document', 'output-file', 'append-output', 'directory-prefix', 'tries', 'timeout', 'wait', 'waitretry',
  'user-agent', 'referer', 'load-cookies', 'save-cookies', 'input-file', 'base', 'quota', 'level', 'accept', 'reject',
  'domains', 'include-directories', 'exclude-directories', 'limit-rate', 'read-timeout', 'connect-timeout',
  'dns-timeout', 'ca-certificate', 'certificate', 'private-key', 'proxy-user', 'proxy-password', 'retry-on-http-error',
]);

/** Commands that run the next word as a command: `sudo curl …`, `env X=1 curl …`, `time curl …`. */
const WRAPPERS = new Set(['sudo', 'env', 'time', 'nice', 'nohup', 'command', 'exec', 'timeout', 'xargs', 'doas']);

function toolOf(word: string): Tool | undefined {
  const base = word.replace(/^.*\//, '');
  return base === 'curl' || base === 'wget' ? base : undefined;
}

/** The `curl`/`wget` command a `command` node runs, past `sudo`, `env X=1` and `timeout 30`. */
export function readCommand(node: SyntaxNode, vars: ShellVariables, text: string): ShellCommand | undefined {
  const nameNode = node.childForFieldName('name');
  if (!nameNode) return undefined;
  // Most commands are neither a request nor a wrapper: decide by the name's text before reading more.
  const first = nameNode.text.replace(/^.*\//, '').replace(/^['"]|['"]$/g, '');
  if (!toolOf(first) && !WRAPPERS.has(first)) return undefined;
  const words = [named(nameNode)[0] ?? nameNode, ...named(node).filter((c) => c.startIndex >= nameNode.endIndex && !/redirect|herestring/.test(c.type))];
  let i = 0;
  for (; i < words.length; i++) {
    // `env HOME="$HOME" curl`: an assignment may hold an expansion; the command word itself may not.
    const w = literalWord(words[i], vars, text) ?? (/^[A-Za-z_]\w*=/.test(words[i].text) ? words[i].text : undefined);
    if (w === undefined) return undefined;
    if (toolOf(w)) break;
    // Options of a wrapper, a duration (`timeout 30`) or an assignment (`env KEY=x`) come before the command.
    if (!WRAPPERS.has(w) && (i === 0 || !(w.startsWith('-') || /^\d+(\.\d+)?[smhd]?$/.test(w) || /^[A-Za-z_]\w*=/.test(w)))) return undefined;
  }
  if (i >= words.length) return undefined;
  const tool = toolOf(literalWord(words[i], vars, text) ?? '')!;
  return { tool, node, toolWord: words[i], args: readArguments(tool, words.slice(i + 1), vars, text) };
}

function readArguments(tool: Tool, words: SyntaxNode[], vars: ShellVariables, text: string): ShellArgument[] {
  const shortWithValue = tool === 'curl' ? CURL_SHORT_WITH_VALUE : WGET_SHORT_WITH_VALUE;
  const longWithValue = tool === 'curl' ? CURL_LONG_WITH_VALUE : WGET_LONG_WITH_VALUE;
  const out: ShellArgument[] = [];
  let endOfOptions = false;
  for (let i = 0; i < words.length; i++) {
    const node = words[i];
    const parts = wordParts(node, vars, text);
    const first = parts[0];
    const head = first?.kind === 'literal' && !first.at ? first.value : '';
    const positional = (): void => { out.push({ parts, valueSpan: span(node), span: span(node), node }); };
    if (endOfOptions || !head.startsWith('-') || head === '-') {
      positional();
      continue;
    }
    if (head === '--') {
      endOfOptions = true;
      continue;
    }
    const withNext = (option: string, prefix: number): void => {
      if (prefix > 0) {
        const rest = dropPrefix(parts, prefix);
        // The option is a bare word (`-H`, `--header=`): the value starts right after its characters.
        if (rest && text.slice(node.startIndex, node.startIndex + prefix) === head.slice(0, prefix)) {
          out.push({ option, parts: rest, valueSpan: { start: node.startIndex + prefix, end: node.endIndex }, span: span(node), node });
        }
        return;
      }
      const next = words[i + 1];
      if (!next) return;
      i++;
      out.push({ option, parts: wordParts(next, vars, text), valueSpan: span(next), span: { start: node.startIndex, end: next.endIndex }, node: next });
    };
    if (head.startsWith('--')) {
      const eq = head.indexOf('=');
      const name = (eq >= 0 ? head.slice(2, eq) : head.slice(2)).toLowerCase();
      if (eq >= 0) withNext(`--${name}`, eq + 1);
      else if (longWithValue.has(name)) withNext(`--${name}`, 0);
      else out.push({ option: `--${name}`, parts: [], valueSpan: { start: node.endIndex, end: node.endIndex }, span: span(node), node });
      continue;
    }
    // `-sSL`, `-sSo out.json`, `-HAuthorization:…`: the first option that takes a value ends the cluster.
    let taken = false;
    for (let k = 1; k < head.length; k++) {
      const c = head[k];
      if (!shortWithValue.has(c)) {
        out.push({ option: `-${c}`, parts: [], valueSpan: { start: node.endIndex, end: node.endIndex }, span: span(node), node });
        continue;
      }
      withNext(`-${c}`, k + 1 < head.length || parts.length > 1 ? k + 1 : 0);
      taken = true;
      break;
    }
    if (!taken && head.length === 1) positional();
  }
  return out;
}

/** Long and short spellings of the options the analyzer reads, by meaning. */
export const OPTION = {
  header: ['-H', '--header'],
  url: ['--url'],
  method: ['-X', '--request', '--method'],
  user: ['-u', '--user', '--http-user'],
  password: ['--password', '--http-password'],
  body: ['-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii', '-F', '--form', '--form-string', '--json', '--post-data', '--body-data'],
  retry: ['--retry'],
  retryDelay: ['--retry-delay'],
  retryMaxTime: ['--retry-max-time'],
  fail: ['-f', '--fail', '--fail-with-body'],
} as const;

export function hasOption(cmd: ShellCommand, names: readonly string[]): boolean {
  return cmd.args.some((a) => a.option !== undefined && names.includes(a.option));
}

export function optionArgs(cmd: ShellCommand, names: readonly string[]): ShellArgument[] {
  return cmd.args.filter((a) => a.option !== undefined && names.includes(a.option));
}
