// Highlights and notes on saved articles (docs/highlights.md). A highlight belongs to a saved item (the item id
// of url.ts), is anchored the W3C Web Annotation way (a TextQuoteSelector, with a TextPositionSelector as a
// hint) in the article's text (text-model.ts), and is replicated like the list's items: one record per
// highlight made of last-writer-wins registers (crdt.ts's Register and order), deletions kept as tombstones.
import { compareRegisters, type Register } from '../crdt.ts';

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];
export const DEFAULT_HIGHLIGHT_COLOR: HighlightColor = 'yellow';

/** Characters of context kept on each side of the quote. */
export const CONTEXT_LENGTH = 32;
/** Limits of what a record may carry (the UI keeps to them; longer values from elsewhere are refused). */
export const HIGHLIGHT_LIMITS = {
  /** UTF-16 code units of a quote: a few pages of text. */
  quote: 20_000,
  /** Of the prefix and suffix (twice CONTEXT_LENGTH: room for other tools' longer contexts). */
  context: 2 * CONTEXT_LENGTH,
  note: 20_000,
} as const;

/** W3C TextQuoteSelector (without its `type`): the quote and the text just before and after it. */
export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

/** W3C TextPositionSelector (without its `type`): UTF-16 offsets in the article's text, end excluded. */
export interface TextPositionSelector {
  start: number;
  end: number;
}

/** Where a highlight is: found by the quote, the position only a hint. An import may bring the quote alone. */
export interface HighlightAnchor {
  quote: TextQuoteSelector;
  position: TextPositionSelector | null;
}

export const HIGHLIGHT_FIELDS = ['anchor', 'color', 'note', 'deleted'] as const;
export type HighlightField = (typeof HIGHLIGHT_FIELDS)[number];

/** The replicated state of one highlight. */
export interface HighlightRecord {
  id: string;
  /** The saved item's id. Set once, like `created`. */
  item: string;
  /** Seconds since 1970: when it was made (for an import, when the reader made it in the other service). */
  created: number;
  anchor?: Register<HighlightAnchor>;
  color?: Register<HighlightColor>;
  note?: Register<string>;
  deleted?: Register<boolean>;
}

/** One highlight as the UI sees it. */
export interface Highlight {
  id: string;
  itemId: string;
  color: HighlightColor;
  /** "" when there is none. */
  note: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector | null;
  /** ms since 1970. */
  createdAt: number;
  /** ms since 1970: the latest change of any field. */
  updatedAt: number;
  deleted: boolean;
}

/** A change the reader makes. `deleted: false` undoes a deletion. */
export type HighlightChange =
  | { field: 'anchor'; value: HighlightAnchor }
  | { field: 'color'; value: HighlightColor }
  | { field: 'note'; value: string }
  | { field: 'deleted'; value: boolean };

export interface NewHighlight {
  /** A fresh id by default (newHighlightId); imports pass a stable one so that importing twice adds nothing. */
  id?: string;
  item: string;
  anchor: HighlightAnchor;
  color?: HighlightColor;
  note?: string;
  /** Seconds since 1970, when earlier than now (an import). */
  created?: number;
}

export const HIGHLIGHT_ID = /^[0-9a-z]{6,32}$/;
export const ITEM_ID = /^[0-9a-z]{1,16}$/;

/** 16 random base-36 characters (about 82 bits): ids made on different devices never meet. */
export function newHighlightId(random: (bytes: Uint8Array) => void = (b) => crypto.getRandomValues(b)): string {
  const bytes = new Uint8Array(16);
  random(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

export function isHighlightColor(value: unknown): value is HighlightColor {
  return (HIGHLIGHT_COLORS as readonly unknown[]).includes(value);
}

/** Lone surrogates replaced: they do not survive UTF-8 (files, IndexedDB is fine but WebDAV is not) unchanged. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** At most `max` code units, never half a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** A note as it is kept: line breaks unified, control characters but line breaks and tabs dropped, trimmed. */
export function normalizeNote(note: string): string {
  return (
    wellFormed(note)
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .trim()
  );
}

/** The last `max` code units at most, never half a surrogate pair. */
function clipStart(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(-max);
  return /^[\uDC00-\uDFFF]/.test(cut) ? cut.slice(1) : cut;
}

/**
 * The anchor as it is kept: strings well-formed and within the limits (the context nearest the quote kept), a
 * position only when it is a real span. Throws on an empty quote: there is nothing to anchor.
 */
export function normalizeAnchor(anchor: HighlightAnchor): HighlightAnchor {
  const exact = wellFormed(clip(anchor.quote.exact, HIGHLIGHT_LIMITS.quote));
  if (!exact.trim()) throw new RangeError('A highlight needs a quote.');
  const prefix = wellFormed(clipStart(anchor.quote.prefix, HIGHLIGHT_LIMITS.context));
  const suffix = wellFormed(clip(anchor.quote.suffix, HIGHLIGHT_LIMITS.context));
  const p = anchor.position;
  const position =
    p && Number.isSafeInteger(p.start) && Number.isSafeInteger(p.end) && p.start >= 0 && p.end >= p.start
      ? { start: p.start, end: p.end }
      : null;
  return { quote: { exact, prefix, suffix }, position };
}

/** Newest register time of the record, seconds (its creation when nothing was written since). */
export function lastHighlightChange(record: HighlightRecord): number {
  let t = record.created;
  for (const field of HIGHLIGHT_FIELDS) t = Math.max(t, record[field]?.t ?? 0);
  return t;
}

/**
 * Deleted: the deleted register says so and nothing was written after it. A note or colour written later, on
 * a device that had not heard of the deletion, brings the highlight back with it (nobody's words are lost to
 * a deletion that never saw them); at the same second the deletion wins.
 */
export function isHighlightDeleted(record: HighlightRecord): boolean {
  const deleted = record.deleted;
  if (deleted?.value !== true) return false;
  const edited = Math.max(record.anchor?.t ?? 0, record.color?.t ?? 0, record.note?.t ?? 0);
  return edited <= deleted.t;
}

/**
 * A register written now by this device (`device` is crdt.ts's deviceTag). Its time is after every register
 * of the record, whatever the clock says: a change made after seeing a deletion (an undo, a recolour) wins
 * over it, and a deletion wins over every edit it saw.
 */
function register<T>(record: HighlightRecord, value: T, nowS: number, device: string): Register<T> {
  return { value, t: Math.max(nowS, lastHighlightChange(record) + 1), d: device };
}

/** A new highlight made by this device at `nowS` (seconds). */
export function createHighlightRecord(input: NewHighlight, nowS: number, device: string): HighlightRecord {
  const created = Number.isSafeInteger(input.created) && input.created! >= 0 ? input.created! : nowS;
  const t = nowS;
  const record: HighlightRecord = {
    id: input.id ?? newHighlightId(),
    item: input.item,
    created: Math.min(created, nowS),
    anchor: { value: normalizeAnchor(input.anchor), t, d: device },
    color: { value: input.color ?? DEFAULT_HIGHLIGHT_COLOR, t, d: device },
  };
  const note = normalizeNote(clip(input.note ?? '', HIGHLIGHT_LIMITS.note));
  if (note) record.note = { value: note, t, d: device };
  return record;
}

/** The record with the reader's change applied; the same record when the change changes nothing. */
export function changeHighlight(
  record: HighlightRecord,
  change: HighlightChange,
  nowS: number,
  device: string,
): HighlightRecord {
  let value: unknown = change.value;
  if (change.field === 'note') value = normalizeNote(clip(change.value, HIGHLIGHT_LIMITS.note));
  if (change.field === 'anchor') value = normalizeAnchor(change.value);
  if (change.field === 'deleted' && change.value === isHighlightDeleted(record)) return record;
  const current = record[change.field];
  if (change.field !== 'deleted' && current && JSON.stringify(current.value) === JSON.stringify(value)) return record;
  return { ...record, [change.field]: register(record, value, nowS, device) };
}

/** The UI's view of a record; null while its anchor is unknown (a copy that lost it: merging brings it back). */
export function toHighlight(record: HighlightRecord): Highlight | null {
  const anchor = record.anchor?.value;
  if (!anchor) return null;
  return {
    id: record.id,
    itemId: record.item,
    color: record.color?.value ?? DEFAULT_HIGHLIGHT_COLOR,
    note: record.note?.value ?? '',
    quote: anchor.quote,
    position: anchor.position,
    createdAt: record.created * 1000,
    updatedAt: lastHighlightChange(record) * 1000,
    deleted: isHighlightDeleted(record),
  };
}

/** The join of two copies of one highlight (same id): commutative, associative, idempotent. */
export function mergeHighlightRecords(a: HighlightRecord, b: HighlightRecord): HighlightRecord {
  let out: HighlightRecord | null = null;
  // Set once; two copies can only disagree when one is damaged: the earlier origin wins, on every device alike.
  if (b.created < a.created || (b.created === a.created && b.item < a.item)) {
    out = { ...a, created: b.created, item: b.item };
  }
  for (const field of HIGHLIGHT_FIELDS) {
    if (compareRegisters<unknown>(b[field], a[field]) > 0) {
      out ??= { ...a };
      (out as unknown as Record<HighlightField, unknown>)[field] = b[field];
    }
  }
  return out ?? a;
}

/** True when `b` holds nothing `a` lacks (merging b into a changes nothing). */
export function highlightCovers(a: HighlightRecord | undefined, b: HighlightRecord): boolean {
  return a !== undefined && mergeHighlightRecords(a, b) === a;
}

/**
 * `current` with `incoming` merged in, and the ids that changed; `current` itself when nothing did. Records
 * are immutable: a changed one is a new object.
 */
export function mergeHighlights(
  current: ReadonlyMap<string, HighlightRecord>,
  incoming: Iterable<HighlightRecord>,
): { records: ReadonlyMap<string, HighlightRecord>; changed: string[] } {
  let out: Map<string, HighlightRecord> | null = null;
  const changed = new Set<string>();
  for (const record of incoming) {
    const mine = (out ?? current).get(record.id);
    const merged = mine ? mergeHighlightRecords(mine, record) : record;
    if (merged === mine) continue;
    out ??= new Map(current);
    out.set(record.id, merged);
    changed.add(record.id);
  }
  return { records: out ?? current, changed: [...changed] };
}
