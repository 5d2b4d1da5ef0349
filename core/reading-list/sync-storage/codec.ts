// How the reading list is laid out in storage.sync: SHARD_COUNT keys `rl:0` … `rl:v`, each item in the shard
// its id hashes to, each shard a compact text, deflated and written as base93. No key is shared by all items,
// so two devices that change different items mostly write different keys, and a key two devices write is
// merged, never overwritten blindly (see engine.ts).
//
// Format versions (the first character of the stored value, or `v` of an object):
// - 1: one JSON object per item, times in milliseconds (the first layout; about 320 items fit). Still read;
//   shards found in it are rewritten in the current format.
// - 2: `2z` + base93(deflate-raw(text)), or `2t` + text where CompressionStream is missing. The text is one
//   line per item, fields separated by tabs (see encodeText). Times are base-36 seconds from 2025-01-01;
//   device tags are listed once per shard and referred to by index.
// A value in a format newer than this code knows is never overwritten (that shard is left to newer devices); a
// damaged one is overwritten only once the engine has kept a copy of it on the device (see engine.ts).
import { base93Decode, base93Encode } from './base93.ts';
import { fnv1a32 } from '../hash.ts';
import { emptyCollected, type Collected, type ItemMeta, type ItemRecord, type Register } from '../crdt.ts';
import { itemId } from '../url.ts';
import type { ItemState } from '../types.ts';
import { errorMessage } from '../../util/index.ts';

export const FORMAT_VERSION = 2;
export const SHARD_COUNT = 16;
export const KEY_PREFIX = 'rl:';
/** Seconds since 1970 of 2025-01-01T00:00:00Z, the origin of encoded times. */
export const TIME_ORIGIN = 1_735_689_600;

export interface ShardContent {
  /** The tombstones collected from this shard (see Collected). */
  collected: Collected;
  records: ItemRecord[];
  /** Device tag of the device that wrote this value (unknown in version 1). */
  writer?: string;
}

export type DecodedShard =
  | ({ ok: true; version: number } & ShardContent)
  | { ok: false; reason: 'newer' | 'corrupt'; version: number | null; message: string };

export function shardOf(id: string): number {
  return fnv1a32(id) % SHARD_COUNT;
}

export function shardKey(shard: number): string {
  return KEY_PREFIX + shard.toString(36);
}

/** The shard number of one of our keys, else null. */
export function parseShardKey(key: string): number | null {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const rest = key.slice(KEY_PREFIX.length);
  const n = parseInt(rest, 36);
  return /^[0-9a-z]+$/.test(rest) && n < SHARD_COUNT && shardKey(n) === key ? n : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Sizes, as Chrome counts them: the key's length plus the JSON of the value, in UTF-8 bytes.

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function entryBytes(key: string, value: unknown): number {
  return utf8Length(key) + utf8Length(JSON.stringify(value) ?? '');
}

// ---------------------------------------------------------------------------------------------------------------
// Deflate, through the platform's CompressionStream (browsers, workers and Node 22 alike).

export function compressionAvailable(): boolean {
  return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  const written = writer.write(bytes as Uint8Array<ArrayBuffer>).then(() => writer.close());
  written.catch(() => undefined); // a failure is reported by the reader
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  await written;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new CompressionStream('deflate-raw'));
}

export function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new DecompressionStream('deflate-raw'));
}

// ---------------------------------------------------------------------------------------------------------------
// Version 2 text.
//
// Line 1: `floor<TAB>dev0,dev1,…<TAB>W`: the collected floor in base-36 seconds from the origin (empty if none),
//   the shard's device tags, and the index of the device that wrote it.
// Line 2, if there are ghosts: `~key.time,key.time…` (see Collected).
// An item with metadata:  `U<TAB>title<TAB>site<TAB>lang<TAB>T.D[.A][<TAB>register]…`, where U is the URL with its
//   scheme and "www." folded into one letter (w = https://www., s = https://, W = http://www., h = http://,
//   * = as is), T the metadata's time, D its device index and A, when it was first saved elsewhere (an import),
//   how many seconds before T (readers of the format before A ignore it). Its id is itemId(URL): not stored. In the
//   title, words that the URL's path repeats in order (the slug) are one character each (see packTitle).
// Any other record (a tombstone): `#id[<TAB>register]…`, register times absolute.
// A register: one letter (s state, f favourite, g tags, p progress in thousandths, x deleted), its time (relative
// to T on an item line), `.D` when its device differs from the line's, `:` and the value (u/a, 0/1, tags
// separated by U+001E, base-36 thousandths). Registers never written are left out. Lines are sorted, so equal
// content (and device table) gives equal text.

const US = '\u001e';
const URL_PREFIXES: [string, string][] = [
  ['w', 'https://www.'],
  ['s', 'https://'],
  ['W', 'http://www.'],
  ['h', 'http://'],
];

function packUrl(url: string): string {
  for (const [letter, prefix] of URL_PREFIXES) if (url.startsWith(prefix)) return letter + url.slice(prefix.length);
  return '*' + url;
}

function unpackUrl(packed: string): string {
  const letter = packed[0];
  const prefix = URL_PREFIXES.find(([l]) => l === letter)?.[1];
  if (prefix !== undefined) return prefix + packed.slice(1);
  if (letter === '*') return packed.slice(1);
  throw new Error('bad URL field');
}

function b36(n: number): string {
  return n < 0 ? '-' + (-n).toString(36) : n.toString(36);
}

function parseB36(text: string): number {
  if (!/^-?[0-9a-z]+$/.test(text)) throw new Error(`bad number ${JSON.stringify(text)}`);
  return text.startsWith('-') ? -parseInt(text.slice(1), 36) : parseInt(text, 36);
}

type RegCode = 's' | 'f' | 'g' | 'p' | 'x';
const REGISTERS: [RegCode, 'state' | 'favourite' | 'tags' | 'progress' | 'deleted'][] = [
  ['s', 'state'],
  ['f', 'favourite'],
  ['g', 'tags'],
  ['p', 'progress'],
  ['x', 'deleted'],
];

/** The lower-case words of a URL's path: headlines often reappear there as a slug. */
function pathWords(url: string): string[] {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return [];
  const end = url.search(/[?#]/);
  return url
    .slice(start, end < 0 ? undefined : end)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** U+0010 to U+001B stand for "the next path word" (skipping 0 to 3 words; as is, Capitalized, UPPER). */
const MARK = 0x10;

function caseOf(word: string, slug: string): number {
  if (word === slug) return 0;
  if (word === slug.charAt(0).toUpperCase() + slug.slice(1)) return 1;
  return word === slug.toUpperCase() ? 2 : -1;
}

const CASES = [(s: string) => s, (s: string) => s.charAt(0).toUpperCase() + s.slice(1), (s: string) => s.toUpperCase()];

/** The title with the words that its URL's slug repeats, in order, replaced by one-character marks. */
export function packTitle(title: string, url: string): string {
  const words = pathWords(url);
  let next = 0;
  let out = '';
  for (const [run] of title.matchAll(/[A-Za-z0-9]+|[^A-Za-z0-9]+/g)) {
    if (run.length >= 3 && /^[A-Za-z0-9]/.test(run)) {
      let mark = -1;
      for (let skip = 0; skip < 4 && next + skip < words.length && mark < 0; skip++) {
        const c = caseOf(run, words[next + skip]!);
        if (c >= 0) {
          mark = MARK + skip * 3 + c;
          next += skip + 1;
        }
      }
      if (mark >= 0) {
        out += String.fromCharCode(mark);
        continue;
      }
    }
    out += run;
  }
  return out;
}

export function unpackTitle(packed: string, url: string): string {
  if (![...packed].some((c) => c.charCodeAt(0) - MARK >= 0 && c.charCodeAt(0) - MARK < 12)) return packed;
  const words = pathWords(url);
  let next = 0;
  let out = '';
  for (const char of packed) {
    const code = char.charCodeAt(0) - MARK;
    if (code < 0 || code >= 12) {
      out += char;
      continue;
    }
    const word = words[next + Math.floor(code / 3)];
    if (word === undefined) throw new Error('bad title mark');
    out += CASES[code % 3]!(word);
    next += Math.floor(code / 3) + 1;
  }
  return out;
}

/** Tab, newline and U+001E are separators: text fields never contain control characters (see cleanText). */
function field(text: string): string {
  return text.replaceAll('\t', ' ').replaceAll('\n', ' ').replaceAll('\r', ' ').replaceAll(US, ' ');
}

function encodeValue(code: RegCode, value: unknown): string {
  switch (code) {
    case 's':
      return value === 'archived' ? 'a' : 'u';
    case 'f':
    case 'x':
      return value ? '1' : '0';
    case 'g':
      return (value as string[]).map(field).join(US);
    case 'p':
      return Math.round((value as number) * 1000).toString(36);
  }
}

function decodeValue(code: RegCode, text: string): unknown {
  switch (code) {
    case 's':
      if (text !== 'a' && text !== 'u') throw new Error('bad state');
      return (text === 'a' ? 'archived' : 'unread') satisfies ItemState;
    case 'f':
    case 'x':
      return text === '1';
    case 'g':
      return text === '' ? [] : text.split(US);
    case 'p':
      return Math.min(1000, Math.max(0, parseB36(text))) / 1000;
  }
}

/** The device tags a shard's text lists: every register's and the writer's, sorted. */
export function shardDevices(records: readonly ItemRecord[], writer?: string): string[] {
  const tags = new Set<string>();
  if (writer !== undefined) tags.add(writer);
  for (const r of records) {
    for (const [, name] of REGISTERS) if (r[name]) tags.add(r[name].d);
    if (r.meta) tags.add(r.meta.d);
  }
  return [...tags].sort();
}

/** One record's line of text; `devices` is the shard's table (it must hold the record's device tags). */
export function encodeLine(record: ItemRecord, devices: ReadonlyMap<string, number>): string {
  const index = (d: string) => {
    const i = devices.get(d);
    if (i === undefined) throw new Error(`device ${d} not in the table`);
    return i;
  };
  const meta = record.meta;
  let line: string;
  let baseT = TIME_ORIGIN;
  let baseD = -1;
  if (meta) {
    const m = meta.value;
    baseT = meta.t;
    baseD = index(meta.d);
    line = [
      field(packUrl(m.url)),
      field(packTitle(m.title, m.url)),
      field(m.site ?? ''),
      field(m.lang),
      `${b36(meta.t - TIME_ORIGIN)}.${baseD.toString(36)}${m.added !== undefined && m.added < meta.t ? '.' + b36(meta.t - m.added) : ''}`,
    ].join('\t');
  } else {
    line = '#' + record.id;
  }
  for (const [code, name] of REGISTERS) {
    const reg = record[name] as Register<unknown> | undefined;
    if (!reg) continue;
    const d = index(reg.d);
    line += `\t${code}${b36(reg.t - baseT)}${d === baseD ? '' : '.' + d.toString(36)}:${encodeValue(code, reg.value)}`;
  }
  return line;
}

/** The whole text from its parts (`lines` sorted: equal content gives equal text). */
export function assembleText(
  collected: Collected,
  devices: readonly string[],
  writer: string | undefined,
  lines: readonly string[],
): string {
  const { floor, ghosts } = collected;
  const gc = floor > 0 ? b36(floor - TIME_ORIGIN) : '';
  const w = writer === undefined ? '' : devices.indexOf(writer).toString(36);
  const ghostLine = Object.entries(ghosts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, t]) => `${k}.${b36(t - TIME_ORIGIN)}`)
    .join(',');
  const header = `${gc}\t${devices.join(',')}\t${w}`;
  return [header, ...(ghostLine ? ['~' + ghostLine] : []), ...lines].join('\n');
}

export function encodeText(content: ShardContent): string {
  const devices = shardDevices(content.records, content.writer);
  const index = new Map(devices.map((d, i) => [d, i] as const));
  const lines = content.records.map((r) => encodeLine(r, index)).sort();
  return assembleText(content.collected, devices, content.writer, lines);
}

export function decodeText(text: string): ShardContent {
  const [header = '', ...lines] = text.split('\n');
  const headerFields = header.split('\t');
  // Every version-2 header has these three fields (a later writer may add more): anything else is not a shard.
  if (headerFields.length < 3) throw new Error('bad header');
  const [gcText = '', deviceText = '', writerText = ''] = headerFields;
  const collected = emptyCollected();
  collected.floor = gcText === '' ? 0 : parseB36(gcText) + TIME_ORIGIN;
  if (lines[0]?.startsWith('~')) {
    for (const ghost of lines.shift()!.slice(1).split(',')) {
      const [k = '', t = ''] = ghost.split('.');
      if (!/^[0-9a-z]+$/.test(k)) throw new Error('bad ghost');
      collected.ghosts[k] = parseB36(t) + TIME_ORIGIN;
    }
  }
  const devices = deviceText === '' ? [] : deviceText.split(',');
  const device = (index: string) => {
    const d = devices[parseB36(index)];
    if (d === undefined) throw new Error('bad device index');
    return d;
  };
  const writer = writerText === '' ? undefined : device(writerText);
  const records: ItemRecord[] = [];
  for (const line of lines) {
    const fields = line.split('\t');
    let record: ItemRecord;
    let baseT = TIME_ORIGIN;
    let baseD: string | null = null;
    let rest: string[];
    if (line.startsWith('#')) {
      record = { id: (fields[0] ?? '').slice(1) };
      if (!/^[0-9a-z]{1,16}$/.test(record.id)) throw new Error('bad id');
      rest = fields.slice(1);
    } else {
      const [packed = '', title = '', site = '', lang = '', when = ''] = fields;
      const [t = '', d = '', age] = when.split('.');
      baseT = parseB36(t) + TIME_ORIGIN;
      baseD = device(d);
      const url = unpackUrl(packed);
      const meta: ItemMeta = {
        url,
        title: unpackTitle(title, url),
        site: site === '' ? null : site,
        lang,
        excerpt: '',
      };
      if (age !== undefined) {
        const added = baseT - parseB36(age);
        if (added >= baseT || added < 0) throw new Error('bad date added');
        meta.added = added;
      }
      record = { id: itemId(url), meta: { value: meta, t: baseT, d: baseD } };
      rest = fields.slice(5);
    }
    for (const reg of rest) {
      const code = reg[0] as RegCode;
      const name = REGISTERS.find(([c]) => c === code)?.[1];
      const colon = reg.indexOf(':');
      if (!name || colon < 0) throw new Error('bad register');
      const [t = '', d] = reg.slice(1, colon).split('.');
      const dev = d === undefined ? baseD : device(d);
      if (dev === null) throw new Error('register without device');
      (record as unknown as Record<string, Register<unknown>>)[name] = {
        value: decodeValue(code, reg.slice(colon + 1)),
        t: parseB36(t) + baseT,
        d: dev,
      };
    }
    records.push(record);
  }
  return writer === undefined ? { collected, records } : { collected, records, writer };
}

// ---------------------------------------------------------------------------------------------------------------
// Version 1: { v: 1, gc: ms, ghosts?: { key: ms }, items: [{ id, url, title, site, lang, addedAt: ms, by,
// state: [value, ms, device], … }] }

interface V1Item {
  id: string;
  url?: string;
  title?: string;
  site?: string | null;
  lang?: string;
  addedAt?: number;
  by?: string;
  state?: [ItemState, number, string];
  favourite?: [boolean, number, string];
  tags?: [string[], number, string];
  progress?: [number, number, string];
  deleted?: [boolean, number, string];
}

/** The version-1 layout (kept to read old shards, to measure against, and to test migrations). */
export function encodeV1(content: ShardContent): {
  v: 1;
  gc: number;
  ghosts: Record<string, number>;
  items: V1Item[];
} {
  const items = content.records.map((r) => {
    const item: V1Item = { id: r.id };
    if (r.meta) {
      const m = r.meta.value;
      Object.assign(item, { url: m.url, title: m.title, site: m.site, lang: m.lang, addedAt: r.meta.t * 1000 });
      item.by = r.meta.d;
    }
    for (const [, name] of REGISTERS) {
      const reg = r[name];
      if (reg) (item as unknown as Record<string, unknown>)[name] = [reg.value, reg.t * 1000, reg.d];
    }
    return item;
  });
  const ghosts = Object.fromEntries(Object.entries(content.collected.ghosts).map(([k, t]) => [k, t * 1000]));
  return { v: 1, gc: content.collected.floor * 1000, ghosts, items };
}

function decodeV1(value: Record<string, unknown>): ShardContent {
  const collected = emptyCollected();
  collected.floor = Math.floor(Number(value.gc ?? 0) / 1000);
  if (!Number.isFinite(collected.floor) || !Array.isArray(value.items)) throw new Error('bad v1 shard');
  if (typeof value.ghosts === 'object' && value.ghosts !== null) {
    for (const [k, t] of Object.entries(value.ghosts)) {
      if (typeof t === 'number') collected.ghosts[k] = Math.floor(t / 1000);
    }
  }
  const records = (value.items as V1Item[]).map((item): ItemRecord => {
    if (typeof item?.id !== 'string') throw new Error('bad v1 item');
    const record: ItemRecord = { id: item.id };
    if (typeof item.url === 'string' && typeof item.addedAt === 'number') {
      const meta = {
        url: item.url,
        title: String(item.title ?? ''),
        site: typeof item.site === 'string' && item.site ? item.site : null,
        lang: String(item.lang ?? ''),
        excerpt: '',
      };
      record.meta = { value: meta, t: Math.floor(item.addedAt / 1000), d: String(item.by ?? '') };
    }
    for (const [, name] of REGISTERS) {
      const reg = item[name];
      if (!Array.isArray(reg) || reg.length !== 3 || typeof reg[1] !== 'number') continue;
      (record as unknown as Record<string, Register<unknown>>)[name] = {
        value: reg[0],
        t: Math.floor(reg[1] / 1000),
        d: String(reg[2]),
      };
    }
    return record;
  });
  return { collected, records };
}

// ---------------------------------------------------------------------------------------------------------------

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
      if (value.startsWith('2t')) return { ok: true, version: 2, ...decodeText(value.slice(2)) };
      if (value.startsWith('2z')) {
        if (!compressionAvailable()) throw new Error('this browser cannot inflate');
        const bytes = await inflateRaw(base93Decode(value.slice(2)));
        return { ok: true, version: 2, ...decodeText(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
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
