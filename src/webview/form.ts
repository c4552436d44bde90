/** The request form: method, URL, query and header tables, body, key picker. */
import { AUTO_KEY, HTTP_METHODS, NO_KEY, splitQuery, type HttpMethod, type RequestDraft, type Row } from '../protocol/request';
import type { KeyInfo } from '../protocol/views';
import { button, el, labelled, uid } from './dom';
import { addRow, checkJson, methodTakesBody, removeRow, updateRow } from './model';

export interface FormHooks {
  /** Changes the current draft; `rebuild` when the form's structure must be drawn again. */
  update(change: (draft: RequestDraft) => RequestDraft, rebuild: boolean): void;
  pickFile(): void;
  setKey(): void;
}

export function renderForm(draft: RequestDraft, keys: readonly KeyInfo[], hooks: FormHooks): HTMLElement {
  const form = el('form', { className: 'request', attrs: { 'aria-label': 'Request' } });
  form.addEventListener('submit', (e) => e.preventDefault());

  const method = el('select', { attrs: { 'aria-label': 'Method' } });
  method.id = 'method';
  for (const m of HTTP_METHODS) method.append(el('option', { text: m, attrs: { value: m } }));
  method.value = draft.method;
  method.addEventListener('change', () => hooks.update((d) => ({ ...d, method: method.value as HttpMethod }), true));

  const url = el('input', { attrs: { type: 'text', 'aria-label': 'URL', placeholder: 'https://api.example.com/v1/…', spellcheck: 'false' } });
  url.id = 'url';
  url.value = draft.url;
  url.addEventListener('input', () => hooks.update((d) => ({ ...d, url: url.value }), false));
  // A query typed into the URL moves into the table, where it can be edited row by row.
  url.addEventListener('change', () => {
    const { base, rows } = splitQuery(url.value);
    if (rows.length > 0) hooks.update((d) => ({ ...d, url: base, query: [...d.query, ...rows] }), true);
  });
  form.append(el('div', { className: 'url-row' }, method, url));

  form.append(rowsTable('Query parameters', 'query', draft.query, (rows, rebuild) => hooks.update((d) => ({ ...d, query: rows }), rebuild)));
  form.append(rowsTable('Headers', 'headers', draft.headers, (rows, rebuild) => hooks.update((d) => ({ ...d, headers: rows }), rebuild)));

  const keySelect = el('select');
  keySelect.id = 'key';
  keySelect.title = 'Automatic: the stored key for the provider or host of the URL, if there is one';
  keySelect.append(el('option', { text: 'Automatic', attrs: { value: AUTO_KEY } }));
  keySelect.append(el('option', { text: 'No key', attrs: { value: NO_KEY } }));
  for (const k of keys) keySelect.append(el('option', { text: `${k.label} (${k.masked})`, attrs: { value: k.id } }));
  if (draft.key !== AUTO_KEY && draft.key !== NO_KEY && !keys.some((k) => k.id === draft.key)) {
    keySelect.append(el('option', { text: `${draft.key} (not stored)`, attrs: { value: draft.key } }));
  }
  keySelect.value = draft.key;
  keySelect.addEventListener('change', () => hooks.update((d) => ({ ...d, key: keySelect.value }), false));
  form.append(el('div', { className: 'key-row' }, labelled('API key', keySelect), button('Set key…', hooks.setKey, { secondary: true, title: 'Store an API key in VS Code secret storage' })));

  if (methodTakesBody(draft.method) || draft.body.kind !== 'none') form.append(bodyEditor(draft, hooks));
  return form;
}

function rowsTable(title: string, name: string, rows: readonly Row[], set: (rows: Row[], rebuild: boolean) => void): HTMLElement {
  let current = [...rows];
  const details = el('details', { className: `rows ${name}` });
  details.open = current.length > 0;
  details.append(el('summary', { text: `${title}${current.length ? ` (${current.length})` : ''}` }));
  const table = el('table');
  current.forEach((row, i) => {
    const on = el('input', { attrs: { type: 'checkbox', 'aria-label': `Send ${title.toLowerCase()} row ${i + 1}` } });
    on.checked = row.enabled;
    on.addEventListener('change', () => set((current = updateRow(current, i, { enabled: on.checked })), false));
    const key = el('input', { attrs: { type: 'text', placeholder: 'name', 'aria-label': `${title} row ${i + 1} name`, spellcheck: 'false' } });
    key.value = row.name;
    key.addEventListener('input', () => set((current = updateRow(current, i, { name: key.value })), false));
    const value = el('input', { attrs: { type: 'text', placeholder: 'value', 'aria-label': `${title} row ${i + 1} value`, spellcheck: 'false' } });
    value.value = row.value;
    value.addEventListener('input', () => set((current = updateRow(current, i, { value: value.value })), false));
    const remove = button('×', () => set(removeRow(current, i), true), { secondary: true, ariaLabel: `Remove ${title.toLowerCase()} row ${i + 1}`, title: 'Remove row' });
    table.append(el('tr', {}, el('td', {}, on), el('td', {}, key), el('td', {}, value), el('td', {}, remove)));
  });
  details.append(table, button(`Add ${name === 'query' ? 'parameter' : 'header'}`, () => set(addRow(current), true), { secondary: true }));
  return details;
}

function bodyEditor(draft: RequestDraft, hooks: FormHooks): HTMLElement {
  const box = el('fieldset', { className: 'body' }, el('legend', { text: 'Body' }));
  const kinds: Array<[RequestDraft['body']['kind'], string]> = [['none', 'None'], ['json', 'JSON'], ['text', 'Text'], ['file', 'File']];
  const group = el('div', { className: 'body-kinds', attrs: { role: 'radiogroup', 'aria-label': 'Body type' } });
  const radioName = uid('body');
  for (const [kind, label] of kinds) {
    const radio = el('input', { attrs: { type: 'radio', name: radioName, value: kind } });
    radio.id = `body-${kind}`;
    radio.checked = draft.body.kind === kind;
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      if (kind === 'file') hooks.pickFile();
      else hooks.update((d) => {
        const text = d.body.kind === 'json' || d.body.kind === 'text' ? d.body.text : '';
        return { ...d, body: kind === 'none' ? { kind } : { kind, text } };
      }, true);
    });
    group.append(el('span', { className: 'radio' }, radio, el('label', { text: label, attrs: { for: radio.id } })));
  }
  box.append(group);

  const body = draft.body;
  if (body.kind === 'json' || body.kind === 'text') {
    const area = el('textarea', { attrs: { rows: '8', spellcheck: 'false', 'aria-label': body.kind === 'json' ? 'JSON body' : 'Text body' } });
    area.id = 'body-text';
    area.value = body.text;
    const problem = el('p', { className: 'field-problem', attrs: { 'aria-live': 'polite' } });
    const check = () => {
      const r = body.kind === 'json' ? checkJson(area.value) : { ok: true as const };
      problem.textContent = r.ok ? '' : r.message;
      area.setAttribute('aria-invalid', r.ok ? 'false' : 'true');
    };
    area.addEventListener('input', () => {
      check();
      hooks.update((d) => ({ ...d, body: { kind: body.kind, text: area.value } }), false);
    });
    check();
    box.append(area, problem);
  } else if (body.kind === 'file') {
    box.append(el('p', { className: 'file', text: `${body.file.name} · ${body.file.contentType} · ${body.file.size} bytes` }),
      button('Choose another file…', hooks.pickFile, { secondary: true }));
  }
  return box;
}
