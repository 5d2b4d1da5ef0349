// What the UI and the exports show of highlights: reading order, counts, Markdown.
import { describe, expect, it } from 'vitest';
import type { AnchorResult } from '../../../core/reading-list/highlights/anchor.ts';
import {
  changeHighlight,
  createHighlightRecord,
  type HighlightAnchor,
  type HighlightRecord,
} from '../../../core/reading-list/highlights/model.ts';
import {
  countHighlights,
  escapeMarkdown,
  highlightsMarkdown,
  highlightsOfItem,
  sortByPosition,
} from '../../../core/reading-list/highlights/present.ts';

const ITEM = '0abc123def456';
const OTHER = '0abc123def457';
const at = (exact: string, start: number | null): HighlightAnchor => ({
  quote: { exact, prefix: '', suffix: '' },
  position: start === null ? null : { start, end: start + exact.length },
});
const make = (id: string, anchor: HighlightAnchor, nowS: number, item = ITEM, note = '') =>
  createHighlightRecord({ id, item, anchor, note }, nowS, 'aaaaaa');

const records: HighlightRecord[] = [
  make('hlthird0001', at('third', 300), 100),
  make('hlfirst0001', at('first', 10), 101, ITEM, 'A note'),
  make('hlimport001', at('imported, never placed', null), 50),
  make('hlsecond001', at('second', 200), 102),
  make('hlelsewhere', at('other article', 5), 103, OTHER, 'Elsewhere'),
  changeHighlight(make('hldeleted01', at('deleted', 0), 99), { field: 'deleted', value: true }, 120, 'aaaaaa'),
];

describe('highlightsOfItem and sortByPosition', () => {
  it("lists an item's live highlights in reading order, the unplaced ones last", () => {
    expect(highlightsOfItem(records, ITEM).map((h) => h.id)).toEqual([
      'hlfirst0001',
      'hlsecond001',
      'hlthird0001',
      'hlimport001',
    ]);
  });

  it('orders by where they are in the current text when that is known, orphans last, oldest first', () => {
    const located = new Map<string, AnchorResult>([
      ['hlthird0001', { kind: 'exact', start: 5, end: 10, score: 1 }],
      ['hlfirst0001', { kind: 'orphan' }],
      ['hlsecond001', { kind: 'fuzzy', start: 50, end: 60, score: 0.9, errors: 1 }],
      ['hlimport001', { kind: 'exact', start: 20, end: 40, score: 1 }],
    ]);
    const list = highlightsOfItem(records, ITEM);
    expect(sortByPosition(list, located).map((h) => h.id)).toEqual([
      'hlthird0001',
      'hlimport001',
      'hlsecond001',
      'hlfirst0001',
    ]);
  });
});

describe('countHighlights', () => {
  it('counts live highlights and notes per item', () => {
    expect(countHighlights(records)).toEqual(
      new Map([
        [ITEM, { highlights: 4, notes: 1 }],
        [OTHER, { highlights: 1, notes: 1 }],
      ]),
    );
  });
});

describe('highlightsMarkdown', () => {
  it('writes the title, the link, and each highlight as a quote followed by its note', () => {
    const highlights = highlightsOfItem(
      [
        make('hlone000001', at('Le maire a dit : « non ».\n\nPuis il est parti.', 0), 100, ITEM, 'À vérifier *vite*'),
        make('hltwo000001', at('# not a heading, 1. not a list', 80), 101),
      ],
      ITEM,
    );
    expect(highlightsMarkdown({ title: 'Budget :  le  vote', url: 'https://www.lemonde.fr/a.html' }, highlights)).toBe(
      [
        '# Budget : le vote',
        '',
        '<https://www.lemonde.fr/a.html>',
        '',
        '> Le maire a dit : « non ».',
        '>',
        '> Puis il est parti.',
        '',
        'À vérifier *vite*',
        '',
        '> \\# not a heading, 1. not a list',
        '',
      ].join('\n'),
    );
  });

  it('escapes what would start markup in the quoted text', () => {
    expect(escapeMarkdown('a *b* _c_ [d](e) <f> `g` 1. h')).toBe('a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\`g\\` 1. h');
    expect(escapeMarkdown('1. first\n- second\n+ third')).toBe('1\\. first\n\\- second\n\\+ third');
  });
});
