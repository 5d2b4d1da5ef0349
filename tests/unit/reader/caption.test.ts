// caption: a marked caption goes whatever its length up to a paragraph's (science sites' figcaptions explain a
// diagram at length); an unmarked line only when short and credited.
import { describe, expect, it } from 'vitest';
import { PROSE, removedBy } from '../../support/cleanup.ts';

const clean = (body: string) => removedBy('caption', body).map((t) => t.slice(0, 30));
const LONG = `Functional areas of the module: (1) crew quarters, (2) exercise, (3) hygiene and waste. ${PROSE} ${PROSE} Credit: ESA`;

describe('caption', () => {
  it('removes a long figcaption, and a long caption-named block', () => {
    expect(LONG.length).toBeGreaterThan(400);
    const figure = `<figure><img src="a.jpg" alt=""><figcaption>${LONG}</figcaption></figure>`;
    expect(clean(`<p>${PROSE}</p>${figure}<p>${PROSE}</p>`)).toEqual([LONG.slice(0, 30)]);
    expect(clean(`<p>${PROSE}</p><div class="image-caption">${LONG}</div><p>${PROSE}</p>`)).toEqual([
      LONG.slice(0, 30),
    ]);
  });

  it('leaves a long unmarked paragraph that ends with a credit', () => {
    expect(clean(`<p>${PROSE}</p><div>${LONG}</div>`)).toEqual([]);
  });
});
