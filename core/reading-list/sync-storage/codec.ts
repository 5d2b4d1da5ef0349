// How a shard is stored in storage.sync (which key holds which items: shard.ts). Format versions (the first
// character of the stored value, or `v` of an object):
// - 1: one JSON object per item, times in milliseconds (the first layout; about 320 items fit). Still read;
//   shards found in it are rewritten in the current format (format-v1.ts).
// - 2: `2z` + base93(deflate-raw(text)), or `2t` + text where CompressionStream is missing. The text is one
//   line per item, fields separated by tabs (shard-text.ts). Times are base-36 seconds from 2025-01-01;
//   device tags are listed once per shard and referred to by index.
// A value in a format newer than this code knows is never overwritten (that shard is left to newer devices); a
// damaged one is overwritten only once the list has kept a copy of it on the device (see docs/sync.md).
import { base93Decode, base93Encode } from './base93.ts';
import { compressionAvailable, deflateRaw, inflateRaw } from './deflate.ts';
import { decodeV1 } from './format-v1.ts';
import { FORMAT_VERSION, type DecodedShard, type ShardContent } from './shard.ts';
import { decodeShardText, encodeText } from './shard-text.ts';
import { entryBytes } from './sizes.ts';
import { errorMessage } from '../../util/index.ts';

const encodeCache = new Map<string, string>();
const ENCODE_CACHE_SIZE = 512;

/** The stored value of a shard, in the current format (deflated unless `compress` is false or unavailable). */
export function encodeShard(content: ShardContent, compress = compressionAvailable()): Promise<string> {
  return packText(encodeText(content), compress);
}

/** The stored value of a shard's text: `2z` + base93(deflate-raw(text)), or `2t` + text if not smaller. */
export async function packText(text: string, compress = compressionAvailable()): Promise<string> {
  const plain = '2t' + text;
  if (!compress || text.length < 64) return plain;
  const cached = encodeCache.get(text);
  if (cached !== undefined) return cached;
  const packed = '2z' + base93Encode(await deflateRaw(new TextEncoder().encode(text)));
  const value = entryBytes('', packed) <= entryBytes('', plain) ? packed : plain;
  if (encodeCache.size >= ENCODE_CACHE_SIZE) encodeCache.delete(encodeCache.keys().next().value!);
  encodeCache.set(text, value);
  return value;
}

/** Any stored value: the current format, an older one (migrated), or why it cannot be read. */
export async function decodeShard(value: unknown): Promise<DecodedShard> {
  try {
    if (typeof value === 'string') {
      const version = /^\d/.test(value) ? Number(value[0]) : null;
      if (version !== null && version > FORMAT_VERSION) {
        return { ok: false, reason: 'newer', version, message: `shard written in format ${version}` };
      }
      if (value.startsWith('2t')) return { ok: true, version: 2, ...decodeShardText(value.slice(2)) };
      if (value.startsWith('2z')) {
        if (!compressionAvailable()) throw new Error('this browser cannot inflate');
        const bytes = await inflateRaw(base93Decode(value.slice(2)));
        return { ok: true, version: 2, ...decodeShardText(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
      }
      throw new Error('unknown shard format');
    }
    if (typeof value === 'object' && value !== null && typeof (value as { v?: unknown }).v === 'number') {
      const version = (value as { v: number }).v;
      if (version > FORMAT_VERSION) {
        return { ok: false, reason: 'newer', version, message: `shard written in format ${version}` };
      }
      if (version === 1) return { ok: true, version: 1, ...decodeV1(value as Record<string, unknown>) };
    }
    throw new Error('unknown shard format');
  } catch (error) {
    return {
      ok: false,
      reason: 'corrupt',
      version: null,
      // A broken deflate stream throws without a message.
      message: errorMessage(error) || 'damaged data',
    };
  }
}
