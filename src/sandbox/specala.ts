/** The sandbox's Specala routes under /specala/api/v1/developer/. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJson, readBody, reply, replyDetail, replyJson } from './reply';
import { TRANSCRIPTIONS, PROJECTS, exportText, findTranscription } from './transcripts';
import { storedZip } from './zip';

export const SPECALA_PREFIX = '/specala/api/v1/developer';

const FORMATS = ['md', 'txt'];

function contentTypeFor(format: string): string {
  return format === 'md' ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8';
}

export async function routeSpecala(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const parts = path.split('/').filter(Boolean);
  if (method === 'GET' && path === '/projects') return replyJson(res, 200, { projects: PROJECTS });
  if (parts[0] !== 'transcriptions') return replyDetail(res, 404, 'Not Found');

  if (parts.length === 1 && method === 'GET') {
    const limit = Number(url.searchParams.get('limit') ?? '20');
    const offset = Number(url.searchParams.get('offset') ?? '0');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return replyDetail(res, 422, 'limit must be an integer from 1 to 100');
    if (!Number.isInteger(offset) || offset < 0) return replyDetail(res, 422, 'offset must be a whole number');
    const project = url.searchParams.get('project_id');
    const all = project ? TRANSCRIPTIONS.filter((t) => t.project_id === project) : TRANSCRIPTIONS;
    const items = all.slice(offset, offset + limit).map(({ text: _text, ...meta }) => meta);
    return replyJson(res, 200, { items, total: all.length, limit, offset });
  }

  if (parts.length === 2 && parts[1] === 'export' && method === 'POST') {
    const raw = await readBody(req, 1024 * 1024);
    if (raw === null) return replyDetail(res, 413, 'Request body too large');
    const body = parseJson(raw) as { ids?: unknown; format?: unknown } | undefined;
    if (!body || typeof body !== 'object') return replyDetail(res, 422, 'Body must be a JSON object with "ids" and "format"');
    if (!Array.isArray(body.ids) || body.ids.length === 0) return replyDetail(res, 422, 'ids must be a non-empty list');
    if (body.ids.length > 100) return replyDetail(res, 422, `ids may hold at most 100 entries, got ${body.ids.length}`);
    if (typeof body.format !== 'string' || !FORMATS.includes(body.format)) return replyDetail(res, 422, 'format must be "md" or "txt"');
    const format = body.format as 'md' | 'txt';
    const found = [];
    for (const id of body.ids) {
      const t = typeof id === 'string' ? findTranscription(id) : undefined;
      if (!t) return replyDetail(res, 404, `Transcription not found: ${String(id).slice(0, 60)}`);
      found.push(t);
    }
    const zip = storedZip(found.map((t) => ({ name: `${t.id}.${format}`, data: Buffer.from(exportText(t, format), 'utf8') })));
    return reply(res, 200, zip, { 'content-type': 'application/zip', 'content-disposition': 'attachment; filename="transcriptions.zip"' });
  }

  if (method !== 'GET') return replyDetail(res, 405, 'Method Not Allowed');
  const t = findTranscription(parts[1] ?? '');
  if (parts.length === 2) return t ? replyJson(res, 200, t) : replyDetail(res, 404, 'Transcription not found');
  if (parts.length === 3 && parts[2] === 'export') {
    if (!t) return replyDetail(res, 404, 'Transcription not found');
    const format = url.searchParams.get('format') ?? '';
    if (!FORMATS.includes(format)) return replyDetail(res, 422, 'format must be "md" or "txt"');
    return reply(res, 200, exportText(t, format as 'md' | 'txt'), {
      'content-type': contentTypeFor(format), 'content-disposition': `attachment; filename="${t.id}.${format}"`,
    });
  }
  return replyDetail(res, 404, 'Not Found');
}
