// The site rules' key in storage.sync ("sr"), and its budget. The rules share the quota with the reading list
// (rl:0..rl:f) and the reader settings; the list keeps RULES_SYNC_BUDGET bytes free for this key whether it
// exists or not (createReadingList's reservedKeys), so a full list never leaves rules without room, and rules
// never take the list's room.
//
// Value: `{ v: 1, r: [[id, site, created, selector, text, stage, live, t, d], ...] }`, null for absent fields.
// Which records go in, in order while they fit: deletions younger than RULE_TOMBSTONE_SYNC_MS (newest first: they
// tell other devices to drop a rule), then live rules, oldest first. The first live rule that does not fit and
// every later one stay out: they stay on the devices that have them and travel through WebDAV only. The order
// depends only on the records, so devices that know the same rules write the same value.
import { entryBytes } from '../sync-storage/sizes.ts';
import { byAge, validateRuleRecord, type SiteRuleRecord } from './records.ts';

export const RULES_SYNC_KEY = 'sr';
/** Bytes of storage.sync the rules may take (key included): about 45 rules of a typical size (135 bytes). */
export const RULES_SYNC_BUDGET = 6_144;
export const RULES_SYNC_VERSION = 1;
/** A deletion stays in sync storage this long (then only on the devices, and in WebDAV files). */
export const RULE_TOMBSTONE_SYNC_MS = 90 * 24 * 3600 * 1000;

type Row = [string, string, string, string | null, unknown, string | null, 0 | 1, number, string];

function toRow({ rule, live }: SiteRuleRecord): Row {
  return [
    rule.id,
    rule.site,
    rule.created,
    rule.selector ?? null,
    rule.text ?? null,
    rule.stage ?? null,
    live.value ? 1 : 0,
    live.t,
    live.d,
  ];
}

function fromRow(row: unknown): SiteRuleRecord | null {
  if (!Array.isArray(row) || row.length < 9) return null;
  const [id, site, created, selector, text, stage, live, t, d] = row as unknown[];
  const rule: Record<string, unknown> = { id, site, created };
  if (selector !== null) rule.selector = selector;
  if (text !== null) rule.text = text;
  if (stage !== null) rule.stage = stage;
  return validateRuleRecord({ rule, live: { value: live === 1, t, d } });
}

export type DecodedRules = { ok: true; records: SiteRuleRecord[] } | { ok: false; reason: 'newer' | 'damaged' };

/** The stored value: absent means no records; a newer version is never written over. */
export function decodeRulesValue(value: unknown): DecodedRules {
  if (value === undefined || value === null) return { ok: true, records: [] };
  if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'damaged' };
  const v = value as { v?: unknown; r?: unknown };
  if (typeof v.v !== 'number') return { ok: false, reason: 'damaged' };
  if (v.v > RULES_SYNC_VERSION) return { ok: false, reason: 'newer' };
  if (!Array.isArray(v.r)) return { ok: false, reason: 'damaged' };
  return { ok: true, records: v.r.map(fromRow).filter((r): r is SiteRuleRecord => r !== null) };
}

export interface RulesPlan {
  value: { v: number; r: Row[] };
  bytes: number;
  /** Ids of the live rules in the value. */
  synced: Set<string>;
  /** Live rules in the value, and in all. */
  fit: number;
  total: number;
}

/** What the key should hold for these records, within `budget` bytes (key included). */
export function planRulesValue(records: Iterable<SiteRuleRecord>, now: number, budget = RULES_SYNC_BUDGET): RulesPlan {
  const all = [...records];
  const deletions = all
    .filter((r) => !r.live.value && now - r.live.t < RULE_TOMBSTONE_SYNC_MS)
    .sort((a, b) => b.live.t - a.live.t || (a.rule.id < b.rule.id ? -1 : 1));
  const live = all.filter((r) => r.live.value).sort((a, b) => byAge(a.rule, b.rule));
  const rows: Row[] = [];
  const value = { v: RULES_SYNC_VERSION, r: rows };
  // An empty array's JSON is "[]"; each row adds its JSON and a comma.
  let bytes = entryBytes(RULES_SYNC_KEY, value);
  const fits = (row: Row) => bytes + entryBytes('', row) + (rows.length ? 1 : 0) <= budget;
  const add = (row: Row) => {
    bytes += entryBytes('', row) + (rows.length ? 1 : 0);
    rows.push(row);
  };
  for (const r of deletions) {
    const row = toRow(r);
    if (fits(row)) add(row);
  }
  const synced = new Set<string>();
  for (const r of live) {
    const row = toRow(r);
    if (!fits(row)) break;
    add(row);
    synced.add(r.rule.id);
  }
  return { value, bytes: entryBytes(RULES_SYNC_KEY, value), synced, fit: synced.size, total: live.length };
}

/** About how many rules of the typical size the budget holds (for the options page's "N of M"). */
export function rulesCapacity(records: Iterable<SiteRuleRecord>, budget = RULES_SYNC_BUDGET): number {
  const rows = [...records].filter((r) => r.live.value).map((r) => entryBytes('', toRow(r)) + 1);
  const typical = rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : 120;
  return Math.floor((budget - entryBytes(RULES_SYNC_KEY, { v: RULES_SYNC_VERSION, r: [] })) / typical);
}
