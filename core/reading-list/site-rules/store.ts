// The reader's site rules on one device: the truth in a local area (every rule it knows, deletions included),
// met with the other devices in one storage.sync key (sync-value.ts) and in the WebDAV files (absorb/records).
// Every write reads, merges and writes back, and every change heard from either area is merged; when the area
// then lacks something this device knows, it is written again. So two devices, or two pages of one profile,
// writing at once both keep their changes.
import { deviceTag } from '../crdt.ts';
import type { SyncArea } from '../types.ts';
import { parseSiteRule, siteOfHost, type SiteRule } from '../../reader/index.ts';
import { errorMessage } from '../../util/index.ts';
import { absorbRuleRecords, liveRules, nextLive, validateRuleRecords, type SiteRuleRecord } from './records.ts';
import { decodeRulesValue, planRulesValue, RULES_SYNC_BUDGET, RULES_SYNC_KEY, rulesCapacity } from './sync-value.ts';

/** One value in the device's own storage (storage.local), with its change events. */
export interface RuleLocalArea {
  get(): Promise<unknown>;
  set(value: unknown): Promise<void>;
  onChanged(listener: (value: unknown) => void): () => void;
}

export interface SiteRuleStoreOptions {
  deviceId: string;
  local: RuleLocalArea;
  /** Absent: this device keeps its rules to itself (and WebDAV). */
  sync?: SyncArea;
  now?: () => number;
  budget?: number;
}

export interface RulesSyncInfo {
  /** Live rules in browser sync storage, and in all. */
  fit: number;
  total: number;
  /** About how many rules the budget holds. */
  capacity: number;
  /** Sync storage holds rules written by a newer version: this device does not write them. */
  newer: boolean;
  /** The last write to sync storage that failed (quota, rate), until one goes through. */
  error: string | null;
}

export interface SiteRuleStore {
  load(): Promise<void>;
  /** Live rules, oldest first. */
  list(): SiteRule[];
  /** Live rules for a page's host (`www.` and case folded). */
  forHost(host: string): SiteRule[];
  /** Adds a rule, or brings a deleted one back (Undo). */
  add(rule: SiteRule): Promise<void>;
  /** Deletes a rule; returns it (for Undo), or null when it was not live. */
  remove(id: string): Promise<SiteRule | null>;
  /** Every record, deletions included: what the WebDAV file and the export carry. */
  records(): SiteRuleRecord[];
  /** Merges records from elsewhere (WebDAV, import); returns how many rules changed. */
  absorb(records: readonly SiteRuleRecord[]): Promise<number>;
  syncInfo(): RulesSyncInfo;
  onChanged(callback: () => void): () => void;
  close(): void;
}

const LOCAL_VERSION = 1;

/** The records in the local area's value. */
function readLocal(value: unknown): SiteRuleRecord[] {
  if (!Array.isArray(value)) return validateRuleRecords((value as { records?: unknown } | null | undefined)?.records);
  // The first stored form, a plain array of rules (before sync): each live since it was made, by no device.
  return value.flatMap((raw) => {
    const rule = parseSiteRule(raw);
    if (!rule) return [];
    const made = Date.parse(rule.created);
    return [{ rule, live: { value: true, t: Number.isFinite(made) ? made : 0, d: '' } }];
  });
}

/**
 * The live rules for a host in the two areas' stored values, merged as the store merges them, without a store:
 * a read on the way to a page (the popup), one round trip to each area at once. What either area lacks is
 * written back by the pages that keep a store (the background, the options page).
 */
export function storedRulesForHost(localValue: unknown, syncValue: unknown, host: string): SiteRule[] {
  const known = new Map<string, SiteRuleRecord>();
  absorbRuleRecords(known, readLocal(localValue));
  const decoded = decodeRulesValue(syncValue);
  if (decoded.ok) absorbRuleRecords(known, decoded.records);
  const site = siteOfHost(host);
  return liveRules(known.values()).filter((r) => r.site === site);
}

export function createSiteRuleStore(options: SiteRuleStoreOptions): SiteRuleStore {
  const clock = options.now ?? Date.now;
  const device = deviceTag(options.deviceId);
  const budget = options.budget ?? RULES_SYNC_BUDGET;
  const known = new Map<string, SiteRuleRecord>();
  const listeners = new Set<() => void>();
  const unsubscribe: (() => void)[] = [];
  let info: RulesSyncInfo = { fit: 0, total: 0, capacity: 0, newer: false, error: null };
  // One read-merge-write at a time, in order.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  const notify = () => listeners.forEach((l) => l());
  const localValue = () => ({ v: LOCAL_VERSION, records: [...known.values()] });

  /** True when `stored` lacks a record or a newer register that `known` has. */
  const lacks = (stored: readonly SiteRuleRecord[]) => {
    const have = new Map<string, SiteRuleRecord>();
    absorbRuleRecords(have, stored);
    return [...known.values()].some((r) => {
      const s = have.get(r.rule.id);
      return !s || s.live.t !== r.live.t || s.live.d !== r.live.d || s.live.value !== r.live.value;
    });
  };

  async function writeLocal(): Promise<boolean> {
    const raw = await options.local.get();
    const stored = readLocal(raw);
    const changed = absorbRuleRecords(known, stored).length > 0;
    // A newer version's store is read as far as it goes, never written over (what it holds beyond would be lost).
    const newer = typeof (raw as { v?: unknown } | null)?.v === 'number' && (raw as { v: number }).v > LOCAL_VERSION;
    if (!newer && lacks(stored)) await options.local.set(localValue());
    return changed;
  }

  async function writeSync(): Promise<void> {
    const sync = options.sync;
    if (!sync) return updateInfo(null);
    const stored = (await sync.get([RULES_SYNC_KEY]))[RULES_SYNC_KEY];
    const decoded = decodeRulesValue(stored);
    if (!decoded.ok && decoded.reason === 'newer') return updateInfo(null, true);
    if (decoded.ok && absorbRuleRecords(known, decoded.records).length) notify();
    const plan = planRulesValue(known.values(), clock(), budget);
    updateInfo(plan.fit);
    if (JSON.stringify(stored) === JSON.stringify(plan.value)) return;
    if (stored === undefined && plan.value.r.length === 0) return; // nothing to say: no key written
    try {
      await sync.set({ [RULES_SYNC_KEY]: plan.value });
      info = { ...info, error: null };
    } catch (error) {
      info = { ...info, error: errorMessage(error) };
    }
  }

  function updateInfo(fit: number | null, newer = false): void {
    const records = [...known.values()];
    const total = records.filter((r) => r.live.value).length;
    info = { ...info, fit: fit ?? 0, total, capacity: rulesCapacity(records, budget), newer };
  }

  /** Merges, then writes both areas (each only if it lacks something); `changed` tells the listeners. */
  const persist = (changed: boolean) =>
    serially(async () => {
      const merged = await writeLocal();
      try {
        await writeSync();
      } catch (error) {
        // Sync storage unreachable: the rule is kept here all the same, and the page says why it did not sync.
        info = { ...info, error: errorMessage(error) };
      }
      if (changed || merged) notify();
    });

  function onLocal(value: unknown): void {
    const records = readLocal(value);
    const changed = absorbRuleRecords(known, records).length > 0;
    if (changed) {
      updateInfo(info.fit, info.newer);
      notify();
    }
    if (lacks(records)) void persist(false).catch(() => undefined);
  }

  function onSync(changes: Record<string, { newValue?: unknown }>): void {
    if (!(RULES_SYNC_KEY in changes)) return;
    const decoded = decodeRulesValue(changes[RULES_SYNC_KEY].newValue);
    const changed = decoded.ok && absorbRuleRecords(known, decoded.records).length > 0;
    // Written back when the key lacks what the plan would hold, or is damaged.
    void persist(changed).catch(() => undefined);
  }

  function setLive(rule: SiteRule, value: boolean): boolean {
    const had = known.get(rule.id);
    if (had && had.live.value === value) return false;
    known.set(rule.id, { rule: had?.rule ?? rule, live: nextLive(value, device, clock(), had?.live) });
    return true;
  }

  return {
    async load() {
      absorbRuleRecords(known, readLocal(await options.local.get()));
      unsubscribe.push(options.local.onChanged(onLocal));
      if (options.sync) unsubscribe.push(options.sync.onChanged(onSync));
      await serially(async () => {
        try {
          await writeSync();
        } catch (error) {
          info = { ...info, error: errorMessage(error) };
        }
        // Rules first met in sync storage are kept on the device.
        await writeLocal();
      });
    },
    list: () => liveRules(known.values()),
    forHost(host) {
      const site = siteOfHost(host);
      return liveRules(known.values()).filter((r) => r.site === site);
    },
    async add(rule) {
      if (setLive(rule, true)) await persist(true);
    },
    async remove(id) {
      const had = known.get(id);
      if (!had?.live.value) return null;
      setLive(had.rule, false);
      await persist(true);
      return had.rule;
    },
    records: () => [...known.values()],
    async absorb(records) {
      const changed = absorbRuleRecords(known, records).length;
      if (changed) await persist(true);
      return changed;
    },
    syncInfo: () => ({ ...info }),
    onChanged(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    close() {
      unsubscribe.splice(0).forEach((u) => u());
      listeners.clear();
    },
  };
}
