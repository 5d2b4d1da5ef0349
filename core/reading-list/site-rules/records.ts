// The reader's site rules as they sync: each rule with one last-writer-wins register saying whether it is live.
// A rule's content never changes once made (a new rule gets a new id), so only its life is merged: a deletion is
// a tombstone (live false), Undo a later live true. Registers are ordered by time, then device, then value, so
// every device picks the same winner whatever the order the copies arrive in.
import { parseSiteRule, type SiteRule } from '../../reader/index.ts';

export interface LiveRegister {
  value: boolean;
  /** ms since 1970. */
  t: number;
  /** The writing device's tag (crdt.ts deviceTag). */
  d: string;
}

export interface SiteRuleRecord {
  rule: SiteRule;
  live: LiveRegister;
}

/** True when register `a` wins over `b`. */
export function newerLive(a: LiveRegister, b: LiveRegister): boolean {
  if (a.t !== b.t) return a.t > b.t;
  if (a.d !== b.d) return a.d > b.d;
  // Same time, same device: the deletion wins (as a reading list's deletion at the second of its save does).
  return !a.value && b.value;
}

export function mergeRuleRecord(a: SiteRuleRecord, b: SiteRuleRecord): SiteRuleRecord {
  return newerLive(b.live, a.live) ? b : a;
}

/** A record read from stored or received JSON, or null (anything unknown in it is dropped). */
export function validateRuleRecord(value: unknown): SiteRuleRecord | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const rule = parseSiteRule(v.rule);
  const live = v.live as Record<string, unknown> | null | undefined;
  if (!rule || !live || typeof live !== 'object') return null;
  if (typeof live.value !== 'boolean' || typeof live.t !== 'number' || !Number.isFinite(live.t)) return null;
  if (typeof live.d !== 'string') return null;
  return { rule, live: { value: live.value, t: live.t, d: live.d } };
}

/** Records read from a stored array; what is not a record is dropped. */
export function validateRuleRecords(value: unknown): SiteRuleRecord[] {
  if (!Array.isArray(value)) return [];
  return value.map(validateRuleRecord).filter((r): r is SiteRuleRecord => r !== null);
}

/**
 * Merges `incoming` into `into` (by rule id); returns the ids whose winner changed. `into` is changed in place.
 */
export function absorbRuleRecords(into: Map<string, SiteRuleRecord>, incoming: readonly SiteRuleRecord[]): string[] {
  const changed: string[] = [];
  for (const r of incoming) {
    const had = into.get(r.rule.id);
    const next = had ? mergeRuleRecord(had, r) : r;
    if (next !== had) {
      into.set(r.rule.id, next);
      changed.push(r.rule.id);
    }
  }
  return changed;
}

/** The live rules, oldest first (then by id): the order the options page and the sync budget use. */
export function liveRules(records: Iterable<SiteRuleRecord>): SiteRule[] {
  return [...records]
    .filter((r) => r.live.value)
    .map((r) => r.rule)
    .sort(byAge);
}

export function byAge(a: SiteRule, b: SiteRule): number {
  return a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A register written now by `device`, after `previous`: its time wins over it whatever the clocks say. */
export function nextLive(value: boolean, device: string, now: number, previous?: LiveRegister): LiveRegister {
  return { value, t: Math.max(now, previous ? previous.t + 1 : 0), d: device };
}
