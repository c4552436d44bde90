/**
 * In a restricted (untrusted) workspace the runner asks before it contacts a host: the request may
 * come from a file in that workspace (a code lens, `Send request at cursor`, a pasted draft), and
 * a click should not be enough to make the machine talk to a server the folder chose. Pure: the
 * editor adapter (restrictedSendGate.ts) passes in `isTrusted` and shows the question.
 */

export interface SendQuestion {
  /** `host` or `host:port`, as the user will see it in the dialog; what "don't ask again" remembers. */
  host: string;
  message: string;
  detail: string;
  /** Button: send this once. */
  send: string;
  /** Button: send, and do not ask again for this host until the window reloads. */
  sendForSession: string;
}

/**
 * The question to ask before sending to `url`, or undefined when no question is needed: a trusted
 * workspace, a host the user already allowed for this session, or a URL that cannot be sent at all
 * (the runner then reports it without contacting anything).
 */
export function restrictedSendQuestion(url: string, workspaceTrusted: boolean, allowedHosts: ReadonlySet<string>): SendQuestion | undefined {
  if (workspaceTrusted) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  // Only the host: the path or the query may hold something secret, and the host is the decision.
  const host = parsed.host.toLowerCase();
  if (!host || allowedHosts.has(host)) return undefined;
  return {
    host,
    message: `Send a request to ${host}?`,
    detail:
      'This workspace is in Restricted Mode, so API Doctor asks before it contacts a server. ' +
      `Send only if you expect this request to go to ${host}${parsed.protocol === 'http:' ? ' (plain http, not encrypted)' : ''}. ` +
      'Redirects are followed; a stored key only ever goes to the hosts it is for.',
    send: 'Send',
    sendForSession: `Send, and don't ask again for ${host}`,
  };
}

/** What the panel says when the user did not confirm: nothing was sent and the form is as it was. */
export function notSentMessage(url: string): string {
  let host = '';
  try {
    host = new URL(url).host.toLowerCase();
  } catch {
    // An unparsable URL is never asked about; keep the sentence general.
  }
  return `Not sent: this workspace is in Restricted Mode and sending to ${host || 'that host'} was not confirmed.`;
}
