/**
 * The page of the "Decode HTTP Error" view. Pure (no `vscode`), so the markup and its CSP are
 * unit-tested. Nothing is loaded from anywhere: one style element and one script, both carrying
 * the page's nonce; every text from a response is escaped.
 */
import { describeRate, describeRetry } from '../../catalog/format';
import type { Diagnosis } from '../../catalog/types';

/** `default-src 'none'`; the page's own style and script by nonce; nothing else, no network. */
export function decodeViewCsp(nonce: string): string {
  return [`default-src 'none'`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Catalog texts mark code with backticks; show those as <code>, everything escaped. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1.5em 2em; max-width: 60em; line-height: 1.5; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; }
h2 { font-size: 1.1em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: 0.2em; }
.meta { color: var(--vscode-descriptionForeground); }
.seen { display: block; color: var(--vscode-descriptionForeground); font-style: italic; }
.badge { font-size: 0.8em; padding: 0 0.5em; border-radius: 0.8em; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); margin-right: 0.4em; }
code, pre { font-family: var(--vscode-editor-font-family); }
pre { background: var(--vscode-textCodeBlock-background); padding: 0.8em; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 0.4em 1em; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
#copied { margin-left: 0.8em; color: var(--vscode-descriptionForeground); }
`;

// The page's only script: the copy button asks the extension, which owns the clipboard.
const SCRIPT = `
const vscode = acquireVsCodeApi();
const copied = document.getElementById('copied');
document.getElementById('copy').addEventListener('click', () => {
  vscode.postMessage({ type: 'copyTicket' });
  copied.textContent = 'Copied.';
});
`;

export function diagnosisHtml(d: Diagnosis, nonce: string, attempt = 1): string {
  const head = [`${d.status} ${d.title}`, d.providerName, d.code ? `code ${d.code}` : null].filter(Boolean).join(' · ');
  const causes = d.causes.map((c) => `<li>${c.seen ? '<span class="badge">seen in this request</span>' : ''}${prose(c.text)}${c.seen ? `<span class="seen">${prose(c.seen)}</span>` : ''}</li>`);
  const facts: string[] = [];
  if (d.requestId) facts.push(`<li>Request id: <code>${escapeHtml(d.requestId)}</code></li>`);
  if (d.rateLimit) facts.push(`<li>Rate limit: ${escapeHtml(`${d.rateLimit.label}, ${describeRate(d.rateLimit)}`)}</li>`);
  if (d.docs) facts.push(`<li>Documentation: <code>${escapeHtml(d.docs)}</code></li>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Security-Policy" content="${decodeViewCsp(nonce)}">
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(`${d.status} ${d.title}`)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(head)}</h1>
<p>${prose(d.meaning)}</p>
${d.message && d.message !== d.code ? `<p class="meta">Server said: ${escapeHtml(d.message)}</p>` : ''}
${causes.length ? `<h2>Likely causes</h2>\n<ol>${causes.join('')}</ol>` : ''}
${d.fixes.length ? `<h2>Fixes</h2>\n<ul>${d.fixes.map((f) => `<li>${prose(f)}</li>`).join('')}</ul>` : ''}
<h2>Retry</h2>
<p>${escapeHtml(describeRetry(d, attempt))}</p>
${facts.length ? `<ul class="meta">${facts.join('')}</ul>` : ''}
<h2>Support ticket</h2>
<p><button id="copy" type="button">Copy support ticket</button><span id="copied" role="status"></span></p>
<pre>${escapeHtml(d.ticket)}</pre>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}

/** Messages the page may send; anything else is ignored. */
export function isCopyTicketMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'copyTicket' && Object.keys(message).length === 1;
}
