// Highlights merged like the list's items: per-field last-writer-wins registers and tombstones. Unit cases for
// the rules (a deletion against an edit it never saw, undo, skewed clocks), the join's laws, and a simulation of
// devices editing, deleting and restoring the same highlights, exchanging their per-device files through the
// stored form in any order, duplicated, one of them offline for weeks: all converge, and nothing is lost but by
// an explicit deletion.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRegisters, type Register } from '../../../core/reading-list/crdt.ts';
import { readHighlights, serializeHighlights } from '../../../core/reading-list/highlights/codec.ts';
import {
  HIGHLIGHT_FIELDS,
  changeHighlight,
  createHighlightRecord,
  highlightCovers,
  isHighlightDeleted,
  mergeHighlightRecords,
  mergeHighlights,
  toHighlight,
  type HighlightAnchor,
  type HighlightChange,
  type HighlightRecord,
} from '../../../core/reading-list/highlights/model.ts';

const ITEM = '0abc123def456';
const ANCHOR: HighlightAnchor = {
  quote: { exact: 'the budget was fair', prefix: 'The mayor said ', suffix: '. Critics' },
  position: { start: 42, end: 61 },
};
const made = (nowS = 1_000, device = 'aaaaaa') =>
  createHighlightRecord({ id: 'hl0000000001', item: ITEM, anchor: ANCHOR }, nowS, device);

describe('highlight records', () => {
  it('are made with their anchor and colour, a note only when there is one, kept normalized', () => {
    const record = createHighlightRecord(
      { id: 'hl0000000001', item: ITEM, anchor: ANCHOR, color: 'green', note: '  Line one\r\nline two\u0007 ' },
      1_000,
      'aaaaaa',
    );
    expect(record.note?.value).toBe('Line one\nline two');
    expect(toHighlight(record)).toMatchObject({ color: 'green', createdAt: 1_000_000, deleted: false });
    expect(made().note).toBeUndefined();
    // An import keeps when the reader made it elsewhere; a date in the future is now.
    expect(createHighlightRecord({ item: ITEM, anchor: ANCHOR, created: 500 }, 1_000, 'aaaaaa').created).toBe(500);
    expect(createHighlightRecord({ item: ITEM, anchor: ANCHOR, created: 9_000 }, 1_000, 'aaaaaa').created).toBe(1_000);
    expect(() =>
      createHighlightRecord({ item: ITEM, anchor: { ...ANCHOR, quote: { ...ANCHOR.quote, exact: ' ' } } }, 1, 'a'),
    ).toThrow(RangeError);
  });

  it('are deleted by a deletion made after every edit it saw, and restored by undo', () => {
    const noted = changeHighlight(made(), { field: 'note', value: 'Check this' }, 1_010, 'aaaaaa');
    const deleted = changeHighlight(noted, { field: 'deleted', value: true }, 1_020, 'aaaaaa');
    expect(isHighlightDeleted(deleted)).toBe(true);
    const restored = changeHighlight(deleted, { field: 'deleted', value: false }, 1_021, 'aaaaaa');
    expect(toHighlight(restored)).toMatchObject({ deleted: false, note: 'Check this' });
    expect(changeHighlight(restored, { field: 'deleted', value: false }, 1_030, 'aaaaaa')).toBe(restored);
    expect(changeHighlight(restored, { field: 'note', value: ' Check this ' }, 1_030, 'aaaaaa')).toBe(restored);
  });

  it('come back with a note written after the deletion on a device that had not heard of it', () => {
    const base = made();
    const deletedOnA = changeHighlight(base, { field: 'deleted', value: true }, 2_000, 'aaaaaa');
    const notedOnB = changeHighlight(base, { field: 'note', value: 'Written later on B' }, 2_005, 'bbbbbb');
    const merged = mergeHighlightRecords(deletedOnA, notedOnB);
    expect(mergeHighlightRecords(notedOnB, deletedOnA)).toEqual(merged);
    expect(toHighlight(merged)).toMatchObject({ deleted: false, note: 'Written later on B' });
    // The same note written before the deletion: the deletion saw its time, and wins.
    const notedEarlier = changeHighlight(base, { field: 'note', value: 'Written before' }, 1_995, 'bbbbbb');
    expect(isHighlightDeleted(mergeHighlightRecords(deletedOnA, notedEarlier))).toBe(true);
    // At the same second, the deletion wins.
    const sameSecond = changeHighlight(base, { field: 'color', value: 'pink' }, 2_000, 'bbbbbb');
    expect(isHighlightDeleted(mergeHighlightRecords(deletedOnA, sameSecond))).toBe(true);
  });

  it('let a change made after seeing another win over it, whatever the clocks say', () => {
    // B's clock is an hour ahead; A, seeing B's note, deletes with its own slower clock: the deletion wins.
    const notedOnB = changeHighlight(made(), { field: 'note', value: 'From the future' }, 5_600, 'bbbbbb');
    const deletedOnA = changeHighlight(notedOnB, { field: 'deleted', value: true }, 2_000, 'aaaaaa');
    expect(deletedOnA.deleted!.t).toBeGreaterThan(5_600);
    expect(isHighlightDeleted(mergeHighlightRecords(notedOnB, deletedOnA))).toBe(true);
    // Restored by a later edit elsewhere, then deleted again by a device whose clock is behind.
    const resurrected = changeHighlight(deletedOnA, { field: 'color', value: 'blue' }, 9_000, 'bbbbbb');
    expect(isHighlightDeleted(resurrected)).toBe(false);
    const again = changeHighlight(resurrected, { field: 'deleted', value: true }, 3_000, 'aaaaaa');
    expect(isHighlightDeleted(again)).toBe(true);
  });

  it('merge maps of records, reporting what changed and keeping the same map when nothing did', () => {
    const a = made();
    const current = new Map([[a.id, a]]);
    expect(mergeHighlights(current, [a]).records).toBe(current);
    const b = changeHighlight(a, { field: 'color', value: 'blue' }, 1_100, 'bbbbbb');
    const other = createHighlightRecord({ id: 'hl0000000002', item: ITEM, anchor: ANCHOR }, 1_000, 'bbbbbb');
    const { records, changed } = mergeHighlights(current, [b, other, a]);
    expect(changed.sort()).toEqual([a.id, other.id]);
    expect(records.get(a.id)!.color!.value).toBe('blue');
    expect(highlightCovers(records.get(a.id), a)).toBe(true);
    expect(highlightCovers(a, b)).toBe(false);
  });
});

// Few times and devices, so that ties (same time, different device or value) happen.
const reg = <T>(value: fc.Arbitrary<T>) =>
  fc.record({ value, t: fc.integer({ min: 100, max: 103 }), d: fc.constantFrom('aa', 'bb') });
const recordArb: fc.Arbitrary<HighlightRecord> = fc
  .record(
    {
      created: fc.integer({ min: 90, max: 92 }),
      item: fc.constantFrom(ITEM, '0abc123def457'),
      anchor: reg(
        fc.constantFrom<HighlightAnchor>(
          ANCHOR,
          { ...ANCHOR, position: null },
          {
            quote: { ...ANCHOR.quote, exact: 'the budget' },
            position: { start: 42, end: 52 },
          },
        ),
      ),
      color: reg(fc.constantFrom('yellow' as const, 'blue' as const)),
      note: reg(fc.constantFrom('', 'A note', 'Une note')),
      deleted: reg(fc.boolean()),
    },
    { requiredKeys: ['created', 'item'] },
  )
  .map((r) => ({ id: 'hl0000000001', ...r }));

describe('merging highlight records (property-based)', () => {
  it('is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(recordArb, recordArb, recordArb, (a, b, c) => {
        expect(mergeHighlightRecords(a, b)).toEqual(mergeHighlightRecords(b, a));
        expect(mergeHighlightRecords(mergeHighlightRecords(a, b), c)).toEqual(
          mergeHighlightRecords(a, mergeHighlightRecords(b, c)),
        );
        expect(mergeHighlightRecords(a, a)).toBe(a);
        const ab = mergeHighlightRecords(a, b);
        expect(highlightCovers(ab, a) && highlightCovers(ab, b)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('deleting with a clock behind (property-based)', () => {
  it('deletes what the deleting device had seen, however far ahead the clocks that wrote it were', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(changeArb, fc.integer({ min: 0, max: 86_400 })), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 86_400 }),
        (edits, behind) => {
          // B writes with a clock up to a day ahead; A reads B's file, then deletes with its own clock.
          let onB = made(1_000, 'bbbbbb');
          for (const [change, ahead] of edits) onB = changeHighlight(onB, change, 1_000 + ahead, 'bbbbbb');
          const read = readHighlights(serializeHighlights([onB]));
          if (!read.ok) throw new Error(read.message);
          const onA = changeHighlight(read.records[0]!, { field: 'deleted', value: true }, 1_000 + behind, 'aaaaaa');
          expect(isHighlightDeleted(mergeHighlightRecords(onB, onA))).toBe(true);
          expect(isHighlightDeleted(mergeHighlightRecords(onA, onB))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// The simulation: devices keep their records, write their whole state to their own file now and then, and read
// the others' files late, in any order, more than once. One device may be offline (reading and writing
// nothing) for weeks.
type Op =
  /** `slot`: which highlight (to create, or among those the device has). */
  | { kind: 'create'; device: number; slot: number }
  | { kind: 'edit'; device: number; slot: number; change: HighlightChange }
  | { kind: 'delete' | 'undo'; device: number; slot: number }
  | { kind: 'publish'; device: number }
  | { kind: 'read'; device: number; pick: number; again: boolean }
  | { kind: 'tick'; seconds: number }
  | { kind: 'offline'; device: number; offline: boolean };

const SLOTS = 4;
/** Slot 0 is an import: every device that imports it makes the same id (importing twice adds nothing). */
const idOf = (slot: number, device: number) => (slot === 0 ? 'import000001' : `hl${device}slot${slot % SLOTS}`);

const changeArb = fc.oneof(
  fc.constantFrom<HighlightChange>({ field: 'color', value: 'green' }, { field: 'color', value: 'pink' }),
  fc
    .constantFrom('', 'Why?', 'À relire : « important »', 'Note 👍🏽')
    .map((value): HighlightChange => ({ field: 'note', value })),
  fc.constant<HighlightChange>({
    field: 'anchor',
    value: { quote: { exact: 'the budget was fair.', prefix: 'said ', suffix: '' }, position: { start: 50, end: 70 } },
  }),
);

function opArb(devices: number): fc.Arbitrary<Op> {
  const device = fc.nat(devices - 1);
  const slot = fc.nat(2 * SLOTS);
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), device, slot }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), device, slot, change: changeArb }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('delete' as const, 'undo' as const), device, slot }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('publish' as const), device }) },
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('read' as const), device, pick: fc.nat(), again: fc.boolean() }),
    },
    // Seconds or minutes; now and then weeks (a device offline that long).
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('tick' as const),
        seconds: fc.oneof(
          { weight: 4, arbitrary: fc.integer({ min: 0, max: 600 }) },
          { weight: 1, arbitrary: fc.integer({ min: 0, max: 30 * 86_400 }) },
        ),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('offline' as const), device, offline: fc.boolean() }) },
  );
}

const scenarioArb = fc.integer({ min: 2, max: 4 }).chain((devices) =>
  fc.record({
    devices: fc.constant(devices),
    // Clocks minutes to a day apart.
    skews: fc.array(fc.oneof(fc.integer({ min: -600, max: 600 }), fc.integer({ min: -86_400, max: 86_400 })), {
      minLength: devices,
      maxLength: devices,
    }),
    ops: fc.array(opArb(devices), { minLength: 10, maxLength: 60 }),
  }),
);

const registerKey = (field: string, r: Register<unknown>) => `${field}:${r.t}:${r.d}:${JSON.stringify(r.value)}`;
const registerKeys = (record: HighlightRecord) =>
  HIGHLIGHT_FIELDS.flatMap((f) => (record[f] ? [registerKey(f, record[f])] : []));

interface Device {
  tag: string;
  records: ReadonlyMap<string, HighlightRecord>;
  /** Files of other devices not read yet (a file may be read more than once, and late). */
  inbox: string[];
  offline: boolean;
}

function receive(device: Device, file: string) {
  const read = readHighlights(file);
  if (!read.ok) throw new Error(read.message);
  expect(read.rejected).toEqual([]);
  expect(read.repaired).toEqual([]);
  device.records = mergeHighlights(device.records, read.records).records;
}

function simulate(scenario: { devices: number; skews: number[]; ops: Op[] }) {
  let now = 1_764_000_000;
  const devices: Device[] = Array.from({ length: scenario.devices }, (_, i) => ({
    tag: `dev00${i}`,
    records: new Map(),
    inbox: [],
    offline: false,
  }));
  const clock = (i: number) => now + scenario.skews[i]!;
  /** Every register any device wrote, per highlight id and field: the oracle. */
  const written = new Map<string, Map<string, Register<unknown>[]>>();
  const deletedBy = new Set<string>();
  /** Per highlight, what each deletion had seen: the registers of the deleting device's copy. */
  const seenByDeletions = new Map<string, Set<string>[]>();
  const log = (before: HighlightRecord | undefined, after: HighlightRecord) => {
    const fields = written.get(after.id) ?? new Map<string, Register<unknown>[]>();
    written.set(after.id, fields);
    for (const field of HIGHLIGHT_FIELDS) {
      const r = after[field];
      if (r && r !== before?.[field]) fields.set(field, [...(fields.get(field) ?? []), r]);
    }
  };
  const apply = (i: number, id: string, change: HighlightChange) => {
    const d = devices[i]!;
    const before = d.records.get(id)!;
    const after = changeHighlight(before, change, clock(i), d.tag);
    // The reader's own change takes effect on the device at once, whatever its clock says.
    if (change.field === 'deleted') expect(isHighlightDeleted(after)).toBe(change.value);
    else
      expect(toHighlight(after)?.[change.field === 'anchor' ? 'quote' : change.field]).toEqual(
        change.field === 'anchor' ? change.value.quote : change.value,
      );
    if (after === before) return;
    log(before, after);
    if (change.field === 'deleted' && change.value) {
      deletedBy.add(id);
      seenByDeletions.set(id, [...(seenByDeletions.get(id) ?? []), new Set(registerKeys(before))]);
    }
    d.records = new Map(d.records).set(id, after);
  };

  for (const op of scenario.ops) {
    now += 1;
    if (op.kind === 'tick') now += op.seconds;
    else if (op.kind === 'offline') devices[op.device]!.offline = op.offline;
    else if (op.kind === 'publish') {
      const d = devices[op.device]!;
      if (d.offline) continue;
      const file = serializeHighlights(d.records.values());
      devices.forEach((other, j) => j !== op.device && other.inbox.push(file));
    } else if (op.kind === 'read') {
      const d = devices[op.device]!;
      if (d.offline || !d.inbox.length) continue;
      const at = op.pick % d.inbox.length;
      const file = d.inbox[at]!;
      if (!op.again) d.inbox.splice(at, 1);
      receive(d, file);
    } else {
      const d = devices[op.device]!;
      const id = idOf(op.slot, op.device);
      // The reader edits, deletes or restores one of the highlights this device has (made here or read).
      const known = [...d.records.values()].filter((r) =>
        op.kind === 'undo' ? isHighlightDeleted(r) : !isHighlightDeleted(r),
      );
      const existing = known.length ? known[op.slot % known.length] : undefined;
      if (op.kind === 'create') {
        if (d.records.has(id)) continue;
        const record = createHighlightRecord(
          { id, item: ITEM, anchor: ANCHOR, created: op.slot === 0 ? 1_700_000_000 : undefined },
          clock(op.device),
          d.tag,
        );
        log(undefined, record);
        d.records = new Map(d.records).set(id, record);
        continue;
      }
      if (!existing) continue;
      if (op.kind === 'edit') apply(op.device, existing.id, op.change);
      else apply(op.device, existing.id, { field: 'deleted', value: op.kind === 'delete' });
    }
  }

  // Everyone back online: each publishes its whole state and reads everything, twice over.
  for (let round = 0; round < 2; round++) {
    const files = devices.map((d) => serializeHighlights(d.records.values()));
    devices.forEach((d, i) => {
      for (const file of d.inbox.splice(0)) receive(d, file);
      files.forEach((file, j) => j !== i && receive(d, file));
    });
  }
  return { devices, written, deletedBy, seenByDeletions };
}

describe('highlights sync: convergence (property-based)', () => {
  it('every device ends with the same records, and each is the join of everything written', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { devices, written, deletedBy, seenByDeletions } = simulate(scenario);
        const first = devices[0]!.records;
        for (const d of devices.slice(1)) expect(new Map([...d.records].sort())).toEqual(new Map([...first].sort()));
        expect([...first.keys()].sort()).toEqual([...written.keys()].sort());

        for (const [id, fields] of written) {
          const record = first.get(id)!;
          // Each field holds the latest of all the values written to it: no note or colour is lost.
          const latest = (field: string) =>
            (fields.get(field) ?? []).reduce<Register<unknown> | undefined>(
              (best, r) => (compareRegisters(r, best) > 0 ? r : best),
              undefined,
            );
          for (const field of HIGHLIGHT_FIELDS) expect(record[field], `${id} ${field}`).toEqual(latest(field));
          // Deleted only by an explicit deletion made after every edit of it.
          const deletion = latest('deleted');
          const lastEdit = Math.max(...['anchor', 'color', 'note'].map((f) => latest(f)?.t ?? 0));
          const expectDeleted = deletion?.value === true && deletion.t >= lastEdit;
          expect(isHighlightDeleted(record), id).toBe(expectDeleted);
          if (expectDeleted) expect(deletedBy.has(id)).toBe(true);
          else {
            expect(toHighlight(record)).not.toBeNull();
            // Alive after deletions: each of them missed something written (an edit, an undo, a re-import).
            const everything = [...fields].flatMap(([field, rs]) => rs.map((r) => registerKey(field, r)));
            for (const seen of seenByDeletions.get(id) ?? []) {
              expect(
                everything.some((key) => !seen.has(key)),
                `${id}: a deletion that saw everything`,
              ).toBe(true);
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  }, 60_000);
});
