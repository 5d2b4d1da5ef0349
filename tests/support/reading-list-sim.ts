// A simulated storage.sync shared by several devices, for the reading list's tests. Each device reads and writes
// its own replica at once (quota and write-rate limits checked there, as Chrome does), its writes travel to a
// server in order but late, and the server's accepted values travel back to every device late and in any order
// across keys; a delivery older than what a replica holds for that key is ignored (per-key last write wins).
import {
  createMemoryLocalStore,
  createReadingList,
  SYNC_LIMITS,
  type ReadingList,
  type SyncArea,
} from '../../core/reading-list/index.ts';
import {
  checkQuota,
  type SyncChanges,
  type SyncLimits,
} from '../../core/reading-list/sync-storage/memory-sync-area.ts';
import { toError } from '../../core/util/index.ts';

interface Versioned {
  value: unknown;
  version: number;
}

interface Delivery {
  key: string;
  value: unknown;
  version: number;
}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

export class SimDevice implements SyncArea {
  readonly replica = new Map<string, Versioned>();
  readonly writes: number[] = [];
  readonly up: Record<string, unknown>[] = [];
  readonly down: Delivery[] = [];
  readonly listeners = new Set<(changes: SyncChanges) => void>();
  /** The next set() fails with this message (a quota error the test injects). */
  failNext: string | null = null;
  offline = false;
  setCalls = 0;

  constructor(private readonly network: SyncNetwork) {}

  get(keys?: string[] | null): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this.replica) if (!keys || keys.includes(k)) out[k] = clone(v.value);
    return Promise.resolve(out);
  }

  set(items: Record<string, unknown>): Promise<void> {
    this.setCalls++;
    if (this.failNext) {
      const message = this.failNext;
      this.failNext = null;
      return Promise.reject(new Error(message));
    }
    const now = this.network.now;
    try {
      const data = new Map([...this.replica].map(([k, v]) => [k, v.value] as const));
      checkQuota(data, items, this.network.limits, this.writes, now);
    } catch (error) {
      return Promise.reject(toError(error));
    }
    this.writes.push(now);
    const changes: SyncChanges = {};
    for (const [k, v] of Object.entries(items)) {
      const old = this.replica.get(k);
      changes[k] = { oldValue: old?.value, newValue: clone(v) };
      // A local write keeps the replica's version: any later server value replaces it.
      this.replica.set(k, { value: clone(v), version: old?.version ?? 0 });
    }
    this.up.push(clone(items));
    this.emit(changes);
    return Promise.resolve();
  }

  remove(keys: string[]): Promise<void> {
    return this.set(Object.fromEntries(keys.map((k) => [k, null])));
  }

  onChanged(listener: (changes: SyncChanges) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(changes: SyncChanges) {
    if (!Object.keys(changes).length) return;
    queueMicrotask(() => this.listeners.forEach((l) => l(clone(changes))));
  }

  /** Applies one delivery from the server (the i-th waiting, so deliveries can be reordered). */
  receive(index: number) {
    const [d] = this.down.splice(index, 1);
    if (!d) return;
    const held = this.replica.get(d.key);
    if (held && held.version >= d.version) return;
    this.replica.set(d.key, { value: clone(d.value), version: d.version });
    if (JSON.stringify(held?.value) !== JSON.stringify(d.value)) {
      this.emit({ [d.key]: { oldValue: held?.value, newValue: clone(d.value) } });
    }
  }
}

export class SyncNetwork {
  readonly server = new Map<string, Versioned>();
  readonly devices: SimDevice[] = [];
  now = Date.UTC(2025, 5, 1);
  private version = 0;

  constructor(
    count: number,
    readonly limits: SyncLimits = SYNC_LIMITS,
  ) {
    for (let i = 0; i < count; i++) this.devices.push(new SimDevice(this));
  }

  /** The device's oldest pending write reaches the server, which sends it to every device (itself included). */
  upload(device: SimDevice): boolean {
    if (device.offline) return false;
    const items = device.up.shift();
    if (!items) return false;
    for (const [key, value] of Object.entries(items)) {
      const version = ++this.version;
      this.server.set(key, { value, version });
      for (const d of this.devices) d.down.push({ key, value, version });
    }
    return true;
  }

  /**
   * A device back online after a long time: what it receives is the server's current value of each key, not the
   * history it missed. Its own writes made offline are still sent (first, unless `receiveFirst`).
   */
  reconnect(device: SimDevice, receiveFirst = false) {
    device.offline = false;
    const latest = new Map<string, Delivery>();
    for (const d of device.down) if ((latest.get(d.key)?.version ?? -1) < d.version) latest.set(d.key, d);
    device.down.length = 0;
    device.down.push(...latest.values());
    if (receiveFirst) while (device.down.length) device.receive(0);
  }

  pending(): boolean {
    return this.devices.some((d) => !d.offline && (d.up.length > 0 || d.down.length > 0));
  }

  /** Everything in flight delivered, in order. */
  deliverAll() {
    for (const d of this.devices) {
      if (d.offline) continue;
      while (this.upload(d));
    }
    for (const d of this.devices) {
      if (d.offline) continue;
      while (d.down.length) d.receive(0);
    }
  }
}

/** Lets promise chains and stream callbacks run (CompressionStream work completes in macrotasks). */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

export interface SimOptions {
  skews?: number[];
  compress?: boolean;
  reserveBytes?: number;
  /** Told when device `device` forgets an item (its tombstone collected). */
  onForget?: (device: number, id: string) => void;
}

/** One reading list per device of the network, each with its own local store and (skewed) clock. */
export function createLists(network: SyncNetwork, options: SimOptions = {}): ReadingList[] {
  const never = { set: () => 0, clear: () => undefined };
  return network.devices.map((area, i) =>
    createReadingList({
      deviceId: `device-${i}`,
      local: createMemoryLocalStore(),
      sync: area,
      now: () => network.now + (options.skews?.[i] ?? 0),
      limits: network.limits,
      compress: options.compress ?? false,
      reserveBytes: options.reserveBytes ?? 64,
      timers: never,
      onForget: options.onForget && ((id) => options.onForget!(i, id)),
    }),
  );
}

/**
 * Delivers everything and flushes every online device, round after round (20 minutes apart, past any write
 * limit or backoff), until a whole round writes nothing. Returns false if that never happened.
 */
export async function quiesce(network: SyncNetwork, lists: ReadingList[], maxRounds = 40): Promise<boolean> {
  for (let round = 0; round < maxRounds; round++) {
    network.now += 20 * 60_000;
    const calls = () => network.devices.reduce((n, d) => n + d.setCalls, 0);
    const before = calls();
    network.deliverAll();
    await settle();
    for (const [i, list] of lists.entries()) if (!network.devices[i]!.offline) await list.flush();
    network.deliverAll();
    await settle();
    const online = lists.filter((_, i) => !network.devices[i]!.offline);
    if (calls() === before && !network.pending() && online.every((l) => l.status().pendingWrites === 0)) return true;
  }
  return false;
}
