import { describe, expect, it } from 'vitest';
import {
  LISTEN_PLACES_MAX,
  listenPlaceOf,
  mergeListenPlaces,
  normalizeListenPlaces,
  withListenPlace,
} from '../../../core/reading-list/index.ts';

describe('where the reader stopped listening', () => {
  it('keeps a place per item, replaces it as the reading moves, forgets it once read to the end', () => {
    let places = withListenPlace({}, 'a', { paragraph: 3, sentence: 1 }, 1_000);
    places = withListenPlace(places, 'b', { paragraph: 0, sentence: 0 }, 2_000);
    places = withListenPlace(places, 'a', { paragraph: 4, sentence: 0 }, 3_000);
    expect(listenPlaceOf(places, 'a')).toEqual({ paragraph: 4, sentence: 0 });
    expect(listenPlaceOf(places, 'b')).toEqual({ paragraph: 0, sentence: 0 });
    expect(listenPlaceOf(places, 'c')).toBeNull();
    places = withListenPlace(places, 'a', null, 4_000);
    expect(listenPlaceOf(places, 'a')).toBeNull();
    // Kept as a `gone` entry, so that an older place from another device does not come back.
    expect(places.a).toEqual({ paragraph: 0, sentence: 0, at: 4_000, gone: true });
    expect(mergeListenPlaces(places, { a: { paragraph: 3, sentence: 1, at: 3_500 } }).changed).toBe(0);
  });

  it("merges another device's places: the later change per article wins, ties keep ours", () => {
    const mine = { a: { paragraph: 3, sentence: 1, at: 10 }, b: { paragraph: 1, sentence: 0, at: 20 } };
    const theirs = {
      a: { paragraph: 5, sentence: 0, at: 30 },
      b: { paragraph: 9, sentence: 9, at: 20 },
      c: { paragraph: 2, sentence: 2, at: 5 },
    };
    const { places, changed } = mergeListenPlaces(mine, theirs);
    expect(changed).toBe(2);
    expect(listenPlaceOf(places, 'a')).toEqual({ paragraph: 5, sentence: 0 });
    expect(listenPlaceOf(places, 'b')).toEqual({ paragraph: 1, sentence: 0 });
    expect(listenPlaceOf(places, 'c')).toEqual({ paragraph: 2, sentence: 2 });
    // The same merge the other way gives the same places.
    expect(mergeListenPlaces(theirs, mine).places.a).toEqual(places.a);
  });

  it('drops the oldest places beyond the limit', () => {
    let places = {};
    for (let i = 0; i <= LISTEN_PLACES_MAX; i++)
      places = withListenPlace(places, `id${i}`, { paragraph: i, sentence: 0 }, i);
    expect(Object.keys(places)).toHaveLength(LISTEN_PLACES_MAX);
    expect(listenPlaceOf(places, 'id0')).toBeNull();
    expect(listenPlaceOf(places, `id${LISTEN_PLACES_MAX}`)).toEqual({ paragraph: LISTEN_PLACES_MAX, sentence: 0 });
  });

  it('reads a damaged or foreign store as what it can use, never as a place it does not hold', () => {
    expect(normalizeListenPlaces(null)).toEqual({});
    expect(normalizeListenPlaces([{ paragraph: 1, sentence: 0 }])).toEqual({});
    const places = normalizeListenPlaces({
      good: { paragraph: 2, sentence: 1, at: 5 },
      noTime: { paragraph: 2, sentence: 0 },
      negative: { paragraph: -1, sentence: 0, at: 1 },
      text: { paragraph: '2', sentence: 0, at: 1 },
      fraction: { paragraph: 1.5, sentence: 0, at: 1 },
      done: { paragraph: 0, sentence: 0, at: 7, gone: true },
      nothing: null,
    });
    expect(places).toEqual({
      good: { paragraph: 2, sentence: 1, at: 5 },
      noTime: { paragraph: 2, sentence: 0, at: 0 },
      done: { paragraph: 0, sentence: 0, at: 7, gone: true },
    });
    expect(listenPlaceOf(places, 'done')).toBeNull();
    expect(listenPlaceOf(places, 'toString')).toBeNull(); // an own entry only, not Object.prototype's
  });
});
