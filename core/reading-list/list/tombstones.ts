// Deletions and their collection (docs/sync.md has the whole rule). A tombstone stays in sync storage at least the
// TTL after the deletion and after this device first saw it there; then it is collected into a ghost in its
// shard's Collected, which later folds into the shard's floor. This device's view of every shard's collections is
// kept in the local store's bookkeeping (LocalState), with when it first saw each ghost.
import {
  GHOST_TTL_S,
  collectedCovers,
  compareRegisters,
  emptyCollected,
  ghostKey,
  isDeleted,
  mergeCollected,
  nowSeconds,
  pruneCollected,
  type Collected,
  type ItemRecord,
} from '../crdt.ts';
import type { LocalRecord, LocalState } from '../local-store.ts';
import type { Plan } from '../sync-storage/plan.ts';
import { SHARD_COUNT, shardOf } from '../sync-storage/shard.ts';
import type { RecordTable } from './record-table.ts';

export const TOMBSTONE_TTL_MS = 60 * 24 * 3600 * 1000;

export function collectedOf(state: LocalState, shard: number): Collected {
  return state.collected[shard.toString(36)] ?? emptyCollected();
}

/** Records a shard's collections; true when that changed the bookkeeping (which then needs writing). */
export function setCollected(state: LocalState, shard: number, collected: Collected, now: number): boolean {
  const key = shard.toString(36);
  const current = state.collected[key] ?? emptyCollected();
  if (collectedCovers(current, collected) && collectedCovers(collected, current)) return false;
  state.collected[key] = collected;
  const seen = state.ghostSeen[key] ?? {};
  state.ghostSeen[key] = Object.fromEntries(Object.keys(collected.ghosts).map((k) => [k, seen[k] ?? now]));
  return true;
}

/**
 * When the merged record's tombstone was first seen in sync storage (`held` is what sync storage has): kept from
 * `local` for the same deletion, now if sync storage holds that deletion (or a later one), else not yet.
 */
export function publication(
  local: LocalRecord | undefined,
  merged: ItemRecord,
  held: ItemRecord,
  now: number,
): { t: number; at: number } | undefined {
  const deleted = merged.deleted;
  if (!deleted || !isDeleted(merged)) return undefined;
  if (local?.published?.t === deleted.t) return local.published;
  return held.deleted && compareRegisters(held.deleted, deleted) >= 0 ? { t: deleted.t, at: now } : undefined;
}

/**
 * Collects the tombstones deleted more than the TTL ago and in sync storage for at least the TTL (a ghost each),
 * and drops ghosts past their own time into the floor. True when the bookkeeping changed.
 */
export function collectExpired(table: RecordTable, state: LocalState, now: number, ttlMs: number): boolean {
  let changed = false;
  for (const r of [...table.all()]) {
    if (!r.deleted || !isDeleted(r) || !r.published || r.published.t !== r.deleted.t) continue;
    if (r.deleted.t * 1000 >= now - ttlMs || r.published.at >= now - ttlMs) continue;
    const shard = shardOf(r.id);
    const ghost = { floor: 0, ghosts: { [ghostKey(r.id)]: r.deleted.t } };
    if (setCollected(state, shard, mergeCollected(collectedOf(state, shard), ghost), now)) changed = true;
    table.forget(r.id);
  }
  const horizon = nowSeconds(now) - GHOST_TTL_S;
  for (let shard = 0; shard < SHARD_COUNT; shard++) {
    const seen = state.ghostSeen[shard.toString(36)] ?? {};
    const done = (k: string, t: number) => t < horizon && (seen[k] ?? now) <= now - ttlMs;
    if (setCollected(state, shard, pruneCollected(collectedOf(state, shard), done), now)) changed = true;
  }
  return changed;
}

/**
 * The second half of the rule for items gone from a shard that may have been collected (the suspects, whose
 * deletion this device cannot tell from room made): what the plan would sync had room, so its absence was a
 * deletion, and it is forgotten; what the plan leaves out is kept as an orphan. Returns how many were forgotten.
 */
export function settleSuspects(suspects: Set<string>, plan: Plan, table: RecordTable): number {
  let forgotten = 0;
  for (const id of [...suspects]) {
    const record = table.get(id);
    suspects.delete(id);
    if (!record) continue;
    if (plan.localOnly.has(id)) table.put({ ...record, orphan: true });
    else {
      table.forget(id);
      forgotten++;
    }
  }
  return forgotten;
}
