// This device's list, split into files small enough for any server's upload limit. nginx refuses request bodies
// over 1 MiB by default, and a sealed list takes about 780 bytes per item: one file would stop syncing near 1,350
// items. So the records go into 2^k parts by a hash of their id (an item stays in its part as the list grows), each
// part at most PART_BYTES; only the parts whose content changed are written again.
//
// Each part is a whole device file (file.ts: same format, same device id), so any reader, this version's or an
// older one, merges it like any other file: parts of two generations read together still merge right, since the
// merge only ever takes newer registers.
import { fnv1a32 } from '../hash.ts';
import { toBase64 } from './base64.ts';
import { FIELDS, type ItemRecord } from '../crdt.ts';

/** Largest list file written, unless the server refused smaller (413). */
export const PART_BYTES = 256 * 1024;
/** Below this the server's limit is not worth splitting for (a single item could not fit). */
export const MIN_PART_BYTES = 8 * 1024;
const MAX_PARTS = 4096;
/** The envelope around the records: format, version, device id, dates, part numbers, encryption header. */
const ENVELOPE_BYTES = 400;

export interface Part<R = ItemRecord> {
  /** File name: `<device>.json` for the first part, `<device>.<n>.json` for the others. */
  name: string;
  index: number;
  count: number;
  records: R[];
  /** Of the part's content (not of its encryption, which differs each time). */
  hash: string;
}

/** The file name of a device: its id, with anything but letters, digits, "-" and "_" replaced. */
export function deviceFileName(deviceId: string): string {
  const safe = deviceId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100);
  return `${safe || 'device'}.json`;
}

export function partFileName(deviceId: string, index: number): string {
  const first = deviceFileName(deviceId);
  return index === 0 ? first : `${first.slice(0, -'.json'.length)}.${index}.json`;
}

/** True for this device's files, every part (device ids hold no dots, so another device's name never matches). */
export function isOwnFile(deviceId: string, name: string): boolean {
  const stem = deviceFileName(deviceId).slice(0, -'.json'.length);
  return name === `${stem}.json` || new RegExp(`^${stem}\\.\\d+\\.json$`).test(name);
}

/**
 * A record's JSON with its keys in one fixed order (fields, then a register's value, t, d; a value's own keys
 * sorted), so that equal content always hashes the same, however the record was built.
 */
function canonicalJson(record: ItemRecord): string {
  const sorted = (value: unknown): unknown => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const object = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(object)
        .sort()
        .map((key) => [key, object[key]]),
    );
  };
  const out: Record<string, unknown> = { id: record.id };
  for (const field of FIELDS) {
    const register = record[field];
    if (register) out[field] = { value: sorted(register.value), t: register.t, d: register.d };
  }
  return JSON.stringify(out);
}

/** UTF-8 size, estimated from above without encoding (every non-ASCII unit counted as 3 bytes). */
function utf8Estimate(text: string): number {
  let extra = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) extra += 2;
  return text.length + extra;
}

/** Bytes a file of `plain` bytes of records takes on the server: base64 of AES-GCM output when sealed. */
function fileBytes(plain: number, sealed: boolean): number {
  return (sealed ? Math.ceil((plain + ENVELOPE_BYTES + 16) / 3) * 4 : plain) + ENVELOPE_BYTES;
}

/**
 * The parts for these records: the fewest (a power of two, starting from last time's count) whose largest file
 * stays under `partBytes`. It grows as soon as a part would be too large, and shrinks only once half as many
 * parts would each be half full, so a list near a threshold does not rewrite everything back and forth.
 */
export async function splitRecords<R extends { id: string } = ItemRecord>(
  deviceId: string,
  records: R[],
  options: {
    partBytes: number;
    previousCount: number;
    sealed: boolean;
    /** A record's JSON, the same for the same content (default: the list's canonical form). */
    json?: (record: R) => string;
    /** A part's file name (default: the list's, partFileName). */
    name?: (deviceId: string, index: number) => string;
  },
): Promise<Part<R>[]> {
  const encoder = new TextEncoder();
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const json = sorted.map(options.json ?? (canonicalJson as unknown as (record: R) => string));
  const fileName = options.name ?? partFileName;
  const sizes = json.map((j) => utf8Estimate(j) + 1);
  const buckets = sorted.map((r) => fnv1a32(r.id));
  const largest = (count: number) => {
    const totals = new Array<number>(count).fill(0);
    sizes.forEach((size, i) => (totals[buckets[i]! & (count - 1)]! += size));
    return fileBytes(Math.max(...totals), options.sealed);
  };
  let count = 1;
  while (count < Math.min(options.previousCount, MAX_PARTS)) count *= 2;
  while (count < MAX_PARTS && largest(count) > options.partBytes) count *= 2;
  while (count > 1 && largest(count / 2) <= options.partBytes / 2) count /= 2;

  const parts: Part<R>[] = Array.from({ length: count }, (_, index) => ({
    name: fileName(deviceId, index),
    index,
    count,
    records: [],
    hash: '',
  }));
  const contents: string[][] = parts.map(() => []);
  sorted.forEach((record, i) => {
    const index = buckets[i]! & (count - 1);
    parts[index]!.records.push(record);
    contents[index]!.push(json[i]!);
  });
  for (const part of parts) {
    const content = encoder.encode(`${part.index}/${count}:${contents[part.index]!.join(',')}`);
    part.hash = toBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', content)));
  }
  return parts;
}
