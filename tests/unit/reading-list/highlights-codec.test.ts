// The stored form of highlights (WebDAV device files, IndexedDB): compact and versioned; read back exactly;
// hostile, truncated and newer data reported, never thrown, never dropped without a word.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HIGHLIGHTS_FORMAT,
  HIGHLIGHTS_VERSION,
  decodeHighlightRecord,
  encodeHighlightRecord,
  readHighlights,
  serializeHighlights,
} from '../../../core/reading-list/highlights/codec.ts';
import {
  HIGHLIGHT_COLORS,
  HIGHLIGHT_LIMITS,
  changeHighlight,
  createHighlightRecord,
  type HighlightChange,
  type HighlightRecord,
} from '../../../core/reading-list/highlights/model.ts';

const ITEM = '0abc123def456';

/** Records as this version writes them: made, then changed, by a few devices. */
const recordArb: fc.Arbitrary<HighlightRecord> = fc
  .record({
    id: fc.stringMatching(/^[0-9a-z]{6,32}$/),
    exact: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).filter((s) => s.trim() !== ''),
    prefix: fc.string({ unit: 'grapheme', maxLength: 40 }),
    suffix: fc.string({ unit: 'grapheme', maxLength: 40 }),
    position: fc.option(fc.record({ start: fc.nat(100_000), length: fc.nat(500) })),
    created: fc.integer({ min: 0, max: 2_000_000_000 }),
    changes: fc.array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(...HIGHLIGHT_COLORS).map((value): HighlightChange => ({ field: 'color', value })),
          fc.string({ unit: 'binary', maxLength: 200 }).map((value): HighlightChange => ({ field: 'note', value })),
          fc.boolean().map((value): HighlightChange => ({ field: 'deleted', value })),
        ),
        fc.constantFrom('aaaaaa', 'bbbbbb'),
      ),
      { maxLength: 5 },
    ),
  })
  .map(({ id, exact, prefix, suffix, position, created, changes }) => {
    let record = createHighlightRecord(
      {
        id,
        item: ITEM,
        anchor: {
          quote: { exact, prefix, suffix },
          position: position && { start: position.start, end: position.start + position.length },
        },
      },
      created,
      'aaaaaa',
    );
    for (const [change, device] of changes) record = changeHighlight(record, change, created + 10, device);
    return record;
  });

describe('highlights stored form', () => {
  it('reads back exactly what was written', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 5 }), (records) => {
        const text = serializeHighlights(records);
        const read = readHighlights(text);
        expect(read).toEqual({ ok: true, records, repaired: [], rejected: [] });
        // The same from a parsed value (what IndexedDB hands back).
        expect(readHighlights(JSON.parse(text))).toEqual(read);
      }),
      { numRuns: 300 },
    );
  });

  it('is compact: registers as [value, time, device], no empty context, no missing position', () => {
    const record = createHighlightRecord(
      {
        id: 'hl0000000001',
        item: ITEM,
        anchor: { quote: { exact: 'quote', prefix: '', suffix: ' after' }, position: null },
      },
      1_764_000_000,
      'd1e2f3',
    );
    expect(encodeHighlightRecord(record)).toEqual({
      id: 'hl0000000001',
      item: ITEM,
      created: 1_764_000_000,
      anchor: [{ exact: 'quote', suffix: ' after' }, 1_764_000_000, 'd1e2f3'],
      color: ['yellow', 1_764_000_000, 'd1e2f3'],
    });
    expect(JSON.parse(serializeHighlights([record]))).toMatchObject({
      format: HIGHLIGHTS_FORMAT,
      version: HIGHLIGHTS_VERSION,
    });
  });

  it('keeps a record whose field is damaged, without that field, and says so', () => {
    const good = encodeHighlightRecord(
      changeHighlight(
        createHighlightRecord(
          {
            id: 'hl0000000001',
            item: ITEM,
            anchor: { quote: { exact: 'q', prefix: '', suffix: '' }, position: { start: 1, end: 2 } },
          },
          100,
          'aaaaaa',
        ),
        { field: 'note', value: 'My note' },
        110,
        'aaaaaa',
      ),
    );
    const damaged = {
      ...good,
      color: ['purple', 100, 'aaaaaa'],
      note: ['x'.repeat(HIGHLIGHT_LIMITS.note + 1), 120, 'bbbbbb'],
      anchor: [{ exact: 'q', prefix: 7, start: 5 }, 100, 'aaaaaa'],
      deleted: [true, -1, 'aaaaaa'],
    };
    const read = readHighlights({ format: HIGHLIGHTS_FORMAT, version: 1, highlights: [damaged] });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.records[0]).toEqual({
      id: 'hl0000000001',
      item: ITEM,
      created: 100,
      anchor: { value: { quote: { exact: 'q', prefix: '', suffix: '' }, position: null }, t: 100, d: 'aaaaaa' },
    });
    expect(read.repaired).toEqual([
      {
        index: 0,
        id: 'hl0000000001',
        problems: [
          'anchor: context dropped (not text, or too long)',
          'anchor: position dropped (not a span)',
          'color: dropped (damaged or not understood)',
          'note: dropped (damaged or not understood)',
          'deleted: dropped (damaged or not understood)',
        ],
      },
    ]);
  });

  it('returns a record it cannot use as rejected, raw, with the reason', () => {
    const raw = [{ id: 'BAD ID', item: ITEM, created: 1 }, 'text', null, { id: 'hl0000000001', item: ITEM }];
    const read = readHighlights({ format: HIGHLIGHTS_FORMAT, version: 1, highlights: raw });
    expect(read).toEqual({
      ok: true,
      records: [],
      repaired: [],
      rejected: [
        { index: 0, reason: 'no valid id', raw: raw[0] },
        { index: 1, reason: 'not a record', raw: 'text' },
        { index: 2, reason: 'not a record', raw: null },
        { index: 3, reason: 'no valid creation time', raw: raw[3] },
      ],
    });
  });

  it('reports a newer version, and files that are not highlights, instead of reading them', () => {
    expect(readHighlights({ format: HIGHLIGHTS_FORMAT, version: 2, highlights: [], more: {} })).toMatchObject({
      ok: false,
      reason: 'newer',
    });
    for (const bad of [
      '',
      '{"format":"clear-reader-sync","version":1}',
      '[]',
      '{"format":"clear-reader-highlights"}',
    ]) {
      expect(readHighlights(bad)).toMatchObject({ ok: false, reason: 'garbage' });
    }
  });

  it('takes nothing from the prototype, and survives getters that throw', () => {
    const text = `{"id":"hl0000000001","item":"${ITEM}","created":5,"__proto__":{"deleted":[true,9,"x"]}}`;
    const decoded = decodeHighlightRecord(JSON.parse(text));
    expect(decoded).toEqual({ ok: true, record: { id: 'hl0000000001', item: ITEM, created: 5 }, problems: [] });
    const hostile = Object.defineProperty({}, 'id', {
      get() {
        throw new Error('boom');
      },
    });
    const unreadable = decodeHighlightRecord(hostile);
    expect(!unreadable.ok && unreadable.reason).toBe('unreadable (Error: boom)');
  });
});

describe('highlights stored form (property-based)', () => {
  it('never throws on anything, and accounts for every entry', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.anything(), recordArb.map(encodeHighlightRecord))), (entries) => {
        const read = readHighlights({ format: HIGHLIGHTS_FORMAT, version: 1, highlights: entries });
        expect(read.ok).toBe(true);
        if (!read.ok) return;
        expect(read.records.length + read.rejected.length).toBe(entries.length);
        // What it keeps is what this version writes: it reads back unchanged.
        expect(readHighlights(serializeHighlights(read.records))).toMatchObject({
          records: read.records,
          repaired: [],
        });
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const read = readHighlights(input);
        expect(typeof read.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('reports a file cut short, wherever it was cut', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 3 }), fc.nat(), (records, at) => {
        const text = serializeHighlights(records);
        const cut = text.slice(0, at % text.length);
        expect(readHighlights(cut)).toMatchObject({ ok: false, reason: 'garbage' });
      }),
      { numRuns: 300 },
    );
  });
});
