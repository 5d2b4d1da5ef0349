// Writing one device's files, split into parts (parts.ts), for the list and for the highlights alike: only the
// parts whose content changed (or that the server lacks) are written, then the parts of an earlier split are
// deleted. A 413 makes the parts smaller and the write start again; the size the server took is remembered.
import { MIN_PART_BYTES, type Part } from './parts.ts';
import { WebDavError } from './problems.ts';
import type { WebDavClient } from './client.ts';

/** What the memo keeps of one kind of own files. */
export interface WrittenParts {
  /** Own files as last written: name → hash of their content and size in bytes. */
  written: Record<string, { hash: string; bytes: number }>;
  /** How many parts there were. */
  parts: number;
}

export interface PartWriterOptions<R> {
  client: WebDavClient;
  records: R[];
  /** The server's listing of this device's files of this kind: name → size (null when unknown). */
  onServer: Map<string, number | null>;
  /** What the last successful sync wrote, if anything. */
  before: WrittenParts | null;
  /** Largest file to try. */
  partBytes: number;
  split: (records: R[], partBytes: number, previousCount: number) => Promise<Part<R>[]>;
  encode: (part: Part<R>) => Promise<string>;
  checkDeadline: () => void;
}

export interface PartWriterResult extends WrittenParts {
  bytes: number;
  /** Set when the server refused a larger file (413): the size to use from now on. */
  partBytes?: number;
}

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

export async function writeParts<R>(options: PartWriterOptions<R>): Promise<PartWriterResult> {
  const { client, onServer, before } = options;
  let partBytes = options.partBytes;
  let refusedAt: number | undefined;
  let wrote = 0;
  let written: WrittenParts['written'];
  let count: number;
  for (;;) {
    const parts = await options.split(options.records, partBytes, before?.parts ?? 1);
    written = {};
    try {
      for (const part of parts) {
        const previous = before?.written[part.name];
        const size = onServer.get(part.name);
        if (previous?.hash === part.hash && size !== undefined && (size === null || size === previous.bytes)) {
          written[part.name] = previous;
          continue;
        }
        options.checkDeadline();
        const body = await options.encode(part);
        await client.put(part.name, body);
        const bytes = utf8Bytes(body);
        wrote += bytes;
        onServer.set(part.name, bytes);
        written[part.name] = { hash: part.hash, bytes };
      }
      count = parts.length;
      break;
    } catch (error) {
      const refused = error instanceof WebDavError && error.code === 'too-large' ? error.problem : null;
      if (!refused || partBytes <= MIN_PART_BYTES) throw error;
      partBytes = Math.max(MIN_PART_BYTES, Math.floor(Math.min(partBytes, refused.bytes ?? partBytes) / 2));
      refusedAt = partBytes;
    }
  }
  for (const name of onServer.keys()) {
    if (written[name]) continue;
    options.checkDeadline();
    await client.remove(name);
  }
  return { written, parts: count, bytes: wrote, ...(refusedAt !== undefined ? { partBytes: refusedAt } : {}) };
}
