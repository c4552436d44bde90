/** What the panel's buttons do with a response on the host: save it, open it in an editor, copy a ticket. */
import * as vscode from 'vscode';
import type { BodyAction } from '../../protocol/messages';
import type { KeptResponse } from '../runner/requestRunner';

const EXTENSIONS: Record<string, string> = {
  'application/json': 'json', 'text/plain': 'txt', 'text/html': 'html', 'text/csv': 'csv', 'application/xml': 'xml',
  'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/wave': 'wav', 'audio/mpeg': 'mp3', 'audio/ogg': 'ogg', 'audio/flac': 'flac',
  'audio/webm': 'webm', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp',
  'application/zip': 'zip', 'application/pdf': 'pdf',
};

export function extensionFor(contentType: string | null): string {
  const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return EXTENSIONS[mime] ?? (mime.endsWith('+json') ? 'json' : 'bin');
}

function fileNameFor(r: KeptResponse): string {
  let stem = 'response';
  try {
    const last = new URL(r.url).pathname.split('/').filter(Boolean).pop();
    if (last && /^[\w.-]{1,60}$/.test(last)) stem = last.replace(/\.[^.]*$/, '');
  } catch {
    // keep the default name
  }
  return `${stem}.${extensionFor(r.contentType)}`;
}

/** Runs one body action; returns the words for the panel's status line. */
export async function runBodyAction(r: KeptResponse, action: BodyAction): Promise<{ ok: boolean; message: string }> {
  switch (action) {
    case 'copyTicket':
      if (!r.ticket) return { ok: false, message: 'There is no support ticket for this response.' };
      await vscode.env.clipboard.writeText(r.ticket);
      return { ok: true, message: 'Support ticket copied (keys masked).' };
    case 'open': {
      if (r.text === null) return { ok: false, message: 'Only text bodies open in an editor; save this one instead.' };
      const json = extensionFor(r.contentType) === 'json' || /^\s*[{[]/.test(r.text);
      let content = r.text;
      if (json) {
        try {
          content = JSON.stringify(JSON.parse(r.text), null, 2);
        } catch {
          // Keep the text as it came (for example a body cut at the size limit).
        }
      }
      const doc = await vscode.workspace.openTextDocument({ content, language: json ? 'json' : 'plaintext' });
      await vscode.window.showTextDocument(doc, { preview: false });
      return { ok: true, message: 'Opened the body in an editor.' };
    }
    case 'save': {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = fileNameFor(r);
      const target = await vscode.window.showSaveDialog({
        title: 'Save response body',
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        saveLabel: 'Save body',
      });
      if (!target) return { ok: false, message: 'Not saved.' };
      // Text bodies are saved as shown (a key the server echoed stays masked); binaries as received.
      await vscode.workspace.fs.writeFile(target, r.text !== null ? new TextEncoder().encode(r.text) : r.body);
      return { ok: true, message: `Saved to ${vscode.workspace.asRelativePath(target)}.` };
    }
  }
}
