/** Tiny DOM builders: elements with text set through textContent only (never innerHTML). */

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { text?: string; className?: string; attrs?: Record<string, string> } = {},
  ...children: Array<Node | string | null | undefined | false>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.text !== undefined) node.textContent = props.text;
  if (props.className) node.className = props.className;
  if (props.attrs) for (const [k, v] of Object.entries(props.attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

export function button(label: string, onClick: () => void, opts: { secondary?: boolean; title?: string; ariaLabel?: string } = {}): HTMLButtonElement {
  const b = el('button', { text: label, className: opts.secondary ? 'secondary' : '' });
  b.type = 'button';
  if (opts.title) b.title = opts.title;
  if (opts.ariaLabel) b.setAttribute('aria-label', opts.ariaLabel);
  b.addEventListener('click', onClick);
  return b;
}

let counter = 0;
/** A unique element id, for label/for pairs. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** A labelled control: `<label for>` + the control, in one row. */
export function labelled(text: string, control: HTMLElement, className = 'field'): HTMLElement {
  if (!control.id) control.id = uid('f');
  return el('div', { className }, el('label', { text, attrs: { for: control.id } }), control);
}
