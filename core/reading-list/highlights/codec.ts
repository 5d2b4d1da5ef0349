// The stored and synced form of highlight records: compact, versioned JSON, the same for the per-device WebDAV
// files and IndexedDB.
//
//   { "format": "clear-reader-highlights", "version": 1, "highlights": [
//     { "id": "k3x…", "item": "1a2b…", "created": 1764000000,
//       "anchor": [{ "exact": "…", "prefix": "…", "suffix": "…", "start": 120, "end": 164 }, 1764000000, "d1e2f3"],
//       "color": ["yellow", 1764000000, "d1e2f3"], "note": ["…", 1764000100, "d1e2f3"], "deleted": [true, …] } ] }
//
// A register is [value, t, d] (crdt.ts's Register); an empty prefix or suffix and a missing position are left
// out. Reading rebuilds each record field by field from untrusted input and never throws: a record it cannot
// use is returned as rejected (with its raw value, for the caller to keep), a field it cannot use is dropped
// and reported; a newer format version is reported as such, and its data must then be kept as it is. Fields a
// reader does not know are ignored: a writer that adds one the merge needs raises the version.
import type { Register } from '../crdt.ts';
import {
  HIGHLIGHT_FIELDS,
  HIGHLIGHT_ID,
  HIGHLIGHT_LIMITS,
  ITEM_ID,
  isHighlightColor,
  normalizeNote,
  wellFormed,
  type HighlightAnchor,
  type HighlightField,
  type HighlightRecord,
} from './model.ts';

export const HIGHLIGHTS_FORMAT = 'clear-reader-highlights';
export const HIGHLIGHTS_VERSION = 1;

type EncodedRegister<T> = [value: T, t: number, d: string];

export interface EncodedAnchor {
  exact: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
}

export interface EncodedHighlight {
  id: string;
  item: string;
  created: number;
  anchor?: EncodedRegister<EncodedAnchor>;
  color?: EncodedRegister<string>;
  note?: EncodedRegister<string>;
  deleted?: EncodedRegister<boolean>;
}

export interface HighlightsDocument {
  format: typeof HIGHLIGHTS_FORMAT;
  version: typeof HIGHLIGHTS_VERSION;
  highlights: EncodedHighlight[];
}

/** A record read with fields dropped: which, and why. */
export interface RepairedHighlight {
  index: number;
  id: string;
  problems: string[];
}

/** A record that could not be read: kept raw, for the caller to store aside and show, never to drop. */
export interface RejectedHighlight {
  index: number;
  reason: string;
  raw: unknown;
}

export type HighlightsReadResult =
  | { ok: true; records: HighlightRecord[]; repaired: RepairedHighlight[]; rejected: RejectedHighlight[] }
  | { ok: false; reason: 'garbage' | 'newer'; message: string };

function encodeAnchor(anchor: HighlightAnchor): EncodedAnchor {
  const { exact, prefix, suffix } = anchor.quote;
  const out: EncodedAnchor = { exact };
  if (prefix) out.prefix = prefix;
  if (suffix) out.suffix = suffix;
  if (anchor.position) {
    out.start = anchor.position.start;
    out.end = anchor.position.end;
  }
  return out;
}

const encodeRegister = <T, E>(r: Register<T>, value: E): EncodedRegister<E> => [value, r.t, r.d];

export function encodeHighlightRecord(record: HighlightRecord): EncodedHighlight {
  const out: EncodedHighlight = { id: record.id, item: record.item, created: record.created };
  if (record.anchor) out.anchor = encodeRegister(record.anchor, encodeAnchor(record.anchor.value));
  if (record.color) out.color = encodeRegister(record.color, record.color.value);
  if (record.note) out.note = encodeRegister(record.note, record.note.value);
  if (record.deleted) out.deleted = encodeRegister(record.deleted, record.deleted.value);
  return out;
}

export function encodeHighlights(records: Iterable<HighlightRecord>): HighlightsDocument {
  return {
    format: HIGHLIGHTS_FORMAT,
    version: HIGHLIGHTS_VERSION,
    highlights: [...records].map(encodeHighlightRecord),
  };
}

/** The document's JSON text. */
export function serializeHighlights(records: Iterable<HighlightRecord>): string {
  return JSON.stringify(encodeHighlights(records));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const text = (v: unknown, max: number): string | undefined =>
  typeof v === 'string' && v.length <= max ? wellFormed(v) : undefined;

type Fix<T> = (value: unknown, problems: string[]) => T | undefined;

function decodeAnchor(v: unknown, problems: string[]): HighlightAnchor | undefined {
  if (!isObject(v)) return undefined;
  const exact = text(v.exact, HIGHLIGHT_LIMITS.quote);
  if (exact === undefined || !exact.trim()) return undefined;
  const prefix = v.prefix === undefined ? '' : text(v.prefix, HIGHLIGHT_LIMITS.context);
  const suffix = v.suffix === undefined ? '' : text(v.suffix, HIGHLIGHT_LIMITS.context);
  if (prefix === undefined || suffix === undefined) problems.push('anchor: context dropped (not text, or too long)');
  let position: HighlightAnchor['position'] = null;
  if (isTime(v.start) && isTime(v.end) && v.end >= v.start) position = { start: v.start, end: v.end };
  else if (v.start !== undefined || v.end !== undefined) problems.push('anchor: position dropped (not a span)');
  return { quote: { exact, prefix: prefix ?? '', suffix: suffix ?? '' }, position };
}

const FIXES: { [F in HighlightField]: Fix<NonNullable<HighlightRecord[F]>['value']> } = {
  anchor: decodeAnchor,
  color: (v) => (isHighlightColor(v) ? v : undefined),
  note: (v) => {
    const note = text(v, HIGHLIGHT_LIMITS.note);
    return note === undefined ? undefined : normalizeNote(note);
  },
  deleted: (v) => (typeof v === 'boolean' ? v : undefined),
};

function decodeRegister<T>(raw: unknown, fix: Fix<T>, problems: string[]): Register<T> | undefined {
  if (!Array.isArray(raw) || raw.length !== 3) return undefined;
  const [value, t, d] = raw as unknown[];
  if (!isTime(t) || typeof d !== 'string' || !d || d.length >= 64) return undefined;
  const fixed = fix(value, problems);
  return fixed === undefined ? undefined : { value: fixed, t, d };
}

export type DecodedHighlight =
  { ok: true; record: HighlightRecord; problems: string[] } | { ok: false; reason: string };

/** One record rebuilt from untrusted input, field by field; never throws. */
export function decodeHighlightRecord(raw: unknown): DecodedHighlight {
  try {
    if (!isObject(raw)) return { ok: false, reason: 'not a record' };
    if (typeof raw.id !== 'string' || !HIGHLIGHT_ID.test(raw.id)) return { ok: false, reason: 'no valid id' };
    if (typeof raw.item !== 'string' || !ITEM_ID.test(raw.item)) return { ok: false, reason: 'no valid item id' };
    if (!isTime(raw.created)) return { ok: false, reason: 'no valid creation time' };
    const record: HighlightRecord = { id: raw.id, item: raw.item, created: raw.created };
    const problems: string[] = [];
    for (const field of HIGHLIGHT_FIELDS) {
      if (raw[field] === undefined) continue;
      const register = decodeRegister(raw[field], FIXES[field] as Fix<unknown>, problems);
      if (register) (record as unknown as Record<HighlightField, unknown>)[field] = register;
      else problems.push(`${field}: dropped (damaged or not understood)`);
    }
    return { ok: true, record, problems };
  } catch (error) {
    // Plain JSON cannot throw here; an object with hostile getters (handed over in memory) could.
    return { ok: false, reason: `unreadable (${String(error)})` };
  }
}

/** A list of encoded records (as in a device file), each read on its own. */
export function decodeHighlightRecords(list: readonly unknown[]): Extract<HighlightsReadResult, { ok: true }> {
  const records: HighlightRecord[] = [];
  const repaired: RepairedHighlight[] = [];
  const rejected: RejectedHighlight[] = [];
  list.forEach((raw, index) => {
    const decoded = decodeHighlightRecord(raw);
    if (!decoded.ok) rejected.push({ index, reason: decoded.reason, raw });
    else {
      records.push(decoded.record);
      if (decoded.problems.length) repaired.push({ index, id: decoded.record.id, problems: decoded.problems });
    }
  });
  return { ok: true, records, repaired, rejected };
}

/**
 * A highlights document, as JSON text or as a parsed value (IndexedDB); never throws. Records with the same id
 * may come back more than once: merge them (mergeHighlights), do not pick one.
 */
export function readHighlights(input: unknown): HighlightsReadResult {
  let raw = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input) as unknown;
    } catch {
      return { ok: false, reason: 'garbage', message: 'not a highlights file (not JSON, or cut short)' };
    }
  }
  if (!isObject(raw) || raw.format !== HIGHLIGHTS_FORMAT) {
    return { ok: false, reason: 'garbage', message: 'not a Clear Reader highlights file' };
  }
  if (!Number.isSafeInteger(raw.version) || (raw.version as number) < 1) {
    return { ok: false, reason: 'garbage', message: 'highlights file without a version' };
  }
  if ((raw.version as number) > HIGHLIGHTS_VERSION) {
    return {
      ok: false,
      reason: 'newer',
      message: `highlights written by a newer version of Clear Reader (format ${String(raw.version)}); update to read them`,
    };
  }
  if (!Array.isArray(raw.highlights))
    return { ok: false, reason: 'garbage', message: 'highlights file without highlights' };
  return decodeHighlightRecords(raw.highlights);
}
