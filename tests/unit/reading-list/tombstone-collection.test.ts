// Collecting tombstones into ghosts and floors, one device's bookkeeping at a time (tombstones.test.ts runs the
// whole rule across devices).
import { describe, expect, it } from 'vitest';
import { GHOST_TTL_S, ghostKey, type ItemRecord } from '../../../core/reading-list/crdt.ts';
import { emptyState, type LocalRecord } from '../../../core/reading-list/local-store.ts';
import { createRecordTable } from '../../../core/reading-list/list/record-table.ts';
import {
  TOMBSTONE_TTL_MS,
  collectExpired,
  collectedOf,
  publication,
  setCollected,
  settleSuspects,
} from '../../../core/reading-list/list/tombstones.ts';
import type { Plan } from '../../../core/reading-list/sync-storage/plan.ts';
import { shardOf } from '../../../core/reading-list/sync-storage/shard.ts';
import { itemId } from '../../../core/reading-list/url.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 8, 1);
const S = (ms: number) => Math.floor(ms / 1000);

function item(n: number): LocalRecord {
  const url = `https://www.example.fr/article-${n}.html`;
  const meta = { value: { url, title: `Article ${n}`, site: null, lang: 'fr', excerpt: '' }, t: S(NOW - 200 * DAY) };
  return { id: itemId(url), meta: { ...meta, d: 'abc123' } };
}

/** Item n deleted `deletedAgo` ms ago, its tombstone first seen in sync storage `seenAgo` ms ago (if ever). */
function tombstone(n: number, deletedAgo: number, seenAgo?: number): LocalRecord {
  const t = S(NOW - deletedAgo);
  const record: LocalRecord = { ...item(n), deleted: { value: true, t, d: 'abc123' } };
  if (seenAgo !== undefined) record.published = { t, at: NOW - seenAgo };
  return record;
}

function table(records: LocalRecord[]) {
  const forgotten: string[] = [];
  const t = createRecordTable({ onPut: () => undefined, onForget: (id) => forgotten.push(id) });
  t.restore(records);
  return { table: t, forgotten };
}

describe('collecting tombstones', () => {
  it('collects a tombstone deleted and in sync storage for the whole TTL, leaving a ghost in its shard', () => {
    const due = tombstone(1, 61 * DAY, 61 * DAY);
    const seenLate = tombstone(2, 61 * DAY, 59 * DAY); // published late: kept 60 days from then
    const unpublished = tombstone(3, 90 * DAY);
    const { table: records, forgotten } = table([due, seenLate, unpublished, item(4)]);
    const state = emptyState();
    expect(collectExpired(records, state, NOW, TOMBSTONE_TTL_MS)).toBe(true);
    expect(forgotten).toEqual([due.id]);
    expect(collectedOf(state, shardOf(due.id))).toEqual({ floor: 0, ghosts: { [ghostKey(due.id)]: due.deleted!.t } });
    expect(state.ghostSeen[shardOf(due.id).toString(36)]).toEqual({ [ghostKey(due.id)]: NOW });
    expect(collectExpired(records, state, NOW, TOMBSTONE_TTL_MS)).toBe(false); // nothing more to do
  });

  it('folds a ghost into the floor once past its own time and seen here for the whole TTL', () => {
    const { table: records } = table([]);
    const state = emptyState();
    const deletedAt = S(NOW - 100 * DAY);
    setCollected(state, 3, { floor: 0, ghosts: { abcdefgh: deletedAt } }, NOW - 70 * DAY);
    collectExpired(records, state, NOW, TOMBSTONE_TTL_MS);
    expect(collectedOf(state, 3).ghosts).toEqual({ abcdefgh: deletedAt }); // under 120 days old
    const later = NOW + 30 * DAY;
    expect(S(later) - deletedAt).toBeGreaterThan(GHOST_TTL_S);
    expect(collectExpired(records, state, later, TOMBSTONE_TTL_MS)).toBe(true);
    expect(collectedOf(state, 3)).toEqual({ floor: deletedAt, ghosts: {} });
  });

  it('keeps when each ghost was first seen, and changes nothing for collections it already has', () => {
    const state = emptyState();
    expect(setCollected(state, 0, { floor: 0, ghosts: { aaaaaaaa: 5 } }, 1_000)).toBe(true);
    expect(setCollected(state, 0, { floor: 0, ghosts: { aaaaaaaa: 5 } }, 2_000)).toBe(false);
    expect(setCollected(state, 0, { floor: 0, ghosts: { aaaaaaaa: 5, bbbbbbbb: 6 } }, 3_000)).toBe(true);
    expect(state.ghostSeen['0']).toEqual({ aaaaaaaa: 1_000, bbbbbbbb: 3_000 });
  });

  it('dates a tombstone from when sync storage first held that deletion', () => {
    const deleted = tombstone(1, DAY);
    const held: ItemRecord = { id: deleted.id, deleted: deleted.deleted! };
    expect(publication(undefined, deleted, held, NOW)).toEqual({ t: deleted.deleted!.t, at: NOW });
    const published = { t: deleted.deleted!.t, at: NOW - DAY };
    expect(publication({ ...deleted, published }, deleted, held, NOW)).toBe(published);
    expect(publication(undefined, deleted, { id: deleted.id }, NOW)).toBeUndefined(); // not there yet
    expect(publication(undefined, item(1), held, NOW)).toBeUndefined(); // saved again: no tombstone
  });
});

describe('items in doubt (suspects)', () => {
  it('forgets those the plan would sync (a deletion), keeps the others as orphans', () => {
    const [gone, kept] = [item(1), item(2)];
    const { table: records, forgotten } = table([gone, kept]);
    const suspects = new Set([gone.id, kept.id, 'unknown']);
    const plan = { localOnly: new Set([kept.id]) } as Plan;
    expect(settleSuspects(suspects, plan, records)).toBe(1);
    expect(forgotten).toEqual([gone.id]);
    expect(records.get(kept.id)?.orphan).toBe(true);
    expect(suspects.size).toBe(0);
  });
});
