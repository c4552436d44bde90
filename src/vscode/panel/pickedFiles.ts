/** Files the user picked as request bodies: the view knows an id, the host keeps the path. */
import { randomBytes } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { FileRef } from '../../protocol/request';

const TYPES: Record<string, string> = {
  '.wav': 'audio/wav', '.mp3': 'audio/mpeg', '.ogg': 'audio/ogg', '.opus': 'audio/opus', '.flac': 'audio/flac',
  '.m4a': 'audio/mp4', '.webm': 'audio/webm', '.aac': 'audio/aac', '.json': 'application/json', '.txt': 'text/plain',
  '.csv': 'text/csv', '.xml': 'application/xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.webp': 'image/webp', '.pdf': 'application/pdf', '.zip': 'application/zip',
};

export function contentTypeFor(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export class PickedFiles {
  private readonly paths = new Map<string, string>();

  add(path: string, size: number): FileRef {
    const fileId = `file-${randomBytes(6).toString('hex')}`;
    this.paths.set(fileId, path);
    return { fileId, name: basename(path), size, contentType: contentTypeFor(path) };
  }

  path(fileId: string): string | undefined {
    return this.paths.get(fileId);
  }
}
