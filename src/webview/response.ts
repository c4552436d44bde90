/** The response area: status line, diagnosis card, headers and body (text, JSON, audio, image, binary). */
import type { BodyAction } from '../protocol/messages';
import type { DiagnosisView, FailureView, ResponseView } from '../protocol/views';
import { button, el } from './dom';
import { formatMs, prettyJson, sortHeaders, statusClass, statusLine } from './model';

export interface ResponseHooks {
  bodyAction(responseId: string, action: BodyAction): void;
  retry(): void;
}

export function renderResponse(r: ResponseView, hooks: ResponseHooks): HTMLElement {
  const box = el('section', { className: 'response', attrs: { 'aria-label': 'Response' } });
  box.append(el('h2', { text: 'Response' }));
  box.append(el('p', { className: `status-line ${statusClass(r.status)}`, text: statusLine(r) }));
  if (r.attempts > 1) box.append(el('p', { className: 'muted', text: `Answered on attempt ${r.attempts}.` }));
  for (const hop of r.redirects) {
    box.append(el('p', { className: 'muted', text: `Redirected (${hop.status}) to ${hop.to}${hop.credentialsDropped ? ' — key not sent there: that host is not bound to it' : ''}` }));
  }
  if (r.diagnosis) box.append(diagnosisCard(r.diagnosis, r.responseId, hooks));

  const headers = el('details', { className: 'headers' }, el('summary', { text: `Headers (${r.headers.length})` }));
  const table = el('table');
  for (const h of sortHeaders(r.headers)) {
    table.append(el('tr', { className: h.note ? `note ${h.note}` : '' },
      el('th', { text: h.name, attrs: { scope: 'row' } }), el('td', { text: h.value })));
  }
  headers.append(table);
  headers.open = r.diagnosis !== null;
  box.append(headers);

  box.append(bodyView(r, hooks));
  return box;
}

function bodyView(r: ResponseView, hooks: ResponseHooks): HTMLElement {
  const wrap = el('div', { className: 'response-body' });
  const actions = el('div', { className: 'actions' });
  const body = r.body;
  switch (body.kind) {
    case 'empty':
      wrap.append(el('p', { className: 'muted', text: 'No body.' }));
      break;
    case 'json':
    case 'text':
      wrap.append(el('pre', { className: 'body-text', attrs: { tabindex: '0', 'aria-label': 'Response body' }, text: body.kind === 'json' ? prettyJson(body.text) : body.text }));
      if (r.clipped) wrap.append(el('p', { className: 'muted', text: 'Only the beginning is shown here.' }));
      actions.append(button('Open in editor', () => hooks.bodyAction(r.responseId, 'open'), { secondary: !r.clipped }));
      break;
    case 'audio': {
      const audio = el('audio', { attrs: { controls: '', 'aria-label': 'Response audio' } });
      audio.src = blobUrl(body.base64, body.mime);
      wrap.append(audio);
      break;
    }
    case 'image': {
      const img = el('img', { className: 'body-image', attrs: { alt: `Response image (${body.mime})` } });
      img.src = blobUrl(body.base64, body.mime);
      wrap.append(img);
      break;
    }
    case 'binary':
      wrap.append(el('p', { className: 'muted', text: `Binary body (${body.mime}).` }));
      break;
  }
  if (body.kind !== 'empty') actions.append(button('Save body…', () => hooks.bodyAction(r.responseId, 'save'), { secondary: true }));
  wrap.append(actions);
  return wrap;
}

/** Blob URLs keep large media out of the DOM as text; the CSP allows `media-src blob:` for them. */
const urls: string[] = [];
function blobUrl(base64: string, mime: string): string {
  while (urls.length > 0) URL.revokeObjectURL(urls.pop()!);
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  urls.push(url);
  return url;
}

function diagnosisCard(d: DiagnosisView, responseId: string, hooks: ResponseHooks): HTMLElement {
  const card = el('div', { className: 'card diagnosis', attrs: { role: 'group', 'aria-label': 'Diagnosis' } });
  card.append(el('h3', { text: d.title }));
  if (d.meaning) card.append(el('p', { text: d.meaning }));
  const said = d.code && d.message && d.code !== d.message ? `${d.code}: ${d.message}` : d.message ?? d.code;
  if (said) card.append(el('p', { className: 'muted', text: `The server said: ${said}` }));
  if (d.causes.length) {
    card.append(el('h4', { text: 'Likely causes' }));
    const list = el('ol');
    for (const c of d.causes) list.append(el('li', { className: c.seen ? 'seen' : '' }, c.text, c.seen ? el('span', { className: 'seen-note', text: ` — seen in this request: ${c.seen}` }) : null));
    card.append(list);
  }
  if (d.fixes.length) {
    card.append(el('h4', { text: 'How to fix it' }));
    const list = el('ul');
    for (const f of d.fixes) list.append(el('li', { text: f }));
    card.append(list);
  }
  card.append(el('p', { className: 'retry-plan', text: retryPlan(d) }));
  if (d.requestId) card.append(el('p', { className: 'muted', text: `Request id: ${d.requestId}` }));
  const actions = el('div', { className: 'actions' });
  if (d.retryable) actions.append(retryButton(hooks));
  actions.append(button('Copy support ticket', () => hooks.bodyAction(responseId, 'copyTicket'), { secondary: true }));
  card.append(actions);
  return card;
}

/** Marked so the panel can disable it while a request is in flight. */
function retryButton(hooks: ResponseHooks): HTMLButtonElement {
  const b = button('Retry with backoff', hooks.retry, { title: 'Send again, waiting as Retry-After and the provider ask, up to apiDoctor.request.maxRetries more times' });
  b.classList.add('retry');
  return b;
}

function retryPlan(d: DiagnosisView): string {
  if (!d.retryable) return 'Retrying will not help until the cause is fixed.';
  if (d.retryAfterMs === null) return 'Worth retrying after a short wait.';
  const basis = d.retryBasis === 'retry-after' ? 'as the Retry-After header asks' : "following the provider's backoff policy";
  return `Retry after ${formatMs(d.retryAfterMs)}, ${basis}; wait longer on each further failure.`;
}

export function renderFailure(f: FailureView, hooks: ResponseHooks): HTMLElement {
  const box = el('section', { className: 'response', attrs: { 'aria-label': 'Response' } });
  box.append(el('h2', { text: 'No response' }));
  const card = el('div', { className: 'card failure', attrs: { role: 'group', 'aria-label': 'Diagnosis' } });
  card.append(el('h3', { text: f.title }), el('p', { text: f.message }));
  if (f.causes.length) {
    card.append(el('h4', { text: 'Likely causes' }));
    const list = el('ol');
    for (const c of f.causes) list.append(el('li', { text: c }));
    card.append(list);
  }
  if (f.fixes.length) {
    card.append(el('h4', { text: 'How to fix it' }));
    const list = el('ul');
    for (const x of f.fixes) list.append(el('li', { text: x }));
    card.append(list);
  }
  card.append(el('p', { className: 'muted', text: `Gave up after ${formatMs(f.elapsedMs)}${f.attempts > 1 ? ` and ${f.attempts} attempts` : ''}.` }));
  const actions = el('div', { className: 'actions' });
  if (f.retryable) actions.append(retryButton(hooks));
  actions.append(button('Copy support ticket', () => hooks.bodyAction(f.responseId, 'copyTicket'), { secondary: true }));
  card.append(actions);
  box.append(card);
  return box;
}
