// @vitest-environment jsdom
// The offline reader without its copy still lists the item's highlights (an import's, not placed yet).
import { h } from 'preact';
import { describe, expect, it } from 'vitest';
import type { Highlight } from '../../../core/reading-list/index.ts';
import { MissingCopy } from '../../../entrypoints/reader/MissingCopy.tsx';
import { useRoot } from '../../support/preact.ts';
import { t } from '../../support/translate.ts';

const { root, mount } = useRoot();
const texts = (selector: string) => [...root().querySelectorAll(selector)].map((e) => e.textContent);

const highlight = (id: string, exact: string, note = ''): Highlight => ({
  id,
  itemId: 'item1',
  color: 'green',
  note,
  quote: { exact, prefix: '', suffix: '' },
  position: null,
  createdAt: 1,
  updatedAt: 1,
  deleted: false,
});

describe('the offline reader without its copy', () => {
  it('lists the item’s highlights with their notes, and says they are placed once a copy is saved', async () => {
    const props = {
      kind: 'missing' as const,
      url: 'https://example.org/a',
      detail: 'no copy',
      t,
      onOpenOriginal: () => undefined,
    };
    await mount(
      h(MissingCopy, { ...props, highlights: [highlight('h1', 'one quote', 'a note'), highlight('h2', 'two')] }),
    );
    expect(texts('.hl-unplaced .hl-item blockquote')).toEqual(['one quote', 'two']);
    expect(texts('.hl-unplaced .hl-item-note')).toEqual(['a note']);
    expect(texts('.hl-unplaced .hl-help')).toEqual(['hlNotPlacedHelp']);
    expect(root().querySelector('#hl-h2')).not.toBeNull();
    await mount(h(MissingCopy, props));
    expect(root().querySelector('.hl-unplaced')).toBeNull();
  });
});
