// Highlights and notes through the WebDAV sync itself (syncWithWebDav, the per-device `.highlights` files, plain
// or sealed), as property tests: 2 to 4 devices with skewed clocks create, annotate, recolour, delete and restore
// the same highlights, sync against a folder whose listings lag (another device's file shown in an older version,
// or not yet), one device away for weeks missing many rounds. Then two rounds of syncs: every device holds the
// same records, the join of everything any device ever wrote, and a highlight is gone only by an explicit deletion.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changeHighlight,
  createHighlightRecord,
  createKeyCache,
  deviceTag,
  encodeHighlightRecord,
  isHighlightDeleted,
  mergeHighlightRecords,
  type HighlightColor,
  type HighlightRecord,
  type KeyCache,
  type Register,
} from '../../../core/reading-list/index.ts';
import { compareRegisters } from '../../../core/reading-list/crdt.ts';
import { device, syncDevice } from '../../support/webdav-devices.ts';
import { memoryDav, memoryHighlights, type View } from '../../support/memory-webdav.ts';

const ITEM = '0abc123def456';
const IDS = ['hlaaaaaa0001', 'hlbbbbbb0002', 'hlcccccc0003'];
const DAY = 86_400;

type Op =
  | { kind: 'create'; dev: number; h: number; note: string }
  | { kind: 'note'; dev: number; h: number; note: string }
  | { kind: 'color'; dev: number; h: number; color: HighlightColor }
  | { kind: 'delete'; dev: number; h: number }
  | { kind: 'restore'; dev: number; h: number }
  | { kind: 'sync'; dev: number; lag: number }
  | { kind: 'time'; dev: number; seconds: number };

const dev = fc.nat(3);
// Few highlights, so that devices meet on the same ones.
const h = fc.nat(1);
const words = fc.constantFrom('', 'Vu.', 'À relire', 'Check the figures 📈', 'Note\nsur deux lignes');
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('create' as const), dev, h, note: words }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('note' as const), dev, h, note: words }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('color' as const),
      dev,
      h,
      color: fc.constantFrom('green', 'blue', 'pink', 'yellow'),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), dev, h }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('restore' as const), dev, h }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('sync' as const), dev, lag: fc.nat(1_000) }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('time' as const),
      dev,
      seconds: fc.oneof(fc.integer({ min: 0, max: 3_600 }), fc.constant(40 * DAY)),
    }),
    weight: 2,
  },
);

/** A listing that lags: each other device's file in a version chosen by `lag`, or not there yet (< 0: none lags). */
const lagging =
  (lag: number): View =>
  (name, versions) => {
    if (lag < 0) return versions - 1;
    let x = lag;
    for (let i = 0; i < name.length; i++) x = (x * 31 + name.charCodeAt(i)) % 10_007;
    const pick = x % (versions + 1);
    return pick === versions ? null : pick;
  };

/** What the generated scenarios covered (checked, so that a generator change cannot make the test hollow). */
const seen = { runs: 0, deletedForGood: 0, cameBack: 0, awayForWeeks: 0, lagged: 0 };

const sorted = (map: Map<string, HighlightRecord>) =>
  [...map.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map(encodeHighlightRecord);

async function run(scenario: {
  devices: number;
  skews: number[];
  ops: Op[];
  away: { from: number; length: number };
  sealed: boolean;
}) {
  const dav = memoryDav();
  let view: View = () => 0;
  const devices = await Promise.all(
    Array.from({ length: scenario.devices }, async (_, i) => {
      const d = await device(`device-${i}`);
      d.clock.now = Date.UTC(2026, 0, 1) + scenario.skews[i]! * 1000;
      const keys: KeyCache | undefined = scenario.sealed
        ? createKeyCache('mot de passe é', { iterations: 1_000 })
        : undefined;
      return {
        ...d,
        tag: deviceTag(`device-${i}`),
        highlights: memoryHighlights(),
        client: dav.client(() => view),
        keys,
      };
    }),
  );
  // Everything any device ever wrote (the join of it all is what every device must end with) and the deletions.
  const written: HighlightRecord[] = [];
  const deletions: Register<boolean>[] = [];
  const created = new Set<string>();
  let awayForWeeks = false;
  /** Rounds the device away missed: the others' syncs meanwhile. */
  let missed = 0;
  const inAbsence = (index: number) => index >= scenario.away.from && index < scenario.away.from + scenario.away.length;

  const syncOf = async (d: (typeof devices)[number], v: View) => {
    view = v;
    const result = await syncDevice(d, d.client, { highlights: d.highlights, keys: d.keys });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result.ok && result.problems).toEqual([]);
  };

  for (const [index, step] of scenario.ops.entries()) {
    const d = devices[step.dev % devices.length]!;
    const away = d === devices[0] && inAbsence(index);
    const nowS = Math.floor(d.clock.now / 1000);
    if (step.kind === 'time') {
      d.clock.now += step.seconds * 1000;
      if (away && step.seconds >= 7 * DAY) awayForWeeks = true;
      continue;
    }
    if (step.kind === 'sync') {
      if (!away) await syncOf(d, lagging(step.lag));
      if (inAbsence(index) && !away) missed++;
      continue;
    }
    const id = IDS[step.h]!;
    const current = d.highlights.map.get(id);
    let next: HighlightRecord | undefined;
    if (step.kind === 'create') {
      if (created.has(id)) continue; // ids are random in the product: two devices never make the same one
      created.add(id);
      const anchor = { quote: { exact: `quote ${id}`, prefix: '', suffix: '' }, position: null };
      next = createHighlightRecord({ id, item: ITEM, anchor, note: step.note }, nowS, d.tag);
    } else if (!current) {
      continue; // a device edits only what it has
    } else if (step.kind === 'note') {
      next = changeHighlight(current, { field: 'note', value: step.note }, nowS, d.tag);
    } else if (step.kind === 'color') {
      next = changeHighlight(current, { field: 'color', value: step.color }, nowS, d.tag);
    } else {
      next = changeHighlight(current, { field: 'deleted', value: step.kind === 'delete' }, nowS, d.tag);
      if (step.kind === 'delete' && next.deleted && next !== current) deletions.push(next.deleted);
    }
    d.highlights.map.set(id, next);
    written.push(next);
    d.clock.now += 1000;
  }

  // Everyone back, two rounds of syncs with up-to-date listings.
  for (let round = 0; round < 2; round++) for (const d of devices) await syncOf(d, (_, n) => n - 1);

  seen.runs++;
  if (awayForWeeks && missed >= 3) seen.awayForWeeks++;
  if (dav.files.size && [...dav.files.values()].some((v) => v.length > 1)) seen.lagged++;
  const expected = new Map<string, HighlightRecord>();
  for (const r of written) expected.set(r.id, expected.has(r.id) ? mergeHighlightRecords(expected.get(r.id)!, r) : r);
  for (const d of devices) expect(sorted(d.highlights.map)).toEqual(sorted(expected));
  for (const id of created) {
    const final = expected.get(id)!;
    if (isHighlightDeleted(final)) seen.deletedForGood++;
    else if (deletions.some((r) => final.deleted && compareRegisters(r, final.deleted) <= 0)) seen.cameBack++;
    if (isHighlightDeleted(final)) {
      // Gone only by an explicit deletion, one a device made, written after every note and colour it won over.
      expect(deletions.some((r) => compareRegisters(r, final.deleted) === 0)).toBe(true);
    }
    // The latest note anyone wrote is the one kept.
    const notes = written.filter((r) => r.id === id && r.note).map((r) => r.note!);
    const newest = notes.reduce<Register<string> | undefined>(
      (a, b) => (compareRegisters(a, b) >= 0 ? a : b),
      undefined,
    );
    expect(final.note).toEqual(newest);
  }
  return { expected, files: [...dav.files.keys()].sort() };
}

/** Both highlights made and known everywhere first, so that devices edit the same ones; then random steps. */
const PRELUDE: Op[] = [
  { kind: 'create', dev: 0, h: 0, note: 'Vu.' },
  { kind: 'create', dev: 1, h: 1, note: '' },
  ...[0, 1, 2, 3, 0, 1, 2, 3].map((d): Op => ({ kind: 'sync', dev: d, lag: -1 })),
];

const scenario = (sealed: fc.Arbitrary<boolean>) =>
  fc
    .record({
      devices: fc.integer({ min: 2, max: 4 }),
      skews: fc.array(fc.integer({ min: -3_600, max: 3_600 }), { minLength: 4, maxLength: 4 }),
      ops: fc.array(op, { minLength: 15, maxLength: 45 }),
      away: fc.record({ from: fc.nat(10), length: fc.integer({ min: 0, max: 40 }) }),
      sealed,
    })
    .map((s) => {
      // The device away starts its absence with weeks passing (more may pass meanwhile).
      const from = PRELUDE.length + Math.min(s.away.from, s.ops.length);
      const ops = [...PRELUDE, ...s.ops];
      if (s.away.length) ops.splice(from, 0, { kind: 'time', dev: 0, seconds: 40 * DAY });
      return { ...s, ops, away: { from, length: s.away.length } };
    });

describe('highlights through the WebDAV sync, as properties', () => {
  it('converge on every device, with lagging listings, skewed clocks and a device away for weeks', async () => {
    await fc.assert(
      fc.asyncProperty(scenario(fc.constant(false)), async (s) => {
        await run(s);
      }),
      { numRuns: 200 },
    );
    expect(seen.runs).toBeGreaterThanOrEqual(200);
    expect(seen.deletedForGood).toBeGreaterThan(60);
    expect(seen.cameBack).toBeGreaterThan(60);
    // About 45 of 200 runs (measured); the bound leaves room for the generator's variance.
    expect(seen.awayForWeeks).toBeGreaterThan(25);
  });

  it('converge the same when the files are sealed with a passphrase', async () => {
    await fc.assert(
      fc.asyncProperty(scenario(fc.constant(true)), async (s) => {
        await run(s);
      }),
      { numRuns: 25 },
    );
  });

  it('keep a note written on a device that had not seen the deletion, and lose one written before it', async () => {
    // The classic case, spelled out: A deletes while B, offline, writes a note later; B's note brings it back.
    const ops: Op[] = [
      { kind: 'create', dev: 0, h: 0, note: 'Vu.' },
      { kind: 'create', dev: 0, h: 1, note: 'Vu.' },
      { kind: 'sync', dev: 0, lag: -1 },
      { kind: 'sync', dev: 1, lag: -1 },
      { kind: 'note', dev: 1, h: 1, note: 'À relire' }, // before A's deletion: the deletion wins
      { kind: 'time', dev: 1, seconds: 600 },
      { kind: 'delete', dev: 0, h: 0 },
      { kind: 'delete', dev: 0, h: 1 },
      { kind: 'note', dev: 1, h: 0, note: 'Check the figures 📈' },
    ];
    const { expected, files } = await run({
      devices: 2,
      skews: [0, 0, 0, 0],
      ops,
      away: { from: 99, length: 0 },
      sealed: false,
    });
    const [kept, gone] = IDS.slice(0, 2).map((id) => expected.get(id)!);
    expect(isHighlightDeleted(kept!)).toBe(false);
    expect(kept!.note?.value).toBe('Check the figures 📈');
    expect(isHighlightDeleted(gone!)).toBe(true);
    // Each device's list file and highlights file, side by side.
    expect(files).toEqual(['device-0.highlights', 'device-0.json', 'device-1.highlights', 'device-1.json']);
  });
});
