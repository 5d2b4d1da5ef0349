// The reader's edits as register writes: saving an article, and changing a field of a saved one. Each write is
// stamped now by this device and wins over what it replaces (crdt.ts).
import { cleanText, isDeleted, normalizeTags, nowSeconds, quantizeProgress, write, type ItemMeta } from '../crdt.ts';
import { truncate } from '../../util/index.ts';
import type { LocalRecord } from '../local-store.ts';
import type { ItemChange, NewItem } from '../types.ts';

export const EXCERPT_MAX = 600;

/**
 * The record of an article saved now at `url` (its canonical address): `base` is the record held for it (`{ id }`
 * when none). Saved again after a deletion, it comes back as a new, unread item.
 */
export function savedRecord(
  base: LocalRecord,
  url: string,
  input: NewItem,
  nowMs: number,
  device: string,
): LocalRecord {
  const nowS = nowSeconds(nowMs);
  const meta: ItemMeta = {
    url,
    title: cleanText(input.title) || url,
    site: cleanText(input.site ?? '') || null,
    lang: cleanText(input.lang).toLowerCase(),
    excerpt: truncate(cleanText(input.excerpt).replace(/\s+/g, ' '), EXCERPT_MAX),
  };
  const added = input.addedAt === undefined ? NaN : nowSeconds(input.addedAt);
  if (Number.isSafeInteger(added) && added >= 0 && added < nowS) meta.added = added;
  const record: LocalRecord = { ...base, localOnly: false, orphan: false };
  record.meta = write<'meta'>(base.meta, meta, nowS, device);
  if (base.deleted) record.deleted = write<'deleted'>(base.deleted, false, nowS, device);
  if (base.state) record.state = write<'state'>(base.state, 'unread', nowS, device);
  if (base.progress) record.progress = write<'progress'>(base.progress, 0, nowS, device);
  return record;
}

/** A saved item's record with a reader's change made now; null when the change changes nothing. */
export function changedRecord(
  record: LocalRecord,
  change: ItemChange,
  nowMs: number,
  device: string,
): LocalRecord | null {
  const nowS = nowSeconds(nowMs);
  const next: LocalRecord = { ...record, orphan: false };
  switch (change.field) {
    case 'state':
      if ((record.state?.value ?? 'unread') === change.value) return null;
      next.state = write<'state'>(record.state, change.value, nowS, device);
      break;
    case 'favourite':
      if ((record.favourite?.value ?? false) === change.value) return null;
      next.favourite = write<'favourite'>(record.favourite, change.value, nowS, device);
      break;
    case 'tags': {
      const tags = normalizeTags(change.value);
      if (JSON.stringify(record.tags?.value ?? []) === JSON.stringify(tags)) return null;
      next.tags = write<'tags'>(record.tags, tags, nowS, device);
      break;
    }
    case 'progress': {
      const progress = quantizeProgress(change.value);
      if ((record.progress?.value ?? 0) === progress) return null;
      next.progress = write<'progress'>(record.progress, progress, nowS, device);
      break;
    }
    case 'deleted':
      if (isDeleted(record) === change.value) return null;
      // Not before the save it deletes (a clock behind the saving device's would otherwise lose).
      next.deleted = write<'deleted'>(record.deleted, change.value, Math.max(nowS, record.meta?.t ?? 0), device);
      break;
  }
  return next;
}
