// The replicated item: last-writer-wins registers, merged in any order to the same result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FIELDS,
  collectedCovers,
  collectedVerdict,
  covers,
  isDeleted,
  mergeCollected,
  mergeRecords,
  normalizeTags,
  projectForSync,
  pruneCollected,
  quantizeProgress,
  toSavedItem,
  validateRecord,
  write,
  type Collected,
  type ItemRecord,
  type Register,
} from '../../../core/reading-list/crdt.ts';
import { truncate } from '../../../core/util/index.ts';
import { itemId } from '../../../core/reading-list/url.ts';

const URL = 'https://www.example.fr/a.html';
const ID = itemId(URL);

// Few times and devices, so that ties (same time, same device, different values) happen.
const reg = <T>(value: fc.Arbitrary<T>) =>
  fc.record({ value, t: fc.integer({ min: 100, max: 103 }), d: fc.constantFrom('aa', 'bb') }) as fc.Arbitrary<
    Register<T>
  >;
const recordArb: fc.Arbitrary<ItemRecord> = fc
  .record(
    {
      meta: reg(
        fc.record({
          url: fc.constant(URL),
          title: fc.constantFrom('Titre', 'Titre complet', 'Titre…'),
          site: fc.constantFrom(null, 'Exemple'),
          lang: fc.constant('fr'),
          excerpt: fc.constantFrom('', 'Un extrait.'),
        }),
      ),
      state: reg(fc.constantFrom('unread' as const, 'archived' as const)),
      favourite: reg(fc.boolean()),
      tags: reg(fc.constantFrom([], ['a'], ['a', 'b'])),
      progress: reg(fc.constantFrom(0, 0.5, 1)),
      deleted: reg(fc.boolean()),
    },
    { requiredKeys: [] },
  )
  .map((r) => ({ id: ID, ...r }) as ItemRecord);

const same = (a: ItemRecord, b: ItemRecord) => {
  for (const f of FIELDS) expect(a[f]).toEqual(b[f]);
};

describe('merge', () => {
  it('is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(recordArb, recordArb, recordArb, (a, b, c) => {
        same(mergeRecords(a, b), mergeRecords(b, a));
        same(mergeRecords(mergeRecords(a, b), c), mergeRecords(a, mergeRecords(b, c)));
        same(mergeRecords(a, a), a);
        same(mergeRecords(mergeRecords(a, b), b), mergeRecords(a, b));
      }),
      { numRuns: 2_000 },
    );
  });

  it('covers(a, b) exactly when merging b into a changes nothing', () => {
    fc.assert(
      fc.property(recordArb, recordArb, (a, b) => {
        const merged = mergeRecords(a, b);
        expect(covers(a, b)).toBe(FIELDS.every((f) => merged[f] === a[f]));
        expect(covers(merged, a) && covers(merged, b)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it('keeps the full metadata over its synced projection (shorter title, no excerpt)', () => {
    fc.assert(
      fc.property(recordArb, (a) => {
        const projected = projectForSync(a);
        expect(covers(a, projected)).toBe(true);
        same(mergeRecords(projected, a), a);
      }),
      { numRuns: 500 },
    );
  });

  it('takes each field from its latest write, independently', () => {
    const a: ItemRecord = {
      id: ID,
      state: { value: 'archived', t: 10, d: 'aa' },
      favourite: { value: true, t: 5, d: 'aa' },
    };
    const b: ItemRecord = {
      id: ID,
      state: { value: 'unread', t: 8, d: 'bb' },
      favourite: { value: false, t: 9, d: 'bb' },
    };
    const m = mergeRecords(a, b);
    expect(m.state?.value).toBe('archived');
    expect(m.favourite?.value).toBe(false);
  });
});

describe('registers', () => {
  it('a new write wins over what the device saw, even with a clock behind', () => {
    const seen: Register<string> = { value: 'archived', t: 2_000, d: 'zz' };
    const next = write<'state'>(seen as Register<'archived'>, 'unread', 1_000, 'aa');
    expect(next).toEqual({ value: 'unread', t: 2_001, d: 'aa' });
    expect(write<'state'>(undefined, 'unread', 1_000, 'aa').t).toBe(1_000);
  });

  it('deleted: the deletion register, unless a later save came after it', () => {
    const meta = { value: { url: URL, title: 'T', site: null, lang: 'fr', excerpt: '' }, t: 100, d: 'aa' };
    expect(isDeleted({ id: ID, meta, deleted: { value: true, t: 101, d: 'bb' } })).toBe(true);
    expect(isDeleted({ id: ID, meta, deleted: { value: true, t: 100, d: 'bb' } })).toBe(true); // same second
    expect(isDeleted({ id: ID, meta, deleted: { value: true, t: 99, d: 'bb' } })).toBe(false); // saved after
    expect(isDeleted({ id: ID, meta, deleted: { value: false, t: 101, d: 'bb' } })).toBe(false);
    expect(isDeleted({ id: ID, deleted: { value: true, t: 1, d: 'bb' } })).toBe(true);
  });

  it('projects a tombstone to its deletion only', () => {
    const meta = { value: { url: URL, title: 'T', site: null, lang: 'fr', excerpt: 'E' }, t: 100, d: 'aa' };
    const dead: ItemRecord = {
      id: ID,
      meta,
      tags: { value: ['x'], t: 100, d: 'aa' },
      deleted: { value: true, t: 101, d: 'aa' },
    };
    expect(projectForSync(dead)).toEqual({ id: ID, deleted: dead.deleted });
    expect(toSavedItem(dead, false)?.deleted).toBe(true);
  });
});

describe('values', () => {
  it('truncates without ever splitting a character in two (a lone surrogate would not survive sync)', () => {
    const site = `${'a'.repeat(30)}𝅘𝅥𝅮𝅘𝅥𝅮`; // the cut falls inside the first musical note's surrogate pair
    const cut = truncate(site, 32);
    expect(cut).toBe(`${'a'.repeat(30)}…`);
    expect(cut.isWellFormed()).toBe(true);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 2, max: 60 }), (text, max) =>
        truncate(text, max).isWellFormed(),
      ),
    );
  });

  it('normalizes tags: trimmed, one per spelling ignoring case, sorted, at most 20 of 40 characters', () => {
    expect(normalizeTags([' Tech ', 'tech', 'à lire', '', 'climat\tplanète', 'x'.repeat(50)])).toEqual([
      'climat planète',
      'Tech',
      'x'.repeat(40),
      'à lire',
    ]);
    expect(normalizeTags(Array.from({ length: 30 }, (_, i) => `t${i}`))).toHaveLength(20);
  });

  it('keeps progress to a thousandth, between 0 and 1', () => {
    expect(quantizeProgress(0.12345)).toBe(0.123);
    expect(quantizeProgress(-1)).toBe(0);
    expect(quantizeProgress(7)).toBe(1);
    expect(quantizeProgress(Number.NaN)).toBe(0);
  });

  it('shortens at a word boundary', () => {
    expect(truncate('Une réforme des retraites très contestée', 20)).toBe('Une réforme des…');
    expect(truncate('court', 20)).toBe('court');
  });

  it('validates what storage or another device gives', () => {
    expect(validateRecord(null)).toBeNull();
    expect(validateRecord({ id: 'NOT AN ID' })).toBeNull();
    const r = validateRecord({
      id: ID,
      meta: { value: { url: URL, title: 'Ti\ntre', site: '', lang: 'FR', excerpt: 3 }, t: 5, d: 'aa' },
      state: { value: 'lu', t: 5, d: 'aa' },
      favourite: { value: true, t: 1.5, d: 'aa' },
      tags: { value: ['b', 'a', 4], t: 5, d: 'aa' },
      progress: { value: 0.33333, t: 5, d: 'aa' },
    });
    expect(r).toEqual({
      id: ID,
      meta: { value: { url: URL, title: 'Ti tre', site: null, lang: 'fr', excerpt: '3' }, t: 5, d: 'aa' },
      tags: { value: ['a', 'b'], t: 5, d: 'aa' },
      progress: { value: 0.333, t: 5, d: 'aa' },
    });
    // Metadata for another URL is not this item's.
    expect(validateRecord({ id: ID, meta: { value: { url: 'https://other/' }, t: 1, d: 'a' } })).toEqual({ id: ID });
  });
});

describe('collected tombstones', () => {
  const collectedArb: fc.Arbitrary<Collected> = fc
    .record({
      floor: fc.constantFrom(0, 50, 100),
      ghosts: fc.dictionary(fc.constantFrom('aaaaaaaa', 'bbbbbbbb', 'cccccccc'), fc.integer({ min: 1, max: 200 })),
    })
    .map((c) => mergeCollected(c, { floor: 0, ghosts: {} }));

  it('merge is commutative, associative and idempotent; covers agrees with it', () => {
    fc.assert(
      fc.property(collectedArb, collectedArb, collectedArb, (a, b, c) => {
        expect(mergeCollected(a, b)).toEqual(mergeCollected(b, a));
        expect(mergeCollected(mergeCollected(a, b), c)).toEqual(mergeCollected(a, mergeCollected(b, c)));
        expect(mergeCollected(a, a)).toEqual(a);
        const m = mergeCollected(a, b);
        expect(collectedCovers(m, a) && collectedCovers(m, b)).toBe(true);
        expect(collectedCovers(a, b)).toBe(JSON.stringify(mergeCollected(a, b)) === JSON.stringify(a));
      }),
      { numRuns: 1_000 },
    );
  });

  it('tells whether an item was deleted after its last save and collected', () => {
    const id = 'xyz12345abcdefgh'.slice(0, 13);
    const c: Collected = { floor: 100, ghosts: { [id.slice(-8)]: 300 } };
    const saved = (t: number): ItemRecord => ({
      id,
      meta: { value: { url: 'u', title: '', site: null, lang: '', excerpt: '' }, t, d: 'a' },
    });
    expect(collectedVerdict(c, saved(250))).toBe('yes');
    expect(collectedVerdict(c, saved(301))).toBe('no'); // saved again after the deletion
    expect(collectedVerdict({ floor: 100, ghosts: {} }, saved(90))).toBe('maybe');
    expect(collectedVerdict({ floor: 100, ghosts: {} }, saved(101))).toBe('no');
    expect(pruneCollected(c, (_, t) => t < 400)).toEqual({ floor: 300, ghosts: {} });
    expect(pruneCollected(c, (_, t) => t < 200)).toEqual(c);
  });
});
