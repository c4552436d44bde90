/** The panel's browser code: renders the request runner's introduction and talks to the host. */
import { isHostMessage, type ViewMessage } from '../protocol/messages';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function render(root: HTMLElement, findings: number | undefined): void {
  root.replaceChildren();
  root.append(el('h2', 'Request runner'));
  root.append(el('p', 'API Doctor checks your HTTP calls while you type. This panel is where you will send requests and read what the API answered:'));
  const list = el('ul');
  for (const item of [
    'Compose a request: method, URL, query, headers and body, with the provider detected from the URL.',
    'Keys come from VS Code secret storage and are only sent to the hosts they belong to.',
    'Errors such as 401, 403 and 429 are decoded into cause, fix and retry plan, with a redacted support ticket.',
  ]) list.append(el('li', item));
  root.append(list);
  const status = el('p', findings === undefined ? 'Waiting for the linter…' : `Open editors: ${findings} finding${findings === 1 ? '' : 's'}.`, 'status');
  status.setAttribute('role', 'status');
  root.append(status);
  const button = el('button', 'Show API Doctor output');
  button.type = 'button';
  button.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command: 'apiDoctor.showOutput' }));
  root.append(button);
}

const root = document.getElementById('root')!;
render(root, (vscode.getState() as { findings?: number } | undefined)?.findings);

window.addEventListener('message', (event: MessageEvent) => {
  if (!isHostMessage(event.data)) return;
  vscode.setState({ findings: event.data.findings });
  render(root, event.data.findings);
});

vscode.postMessage({ type: 'ready' });
