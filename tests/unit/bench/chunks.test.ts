// The broad corpus's chunk scoring (bench/lib/chunks.ts), on small made-up pages: no corpus needed.
import { describe, expect, it } from 'vitest';
import { chunkScores, collapseSpace, scoreChunks } from '../../../bench/lib/chunks.ts';

describe('chunk scoring', () => {
  it('finds a chunk whatever the whitespace, on either side', () => {
    const text = 'Erster Absatz des\n\nArtikels.\u00a0Zweiter   Absatz.\n\nImpressum';
    const page = scoreChunks(text, ['des Artikels. Zweiter', 'Absatz.\n Impressum', 'Fehlt hier'], ['Impressum']);
    expect(page).toEqual({
      withAll: 3,
      withFound: 2,
      withoutAll: 1,
      withoutFound: 1,
      lost: ['Fehlt hier'],
      leaked: ['Impressum'],
    });
    expect(collapseSpace(' a \t\n b ')).toBe('a b');
  });

  it('is case- and punctuation-exact: a chunk is a substring, nothing looser', () => {
    const page = scoreChunks('The cookie banner.', ['the cookie'], ['Cookie banner!']);
    expect(page.withFound).toBe(0);
    expect(page.withoutFound).toBe(0);
  });

  it('sums counts over pages before dividing (micro-average)', () => {
    const a = scoreChunks('keep one keep two drop', ['keep one', 'keep two'], ['drop']);
    const b = scoreChunks('', ['lost'], ['gone', 'absent']);
    const s = chunkScores([a, b]);
    // found "with": 2 of 3; found "without": 1 of 3.
    expect(s.pages).toBe(2);
    expect(s.recall).toBeCloseTo(2 / 3);
    expect(s.withFound).toBeCloseTo(2 / 3);
    expect(s.precision).toBeCloseTo(2 / 3);
    expect(s.f1).toBeCloseTo(2 / 3);
    expect(s.withoutAbsent).toBeCloseTo(2 / 3);
  });

  it('gives zeros, not NaN, when nothing is found', () => {
    const s = chunkScores([scoreChunks('', ['x'], [])]);
    expect(s).toMatchObject({ precision: 0, recall: 0, f1: 0, withoutAbsent: 1 });
  });
});
