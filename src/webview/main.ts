/** The panel's browser code: keeps the state, draws the form and the response, talks to the host. */
import { CODE_FORMATS, isHostMessage, type CodeFormat, type HostMessage, type ViewMessage } from '../protocol/messages';
import { emptyDraft, isRequestDraft, type RequestDraft } from '../protocol/request';
import type { FailureView, HistoryItem, KeyInfo, PreflightWarning, ResponseView } from '../protocol/views';
import { button, el } from './dom';
import { renderForm } from './form';
import { countdownText, historyLabel, sendBlocker, stateToKeep, type PanelState } from './model';
import { renderFailure, renderResponse } from './response';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();

const saved = vscode.getState() as Partial<PanelState> | undefined;
let draft: RequestDraft = saved && isRequestDraft(saved.draft) ? saved.draft : emptyDraft();
// A response saved by an older version of the panel may not fit today's shape: drop it then.
let response: ResponseView | null = saved?.response && isHostMessage({ type: 'response', replyTo: 'saved', response: saved.response }) ? saved.response : null;
let failure: FailureView | null = null;
let keys: KeyInfo[] = [];
let history: HistoryItem[] = [];
let warnings: PreflightWarning[] = [];
let provider: string | null = null;
/** The send in flight, whose replies are awaited. */
let pending: string | null = null;
let preflightId = '';
let countdown: { until: number; attempt: number; max: number; timer: number } | null = null;

let seq = 0;
const nextId = (kind: string) => `${kind}-${Date.now().toString(36)}-${++seq}`;
const post = (m: ViewMessage) => vscode.postMessage(m);

const root = document.getElementById('root')!;
const formSlot = el('div');
const warningSlot = el('div', { className: 'warnings', attrs: { 'aria-live': 'polite' } });
const statusEl = el('p', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
const sendButton = button('Send', () => send(), { title: 'Send the request (Ctrl+Enter)' });
const cancelButton = button('Cancel', () => cancel(), { secondary: true, title: 'Stop the request (Escape)' });
const formatSelect = el('select', { attrs: { 'aria-label': 'Copy the request as' } });
for (const f of CODE_FORMATS) formatSelect.append(el('option', { text: { curl: 'curl', fetch: 'fetch (JavaScript)', python: 'Python requests', http: '.http file' }[f], attrs: { value: f } }));
const copyButton = button('Copy as', () => post({ type: 'copyAs', id: nextId('copy'), request: draft, format: formatSelect.value as CodeFormat }), { secondary: true });
const responseSlot = el('div');
const historySlot = el('section', { className: 'history', attrs: { 'aria-label': 'History' } });

root.append(
  el('p', { className: 'muted intro', text: 'Request runner: keys come from VS Code secret storage and only go to the hosts they belong to.' }),
  el('h2', { text: 'Request' }),
  el('p', { className: 'provider muted', attrs: { id: 'provider' } }),
  formSlot,
  warningSlot,
  el('div', { className: 'actions send-row' }, sendButton, cancelButton, formatSelect, copyButton),
  statusEl,
  responseSlot,
  historySlot,
);

function keep(): void {
  vscode.setState(stateToKeep(draft, response));
}

function setStatus(text: string): void {
  statusEl.textContent = text;
}

function drawForm(): void {
  const focused = document.activeElement?.id;
  formSlot.replaceChildren(renderForm(draft, keys, {
    update(change, rebuild) {
      draft = change(draft);
      keep();
      schedulePreflight();
      if (rebuild) drawForm();
    },
    pickFile: () => post({ type: 'pickFile', id: nextId('file') }),
    setKey: () => post({ type: 'runCommand', command: 'apiDoctor.setApiKey' }),
  }));
  if (focused) document.getElementById(focused)?.focus();
  drawButtons();
}

function drawButtons(): void {
  const blocker = sendBlocker(draft);
  sendButton.disabled = pending !== null || blocker !== null;
  sendButton.title = blocker ?? 'Send the request (Ctrl+Enter)';
  cancelButton.disabled = pending === null;
  for (const b of responseSlot.querySelectorAll<HTMLButtonElement>('button.retry')) b.disabled = pending !== null;
}

function drawWarnings(): void {
  const p = document.getElementById('provider')!;
  p.textContent = provider ? `Provider: ${provider}` : '';
  warningSlot.replaceChildren();
  for (const w of warnings) {
    const item = el('div', { className: `warning ${w.severity}`, attrs: { role: 'note' } }, el('span', { className: 'rule', text: w.rule }), ' ', w.message);
    const fix = w.fix;
    if (fix) item.append(' ', button(fix.title, () => {
      draft = fix.request;
      keep();
      drawForm();
      schedulePreflight();
    }, { secondary: true }));
    warningSlot.append(item);
  }
}

function drawResponse(): void {
  const hooks = {
    bodyAction: (responseId: string, action: 'save' | 'open' | 'copyTicket') => post({ type: 'bodyAction', id: nextId('body'), responseId, action }),
    retry: () => send(true),
  };
  responseSlot.replaceChildren();
  if (failure) responseSlot.append(renderFailure(failure, hooks));
  else if (response) responseSlot.append(renderResponse(response, hooks));
  drawButtons();
}

function drawHistory(): void {
  historySlot.replaceChildren(el('h2', { text: 'History' }));
  if (history.length === 0) {
    historySlot.append(el('p', { className: 'muted', text: 'Requests you send appear here, with keys removed.' }));
    return;
  }
  const list = el('ul', { className: 'history-list' });
  for (const h of history) {
    const label = historyLabel(h);
    list.append(el('li', {},
      el('span', { className: 'history-label', text: label, attrs: { title: `${label}\n${h.at}` } }),
      button('Re-run', () => post({ type: 'rerun', id: nextId('rerun'), historyId: h.id }), { secondary: true, ariaLabel: `Re-run ${label}` }),
      button('Delete', () => post({ type: 'deleteHistory', id: nextId('del'), historyId: h.id }), { secondary: true, ariaLabel: `Delete ${label}` }),
    ));
  }
  historySlot.append(list, button('Export as .http file…', () => post({ type: 'exportHistory', id: nextId('export') }), { secondary: true }));
}

let preflightTimer: number | undefined;
function schedulePreflight(): void {
  window.clearTimeout(preflightTimer);
  drawButtons();
  preflightTimer = window.setTimeout(() => {
    if (draft.url.trim() === '') {
      warnings = [];
      provider = null;
      drawWarnings();
      return;
    }
    preflightId = nextId('pre');
    post({ type: 'preflight', id: preflightId, request: draft });
  }, 250);
}

function send(retry = false): void {
  const blocker = sendBlocker(draft);
  if (pending !== null || blocker) {
    if (blocker) setStatus(blocker);
    return;
  }
  pending = nextId(retry ? 'retry' : 'send');
  post({ type: retry ? 'retry' : 'send', id: pending, request: draft });
  setStatus('Sending…');
  drawButtons();
}

function cancel(): void {
  if (pending === null) return;
  post({ type: 'cancel', id: pending });
  setStatus('Cancelling…');
}

function stopCountdown(): void {
  if (countdown) window.clearInterval(countdown.timer);
  countdown = null;
}

function finish(): void {
  pending = null;
  stopCountdown();
  drawButtons();
}

function onMessage(m: HostMessage): void {
  switch (m.type) {
    case 'init':
      keys = m.keys;
      history = m.history;
      drawForm();
      drawHistory();
      schedulePreflight();
      break;
    case 'keys':
      keys = m.keys;
      drawForm();
      schedulePreflight();
      break;
    case 'history':
      history = m.history;
      drawHistory();
      break;
    case 'prefill':
      draft = m.request;
      if (m.sendId) {
        pending = m.sendId;
        setStatus('Sending…');
      }
      keep();
      drawForm();
      schedulePreflight();
      document.getElementById('url')?.focus();
      break;
    case 'preflight':
      if (m.replyTo !== preflightId) return;
      warnings = m.warnings;
      provider = m.provider;
      drawWarnings();
      break;
    case 'progress':
      if (m.replyTo !== pending) return;
      stopCountdown();
      if (m.phase === 'sending') setStatus(m.attempt > 1 ? `Sending attempt ${m.attempt} of ${m.maxAttempts}…` : 'Sending…');
      else {
        const until = Date.now() + m.waitMs;
        const tick = () => setStatus(countdownText(until - Date.now(), m.attempt, m.maxAttempts));
        tick();
        countdown = { until, attempt: m.attempt, max: m.maxAttempts, timer: window.setInterval(tick, 1000) };
      }
      break;
    case 'response':
      if (m.replyTo !== pending) return;
      finish();
      response = m.response;
      failure = null;
      keep();
      drawResponse();
      setStatus(`${m.response.status} ${m.response.statusText}${m.response.truncated ? ' (truncated)' : ''}`);
      break;
    case 'failure':
      if (m.replyTo !== pending) return;
      finish();
      failure = m.failure;
      response = null;
      keep();
      drawResponse();
      setStatus(m.failure.kind === 'aborted' ? 'Cancelled.' : m.failure.title);
      break;
    case 'fileChosen':
      if (m.file) draft = { ...draft, body: { kind: 'file', file: m.file } };
      keep();
      drawForm();
      schedulePreflight();
      break;
    case 'done':
      setStatus(m.message);
      break;
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  if (!isHostMessage(event.data)) {
    console.warn('API Doctor: dropped a malformed message from the extension.');
    return;
  }
  onMessage(event.data);
});

document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    send();
  } else if (e.key === 'Escape' && pending !== null) {
    e.preventDefault();
    cancel();
  }
});

drawForm();
drawResponse();
drawHistory();
post({ type: 'ready' });
