// What a flush writes. The plan (sync-storage/plan.ts) says what this device would have sync storage hold; a
// shard is written only where sync storage lacks something of it, or, when sync storage is over its limits, where
// the plan shrinks it. So devices that agree on the items write nothing, and a device whose write was overwritten
// by a concurrent one sees what its key lacks and writes it again: devices converge.
import { collectedCovers, covers, projectForSync, type Collected } from '../crdt.ts';
import type { LocalState } from '../local-store.ts';
import { planSync, type Plan, type ShardPlan } from '../sync-storage/plan.ts';
import { FORMAT_VERSION, SHARD_COUNT } from '../sync-storage/shard.ts';
import { registers, type RecordTable } from './record-table.ts';
import { sameValue, type ShardMirror } from './shard-mirror.ts';
import { collectedOf } from './tombstones.ts';

export interface PlanInputs {
  table: RecordTable;
  mirror: ShardMirror;
  state: LocalState;
  device: string;
  compress: boolean;
  /** Bytes all the list's keys may take, and one key (after the margins for errors). */
  budget: number;
  perKey: number;
}

/** What fits: every record, orphans kept local, updates to what sync storage holds pinned in. */
export function computePlan({ table, mirror, state, device, compress, budget, perKey }: PlanInputs): Promise<Plan> {
  const collected = new Map<number, Collected>();
  for (let s = 0; s < SHARD_COUNT; s++) collected.set(s, collectedOf(state, s));
  const keepLocal = new Set<string>();
  const pinned = new Set<string>();
  const records = [];
  for (const record of table.all()) {
    records.push(registers(record));
    if (record.orphan) keepLocal.add(record.id);
    const held = mirror.held(record.id);
    if (held && !covers(held, projectForSync(registers(record)))) pinned.add(record.id);
  }
  return planSync(records, {
    writer: device,
    keepLocal,
    pinned,
    budget,
    perKey,
    compress,
    collected,
    blocked: mirror.blocked(),
    existing: new Set([...mirror.shards()].map(([s]) => s)),
  });
}

/**
 * The shards to write: those where sync storage lacks something of the plan, then, if sync storage is over its
 * limits less the reserve, those the plan makes smaller (largest saving first) until it fits.
 */
export function chooseWrites(
  plan: Plan,
  mirror: ShardMirror,
  limits: { quotaBytes: number; quotaBytesPerItem: number; reserve: number },
): ShardPlan[] {
  const writes = [];
  const shrinkable = [];
  for (const p of plan.shards.values()) {
    const r = mirror.shard(p.shard);
    const needed = !r
      ? p.content.records.length > 0
      : !r.decoded.ok ||
        r.decoded.version < FORMAT_VERSION ||
        !collectedCovers(r.decoded.collected, p.content.collected) || // lost or new collections
        p.content.records.some((x) => !covers(r.byId.get(x.id), x));
    if (needed) writes.push(p);
    else if (r && r.bytes > p.bytes && !sameValue(r.value, p.value)) shrinkable.push(p);
  }
  // Other devices' items are taken out only when sync storage is over its limits less the reserve (each
  // device's own budget, with its margins after errors, only decides what it adds): devices never fight over
  // margins that differ between them.
  const chosen = new Set(writes.map((p) => p.shard));
  let total = mirror.otherBytes();
  for (const [s, r] of mirror.shards()) if (!chosen.has(s)) total += r.bytes;
  for (const p of writes) total += p.bytes;
  const before = (p: ShardPlan) => mirror.shard(p.shard)!.bytes;
  shrinkable.sort((a, b) => before(b) - b.bytes - (before(a) - a.bytes));
  for (const p of shrinkable) {
    if (total <= limits.quotaBytes - limits.reserve && before(p) <= limits.quotaBytesPerItem) continue;
    writes.push(p);
    total += p.bytes - before(p);
  }
  return writes;
}

/** True when a shard of sync storage lacks something this device would write there. */
export function syncLacks(shard: number, table: RecordTable, mirror: ShardMirror, state: LocalState): boolean {
  const r = mirror.shard(shard);
  if (r) {
    if (!r.decoded.ok) return r.decoded.reason === 'corrupt';
    if (r.decoded.version < FORMAT_VERSION || !collectedCovers(r.decoded.collected, collectedOf(state, shard))) {
      return true;
    }
  }
  for (const id of table.inShard(shard)) {
    const local = table.get(id)!;
    if (local.localOnly || local.orphan) continue;
    if (!covers(r?.byId.get(id), projectForSync(registers(local)))) return true;
  }
  return false;
}

/** Local-only: left out by the plan and not in sync storage (an item another device keeps there is synced). */
export function applyLocalOnly(table: RecordTable, plan: Plan, mirror: ShardMirror): void {
  for (const record of table.all()) {
    const localOnly = plan.localOnly.has(record.id) && !mirror.held(record.id);
    if (!!record.localOnly !== localOnly) table.put({ ...record, localOnly });
  }
}
