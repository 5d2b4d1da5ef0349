// A device's highlights file in the sync folder: `<device>.highlights` (and `<device>.<n>.highlights` parts when
// large, split like the list: parts.ts), holding every highlight record the device knows, tombstones included, in
// the codec's form (highlights/codec.ts): `{ format: "clear-reader-highlights", version, deviceId, writtenAt,
// highlights }`, sealed like the list's files with a passphrase (file.ts). The names do not end in `.json`, so a
// version that knows nothing of highlights skips these files without a word, and the folder's one PROPFIND shows
// them with the list's files. Reading never throws: a file this version cannot use is a typed problem.
import {
  decodeHighlightRecords,
  encodeHighlightRecord,
  HIGHLIGHTS_FORMAT,
  HIGHLIGHTS_VERSION,
} from '../highlights/codec.ts';
import type { HighlightRecord } from '../highlights/model.ts';
import { openEnvelope, sealEnvelope, type FileFailure, type KeyCache } from './file.ts';
import { deviceFileName } from './parts.ts';

export const HIGHLIGHTS_SUFFIX = '.highlights';

export interface HighlightsFile {
  deviceId: string;
  /** ms since 1970. */
  writtenAt: number;
  records: HighlightRecord[];
  part?: { index: number; count: number };
}

export type HighlightsFileResult =
  { ok: true; file: HighlightsFile; encrypted: boolean; invalidRecords: number } | FileFailure;

const stemOf = (deviceId: string) => deviceFileName(deviceId).slice(0, -'.json'.length);

/** `<device>.highlights` for the first part, `<device>.<n>.highlights` for the others. */
export function highlightsFileName(deviceId: string, index = 0): string {
  const stem = stemOf(deviceId);
  return index === 0 ? `${stem}${HIGHLIGHTS_SUFFIX}` : `${stem}.${index}${HIGHLIGHTS_SUFFIX}`;
}

export function isHighlightsFile(name: string): boolean {
  return /^[A-Za-z0-9_-]+(\.\d+)?\.highlights$/.test(name);
}

/** This device's highlights files, every part (device ids hold no dots: another device's never matches). */
export function isOwnHighlightsFile(deviceId: string, name: string): boolean {
  const stem = stemOf(deviceId);
  return name === `${stem}${HIGHLIGHTS_SUFFIX}` || new RegExp(`^${stem}\\.\\d+\\.highlights$`).test(name);
}

/** A record's JSON, the same for the same content (the codec writes its keys in one fixed order). */
export const highlightJson = (record: HighlightRecord) => JSON.stringify(encodeHighlightRecord(record));

export function encodeHighlightsFile(file: HighlightsFile, keys?: KeyCache): Promise<string> {
  const { deviceId, writtenAt, records, part } = file;
  const numbering = part ? { part: part.index, parts: part.count } : {};
  const highlights = records.map(encodeHighlightRecord);
  return sealEnvelope(HIGHLIGHTS_FORMAT, HIGHLIGHTS_VERSION, { deviceId, writtenAt, ...numbering, highlights }, keys);
}

/** Reads a highlights file's text; never throws. Records it cannot use are left out one by one (and counted). */
export async function decodeHighlightsFile(text: string, keys?: KeyCache): Promise<HighlightsFileResult> {
  const opened = await openEnvelope(text, HIGHLIGHTS_FORMAT, HIGHLIGHTS_VERSION, keys);
  if (!opened.ok) return opened;
  const raw = opened.content;
  if (typeof raw.deviceId !== 'string' || !Array.isArray(raw.highlights)) {
    return { ok: false, reason: 'garbage', detail: 'missing device or highlights' };
  }
  const read = decodeHighlightRecords(raw.highlights as unknown[]);
  const writtenAt = typeof raw.writtenAt === 'number' && Number.isFinite(raw.writtenAt) ? raw.writtenAt : 0;
  return {
    ok: true,
    file: { deviceId: raw.deviceId, writtenAt, records: read.records },
    encrypted: opened.encrypted,
    invalidRecords: read.rejected.length,
  };
}
