// trailing-chrome's guard: nothing is trailing chrome when more than a quarter of the article's text follows its
// last paragraph of prose. The text after that paragraph is summed from the cleanup's measured lengths.
import { describe, expect, it } from 'vitest';
import { PROSE, removedBy } from '../../support/cleanup.ts';

const clean = (body: string) => removedBy('trailing-chrome', body);

describe('trailing-chrome', () => {
  it('removes a lone link after the last paragraph of prose', () => {
    expect(clean(`<p>${PROSE}</p><p>${PROSE}</p><div><a href="/list">Back to the list</a></div>`)).toEqual([
      'Back to the list',
    ]);
  });

  it('removes nothing when more than a quarter of the text follows the last prose, however nested', () => {
    const sections = Array.from(
      { length: 8 },
      (_, i) => `<h3>Part ${i}</h3><div><span>Short line number ${i} of the list</span></div>`,
    ).join('');
    expect(
      clean(
        `<div><p>${PROSE}</p>text after</div><section>${sections}</section><div><a href="/list">Back to the list</a></div>`,
      ),
    ).toEqual([]);
  });

  it('counts text nodes and nested blocks after the paragraph, but not comments', () => {
    // About 190 characters of prose; 40 after it in a text node and a nested div: under a quarter, so removed.
    const tail = `<!-- ${'x'.repeat(500)} --><div><a href="/list">Back to the list</a></div>`;
    expect(clean(`<section><p>${PROSE}</p><!-- ${'y'.repeat(500)} --></section>${tail}`)).toEqual(['Back to the list']);
  });
});
