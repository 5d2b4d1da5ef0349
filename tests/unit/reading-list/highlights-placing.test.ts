// Placing highlights that came with their quote alone (an import) once the article's text is known.
import { describe, expect, it } from 'vitest';
import {
  changeHighlight,
  createHighlightRecord,
  isUnplaced,
  placeUnplaced,
  type HighlightRecord,
} from '../../../core/reading-list/index.ts';

const quoteOnly = (id: string, exact: string): HighlightRecord =>
  createHighlightRecord(
    { id, item: 'item1', anchor: { quote: { exact, prefix: '', suffix: '' }, position: null } },
    100,
    'dev',
  );

const TEXT = 'نص عربي قصير. A first paragraph 🙂 with words.\n\nThe second one, with words again and a quote to find.';

describe('placeUnplaced', () => {
  it('completes the anchor of a quote found exactly, with the text’s context and position', () => {
    const placed = placeUnplaced([quoteOnly('aaaaaa1', 'a quote to find')], TEXT);
    const start = TEXT.indexOf('a quote to find');
    expect(placed.get('aaaaaa1')).toEqual({
      quote: { exact: 'a quote to find', prefix: TEXT.slice(start - 32, start), suffix: '.' },
      position: { start, end: start + 15 },
    });
  });

  it('keeps the reader’s quote when the text differs a little (whitespace, an edit), with where it was found', () => {
    const placed = placeUnplaced([quoteOnly('aaaaaa2', 'A first  paragraph 🙂 with\nwords')], TEXT);
    const found = placed.get('aaaaaa2')!;
    expect(found.quote.exact).toBe('A first  paragraph 🙂 with\nwords');
    expect(TEXT.slice(found.position!.start, found.position!.end)).toBe('A first paragraph 🙂 with words');
    expect(found.quote.prefix).toBe('نص عربي قصير. ');
  });

  it('leaves alone a quote not in the text, a deleted highlight, and one already placed', () => {
    const deleted = changeHighlight(
      quoteOnly('aaaaaa4', 'a quote to find'),
      { field: 'deleted', value: true },
      200,
      'dev',
    );
    const placedAlready = createHighlightRecord(
      {
        id: 'aaaaaa5',
        item: 'item1',
        anchor: { quote: { exact: 'words', prefix: 'with ', suffix: '' }, position: { start: 40, end: 45 } },
      },
      100,
      'dev',
    );
    expect(placeUnplaced([quoteOnly('aaaaaa3', 'nowhere in this article'), deleted, placedAlready], TEXT).size).toBe(0);
    expect(isUnplaced(placedAlready.anchor!.value)).toBe(false);
    expect(isUnplaced(undefined)).toBe(false);
  });
});
