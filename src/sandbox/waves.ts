/** The sandbox's Waves routes: Lightning text-to-speech and Pulse speech-to-text under /waves/api/v1/. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJson, readBody, reply, replyDetail, replyJson, replyNoSuchKey } from './reply';
import { sineWav } from './wav';

export const WAVES_PREFIX = '/waves/api/v1';

/** Text that makes the speech route fail with 500, for trying the server-error path from a panel. */
export const FAIL_TEXT = '__fail_500__';

const VOICES = [
  { voice_id: 'emily', name: 'Emily', language: 'en' },
  { voice_id: 'arjun', name: 'Arjun', language: 'hi' },
];

/** In-memory "uploaded objects" for Pulse: what a presigned PUT stored. */
export class UploadStore {
  private readonly objects = new Map<string, Buffer>([['sample.wav', sineWav(800)]]);

  get(key: string): Buffer | undefined {
    return this.objects.get(key);
  }

  put(key: string, data: Buffer): void {
    // A handful of objects is all a demo needs; the oldest goes first.
    if (this.objects.size >= 20 && !this.objects.has(key)) this.objects.delete(this.objects.keys().next().value as string);
    this.objects.set(key, data);
  }
}

/** The object key a Pulse `{"url": ...}` body points at: the path after /uploads/, or its last segment. */
export function objectKeyOf(ref: string): string {
  const i = ref.indexOf('/uploads/');
  const tail = i >= 0 ? ref.slice(i + '/uploads/'.length) : ref.slice(ref.lastIndexOf('/') + 1);
  return decodeURIComponent(tail.split('?')[0]);
}

/** Routes that need no key: the upload target stands in for a presigned storage URL. */
export async function routeUploads(req: IncomingMessage, res: ServerResponse, key: string, store: UploadStore): Promise<void> {
  if (req.method === 'PUT') {
    const data = await readBody(req);
    if (data === null) return replyDetail(res, 413, 'Upload too large');
    store.put(key, data);
    return reply(res, 200, '', { etag: `"${data.length}"` });
  }
  const obj = store.get(key);
  if (!obj) return replyNoSuchKey(res, key);
  return reply(res, 200, obj, { 'content-type': 'audio/wav' });
}

export async function routeWaves(req: IncomingMessage, res: ServerResponse, path: string, store: UploadStore): Promise<void> {
  const method = req.method ?? 'GET';
  if (/^\/lightning[\w.-]*\/get_voices$/.test(path) && method === 'GET') return replyJson(res, 200, { voices: VOICES });
  if (/^\/lightning[\w.-]*\/get_speech$/.test(path) && method === 'POST') {
    const raw = await readBody(req, 256 * 1024);
    if (raw === null) return replyDetail(res, 413, 'Request body too large');
    const body = parseJson(raw) as { text?: unknown; sample_rate?: unknown } | undefined;
    if (!body || typeof body.text !== 'string' || !body.text.trim()) return replyDetail(res, 400, 'The JSON body needs a non-empty "text".');
    if (body.text.includes(FAIL_TEXT)) return replyDetail(res, 500, 'Internal server error');
    const rate = typeof body.sample_rate === 'number' && body.sample_rate >= 8000 && body.sample_rate <= 48_000 ? Math.round(body.sample_rate) : 24_000;
    const ms = Math.min(3000, Math.max(300, body.text.length * 60));
    return reply(res, 200, sineWav(ms, rate), { 'content-type': 'audio/wav' });
  }
  if (path === '/pulse/get_text' && method === 'POST') {
    const raw = await readBody(req);
    if (raw === null) return replyDetail(res, 413, 'Audio too large for the sandbox (10 MB at most).');
    const type = String(req.headers['content-type'] ?? '');
    let audio: Buffer | undefined = raw;
    if (/json/i.test(type)) {
      const body = parseJson(raw) as { url?: unknown } | undefined;
      if (!body || typeof body.url !== 'string') return replyDetail(res, 400, 'The JSON body needs a "url" pointing at uploaded audio.');
      const key = objectKeyOf(body.url);
      audio = store.get(key);
      if (!audio) return replyNoSuchKey(res, key);
    }
    if (!audio.length) return replyDetail(res, 400, 'No audio in the request body.');
    const seconds = Math.round((audio.length / 32_000) * 100) / 100;
    return replyJson(res, 200, { status: 'success', transcription: 'Hello from the API Doctor sandbox.', audio_length_seconds: seconds });
  }
  return replyDetail(res, 404, 'Not Found');
}
