import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { decodeHtml } from './decode.ts';

export async function readInput(path: string): Promise<Uint8Array> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return maybeGunzip(Buffer.concat(chunks));
  }
  return maybeGunzip(await readFile(path));
}

function maybeGunzip(bytes: Buffer): Uint8Array {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}

// jsdom reports CSS it cannot parse on its console; pages are full of it.
const quiet = new VirtualConsole();

/** Parses a page into a DOM the engine can read: no scripts, no subresources. */
export function parseHtml(bytes: Uint8Array, url: string): Document {
  const { text } = decodeHtml(bytes);
  return new JSDOM(text, { url, virtualConsole: quiet }).window.document;
}
