// Format 2: a shard as one compact text (codec.ts stores it deflated, or as is).
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
import { packTitle, unpackTitle } from './title-packing.ts';
import type { ShardContent } from './shard.ts';
import { emptyCollected, type Collected, type ItemMeta, type ItemRecord, type Register } from '../crdt.ts';
import { itemId } from '../url.ts';
import type { ItemState } from '../types.ts';

/** Seconds since 1970 of 2025-01-01T00:00:00Z, the origin of encoded times. */
export const TIME_ORIGIN = 1_735_689_600;

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
/** The registers besides the metadata, by their letter in the text (format 1 uses their names, in this order). */
export const REGISTERS: [RegCode, 'state' | 'favourite' | 'tags' | 'progress' | 'deleted'][] = [
  ['s', 'state'],
  ['f', 'favourite'],
  ['g', 'tags'],
  ['p', 'progress'],
  ['x', 'deleted'],
];

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

/** A shard's format-2 text read back (throws on anything that is not one). */
export function decodeShardText(text: string): ShardContent {
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
