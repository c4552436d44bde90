/**
 * Reads a response body up to a byte cap, undoing gzip/deflate/br on the way, so that a small
 * compressed body that inflates to gigabytes (a "gzip bomb") stops at the cap like any other.
 */
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

export interface CappedBody {
  bytes: Uint8Array;
  truncated: boolean;
  /** Content encodings that were not undone (unknown to the runner). */
  keptEncodings: string[];
}

function decoderFor(encoding: string): Transform | null {
  switch (encoding) {
    case 'gzip': case 'x-gzip': return createGunzip();
    case 'deflate': return createInflate();
    case 'br': return createBrotliDecompress();
    default: return null;
  }
}

export async function readCapped(body: Readable, contentEncoding: string | undefined, maxBytes: number): Promise<CappedBody> {
  // Encodings are listed in the order they were applied, so they are undone from the last one.
  const encodings = (contentEncoding ?? '').split(',').map((e) => e.trim().toLowerCase()).filter((e) => e && e !== 'identity').reverse();
  const decoders: Transform[] = [];
  const keptEncodings: string[] = [];
  for (const e of encodings) {
    const d = keptEncodings.length ? null : decoderFor(e);
    if (d) decoders.push(d);
    else keptEncodings.push(e);
  }
  let source: Readable = body;
  let pipeError: Error | null = null;
  if (decoders.length) {
    source = pipeline([body, ...decoders] as unknown as [Readable, Transform], (err) => {
      if (err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') pipeError = err;
    }) as unknown as Readable;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const room = maxBytes - size;
      if (chunk.length > room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        size += Math.max(room, 0);
        truncated = true;
        break;
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  } finally {
    // Leaving early (cap reached, abort) must release the socket and the decoders.
    if (!body.destroyed) body.destroy();
    for (const d of decoders) if (!d.destroyed) d.destroy();
  }
  if (pipeError && !truncated) throw pipeError;
  return { bytes: Buffer.concat(chunks, size), truncated, keptEncodings: keptEncodings.reverse() };
}
